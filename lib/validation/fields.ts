import { z } from "zod";
import { passwordProblem } from "@/lib/auth/password-policy";
import { isSupportedCountry } from "@/lib/workspaces/countries";

// Field schemas shared by forms, route handlers and the API, with the
// messages users see next to the field.

export const emailField = z
  .string({ error: "Enter an email address." })
  .trim()
  .min(1, "Enter an email address.")
  .max(254, "Email addresses are at most 254 characters.")
  .pipe(z.email({ error: "Enter a valid email address, like name@example.com." }))
  .transform((v) => v.toLowerCase());

export const personNameField = z
  .string({ error: "Enter a name." })
  .trim()
  .min(1, "Enter a name.")
  .max(120, "Names are at most 120 characters.");

/** A password being set: the one password rule (lib/auth/password-policy.ts). */
export const passwordField = z.string({ error: "Enter a password." }).superRefine((value, ctx) => {
  const problem = passwordProblem(value);
  if (problem) ctx.addIssue({ code: "custom", message: problem });
});

/**
 * For a form that sets `password` and knows about its owner: the same rule,
 * also refusing a password made of those fields (email, name, workspace name).
 */
export function passwordNotAbout<K extends string>(...keys: K[]) {
  return (value: { password: string } & Record<K, string>, ctx: z.RefinementCtx) => {
    const problem = passwordProblem(value.password, keys.map((key) => value[key]));
    if (problem) ctx.addIssue({ code: "custom", path: ["password"], message: problem });
  };
}

export const workspaceNameField = z
  .string({ error: "Enter a workspace name." })
  .trim()
  .min(1, "Enter a workspace name.")
  .max(100, "Workspace names are at most 100 characters.");

/** An HTML checkbox: present ("on") when checked, absent when not. */
export const checkboxField = z.preprocess((v) => v === true || v === "on" || v === "true", z.boolean());

export const countryField = z
  .string({ error: "Choose a country." })
  .trim()
  .toUpperCase()
  .refine(isSupportedCountry, "Choose a country from the list (ISO code such as US or GB).");
