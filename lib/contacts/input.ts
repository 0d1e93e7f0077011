import { z } from "zod";
import { contactSourceEnum } from "@/db/schema";
import { checkboxField } from "@/lib/validation/fields";
import { CONTACT_FIELD_LABELS, type ContactFieldName, type ContactText } from "./rules";

// Form fields arrive as strings; an empty or blank one means "not given".
// This schema checks only the shape (text or nothing): every rule of a
// field lives in ./rules.ts, which the import and the invite call too.
const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

const textField = (field: ContactFieldName) =>
  z.preprocess(blankToUndefined, z.string({ error: `${CONTACT_FIELD_LABELS[field]} must be text.` }).optional());

/** The editable fields of a contact, as a form or API sends them. */
export const contactFieldsSchema = z.object({
  firstName: textField("firstName"),
  lastName: textField("lastName"),
  name: textField("name"),
  company: textField("company"),
  phone: textField("phone"),
  email: textField("email"),
  notes: textField("notes"),
  externalId: textField("externalId"),
  status: textField("status"),
  preferredChannel: textField("preferredChannel"),
  timezone: textField("timezone"),
  addressStreet: textField("addressStreet"),
  addressCity: textField("addressCity"),
  addressState: textField("addressState"),
  addressZip: textField("addressZip"),
  addressCountry: textField("addressCountry"),
}) satisfies z.ZodType<ContactText>;

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
    .extend({ ...extrasSchema, favorite: checkboxField.optional(), source: z.enum(contactSourceEnum.enumValues).optional() }),
);

export const updateContactInput = z.preprocess(
  gatherFormFields,
  contactFieldsSchema.extend({ ...extrasSchema, id: z.uuid({ error: "Unknown contact." }) }),
);

export type ContactFields = z.output<typeof contactFieldsSchema>;
export type CreateContactInput = z.output<typeof createContactInput>;
export type UpdateContactInput = z.output<typeof updateContactInput>;

export const contactIdsInput = z.object({
  ids: z.preprocess(
    (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]),
    z.array(z.uuid({ error: "Unknown contact." })).min(1, "Select at least one contact.").max(1000, "Select at most 1,000 contacts at a time."),
  ),
});
