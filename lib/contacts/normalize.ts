import type { Contact } from "@/db/schema";
import { fieldError, type Fail } from "@/lib/result";
import { deriveNames, type ContactFields } from "./input";
import { parsePhone } from "./phone";

/** The stored columns for a contact's editable fields. */
export type ContactColumns = Pick<
  Contact,
  | "firstName"
  | "lastName"
  | "displayName"
  | "company"
  | "phoneE164"
  | "phoneDigits"
  | "phoneCountry"
  | "email"
  | "notes"
  | "externalId"
  | "timezone"
  | "addressStreet"
  | "addressCity"
  | "addressState"
  | "addressZip"
  | "addressCountry"
  | "preferredChannel"
> &
  Partial<Pick<Contact, "status">>;

/** Parses the phone against the workspace country and derives names; a bad phone is a field error. */
export function toColumns(fields: ContactFields, defaultCountry: string): { ok: true; columns: ContactColumns } | Fail {
  let phone = null;
  if (fields.phone) {
    const parsed = parsePhone(fields.phone, defaultCountry);
    if (!parsed.ok) return fieldError("phone", parsed.message);
    phone = parsed.phone;
  }
  const columns: ContactColumns = {
    ...deriveNames(fields),
    company: fields.company ?? null,
    phoneE164: phone?.e164 ?? null,
    phoneDigits: phone?.digits ?? null,
    phoneCountry: phone?.country ?? null,
    email: fields.email ?? null,
    notes: fields.notes ?? null,
    externalId: fields.externalId ?? null,
    timezone: fields.timezone ?? null,
    addressStreet: fields.addressStreet ?? null,
    addressCity: fields.addressCity ?? null,
    addressState: fields.addressState ?? null,
    addressZip: fields.addressZip ?? null,
    addressCountry: fields.addressCountry ?? null,
    preferredChannel: fields.preferredChannel ?? null,
  };
  // Status is left as it is when not given (a new contact starts active).
  if (fields.status) columns.status = fields.status;
  return { ok: true, columns };
}
