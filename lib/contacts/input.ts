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

/** Custom attribute values (validated against the workspace's definitions later) and list ids. */
const extrasSchema = {
  attributes: z.record(z.string(), z.unknown()).optional(),
  lists: z.array(z.uuid({ error: "Choose lists from the list." })).max(200, "A contact can join at most 200 lists at once.").optional(),
};

/**
 * A form posts attributes as `attr.<key>` fields and list ids as repeated
 * `lists` values, with `listsField` marking that the list choice was shown
 * (so no box ticked means "in no list"). Gather them into the API's shape.
 */
function gatherFormFields(raw: unknown): unknown {
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) return raw;
  const input = raw as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  const attributes: Record<string, unknown> = { ...((input.attributes as Record<string, unknown>) ?? {}) };
  let sawAttribute = "attributes" in input;
  for (const [key, value] of Object.entries(input)) {
    if (key.startsWith("attr.")) {
      attributes[key.slice(5)] = value;
      sawAttribute = true;
    } else if (key !== "listsField" && key !== "attributes") out[key] = value;
  }
  if (sawAttribute) out.attributes = attributes;
  if (input.listsField !== undefined) out.lists = input.lists === undefined ? [] : Array.isArray(input.lists) ? input.lists : [input.lists];
  return out;
}

export const createContactInput = z.preprocess(
  gatherFormFields,
  contactFieldsSchema
    .extend({ ...extrasSchema, favorite: checkboxField.optional(), source: z.enum(contactSourceEnum.enumValues).optional() })
    .superRefine(requireNameAndReach),
);

export const updateContactInput = z.preprocess(
  gatherFormFields,
  contactFieldsSchema.extend({ ...extrasSchema, id: z.uuid({ error: "Unknown contact." }) }).superRefine(requireNameAndReach),
);

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
