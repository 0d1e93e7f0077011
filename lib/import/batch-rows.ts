import type { ImportOptions } from "./options";
import { normalizeRow, STAGE_COLUMNS } from "./normalize";
import { TsvBuffer } from "@/lib/tsv-buffer";

// How a batch of the import is encoded: each row as a stage row, and a
// certainly-new row also as a contacts row, COPYed straight into contacts.

export const LOAD_COLUMNS = [...STAGE_COLUMNS, "batch", "parsed", "maybe_dup", "maybe_existing", "direct", "incomplete", "new_id"];
export const CONTACT_COLUMNS = [
  "workspace_id", "id", "first_name", "last_name", "display_name", "company", "phone_e164", "phone_digits", "phone_country",
  "email", "notes", "external_id", "status", "preferred_channel", "timezone", "address_street", "address_city",
  "address_state", "address_zip", "address_country", "attributes", "attribute_text", "source", "consent_sms",
  "consent_whatsapp", "consent_email", "created_by", "updated_by",
];

/** A batch being filled: its stage rows, and the contacts it certainly creates. */
export type Batch = { stage: TsvBuffer; contacts: TsvBuffer; probed: number; rows: number };

export function newBatch(): Batch {
  return { stage: new TsvBuffer(), contacts: new TsvBuffer(), probed: 0, rows: 0 };
}

export function resetBatch(batch: Batch): void {
  batch.stage.reset();
  batch.contacts.reset();
  batch.probed = 0;
  batch.rows = 0;
}

export type Staged = ReturnType<typeof normalizeRow>;

/** A certainly-new row as a contacts row: the values the database's insert would give it (see batch-sql.ts). */
export function contactRow(s: Staged, ws: string, id: string, actor: string, consent: ImportOptions["defaultConsent"]): (string | null)[] {
  return [
    ws, id, s.first_name, s.last_name, s.display_name, s.company, s.phone_e164, s.phone_digits, s.phone_country,
    s.email, s.notes, s.external_id, s.status ?? "active", s.preferred_channel, s.timezone, s.address_street, s.address_city,
    s.address_state, s.address_zip, s.address_country, s.attributes ?? "{}", s.attribute_text, "import",
    s.consent_sms ?? consent.sms ?? "not_subscribed", s.consent_whatsapp ?? consent.whatsapp ?? "not_subscribed",
    s.consent_email ?? consent.email ?? "not_subscribed", actor, actor,
  ];
}

/** What the later steps read of a certainly-new row, when one does: keys, lists, consent, its contact id. */
export function keysOnlyStageRow(s: Staged, batchNo: number, id: string): (string | null)[] {
  const row: (string | null)[] = STAGE_COLUMNS.map((c) => (KEPT_FOR_CREATED.has(c) ? s[c] : null));
  row.push(String(batchNo), "t", "f", "f", "t", null, id);
  return row;
}

const KEPT_FOR_CREATED = new Set<string>(["row_no", "phone_e164", "email", "external_id", "lists", "consent_sms", "consent_whatsapp", "consent_email", "outcome"]);
/** Why a row could not create a contact, should it not match an existing one. */
export function incompleteReason(row: { display_name: string | null; phone_e164: string | null; email: string | null }): string | null {
  if (row.display_name === null) return "No name (first name or full name)";
  if (row.phone_e164 === null && row.email === null) return "No phone number or email address";
  return null;
}

