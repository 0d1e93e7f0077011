import { z } from "zod";
import { channelEnum, contactSourceEnum, contactStatusEnum } from "@/db/schema";
import { checkboxField } from "@/lib/validation/fields";

// Form fields arrive as strings; an empty or blank one means "not given".
const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

function optionalText(label: string, max: number) {
  return z.preprocess(
    blankToUndefined,
    z
      .string({ error: `${label} must be text.` })
      .trim()
      .max(max, `${label} can be at most ${max} characters.`)
      .optional(),
  );
}

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

/** The editable fields of a contact, as a form or API sends them (before phone parsing). */
export const contactFieldsSchema = z.object({
  firstName: optionalText("First name", 100),
  lastName: optionalText("Last name", 100),
  name: optionalText("Name", 200),
  company: optionalText("Company", 200),
  phone: optionalText("Phone", 40),
  email: z.preprocess(
    blankToUndefined,
    z
      .string()
      .trim()
      .max(254, "Email addresses are at most 254 characters.")
      .pipe(z.email({ error: "Enter a valid email address, like name@example.com." }))
      .transform((v) => v.toLowerCase())
      .optional(),
  ),
  notes: optionalText("Notes", 5000),
  externalId: optionalText("External ID", 200),
  status: z.preprocess(blankToUndefined, z.enum(contactStatusEnum.enumValues, { error: "Choose a status." }).optional()),
  preferredChannel: z.preprocess(
    blankToUndefined,
    z.enum(channelEnum.enumValues, { error: "Choose SMS, WhatsApp or email." }).optional(),
  ),
  timezone: z.preprocess(
    blankToUndefined,
    z.string().trim().refine(isTimeZone, "Choose a time zone such as America/New_York.").optional(),
  ),
  addressStreet: optionalText("Street", 200),
  addressCity: optionalText("City", 100),
  addressState: optionalText("State", 100),
  addressZip: optionalText("ZIP code", 20),
  addressCountry: optionalText("Country", 100),
});

function requireNameAndReach(value: z.output<typeof contactFieldsSchema>, ctx: z.RefinementCtx) {
  if (!value.firstName && !value.lastName && !value.name) {
    ctx.addIssue({ code: "custom", path: ["firstName"], message: "Enter a name." });
  }
  if (!value.phone && !value.email) {
    ctx.addIssue({ code: "custom", path: ["phone"], message: "Enter a phone number or an email address." });
  }
}

export const createContactInput = contactFieldsSchema
  .extend({ favorite: checkboxField.optional(), source: z.enum(contactSourceEnum.enumValues).optional() })
  .superRefine(requireNameAndReach);

export const updateContactInput = contactFieldsSchema
  .extend({ id: z.uuid({ error: "Unknown contact." }) })
  .superRefine(requireNameAndReach);

export type ContactFields = z.output<typeof contactFieldsSchema>;
export type CreateContactInput = z.output<typeof createContactInput>;
export type UpdateContactInput = z.output<typeof updateContactInput>;

/** "Jane Doe" from first and last name, or the one full name given (split for first/last). */
export function deriveNames(input: Pick<ContactFields, "firstName" | "lastName" | "name">) {
  if (input.firstName || input.lastName) {
    const displayName = [input.firstName, input.lastName].filter(Boolean).join(" ");
    return { firstName: input.firstName ?? null, lastName: input.lastName ?? null, displayName };
  }
  const full = (input.name ?? "").replace(/\s+/g, " ").trim();
  const space = full.indexOf(" ");
  return {
    firstName: space === -1 ? full : full.slice(0, space),
    lastName: space === -1 ? null : full.slice(space + 1),
    displayName: full,
  };
}

export const contactIdsInput = z.object({
  ids: z.preprocess(
    (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]),
    z.array(z.uuid({ error: "Unknown contact." })).min(1, "Select at least one contact.").max(1000, "Select at most 1,000 contacts at a time."),
  ),
});
