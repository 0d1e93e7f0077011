import { z } from "zod";
import { PASSWORD_MIN_LENGTH } from "@/lib/auth/password";
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

export const passwordField = z
  .string({ error: "Enter a password." })
  .min(PASSWORD_MIN_LENGTH, `Use at least ${PASSWORD_MIN_LENGTH} characters.`)
  .max(200, "Passwords are at most 200 characters.");

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
