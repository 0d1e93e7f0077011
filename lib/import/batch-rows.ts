import type { ImportOptions } from "./options";
import { CONSENT_INSERT_COLUMNS } from "./batch-sql";
import { normalizeRow, STAGE_COLUMNS } from "./normalize";
import { TsvBuffer } from "@/lib/tsv-buffer";
import { missingRequired } from "@/lib/contacts/rules";

// How a batch of the import is encoded: each row as a stage row, and a
// certainly-new row also as a contacts row, COPYed straight into contacts.

export const LOAD_COLUMNS = [...STAGE_COLUMNS, "batch", "parsed", "maybe_dup", "maybe_existing", "direct", "incomplete", "new_id"];
export const CONTACT_COLUMNS = [
  "workspace_id", "id", "first_name", "last_name", "display_name", "company", "phone_e164", "phone_digits", "phone_country",
  "email", "notes", "external_id", "status", "preferred_channel", "timezone", "address_street", "address_city",
  "address_state", "address_zip", "address_country", "attributes", "attribute_text", "source",
  ...CONSENT_INSERT_COLUMNS.split(", "), "created_by", "updated_by",
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

/**
 * A certainly-new row as a contacts row: the values the database's insert
 * would give it (see batch-sql.ts). `now` is the transaction's now(), as
 * text: a recorded consent's change time.
 */
export function contactRow(s: Staged, ws: string, id: string, actor: string, consent: ImportOptions["defaultConsent"], now: string): (string | null)[] {
  const sms = s.consent_sms ?? consent.sms ?? null;
  const whatsapp = s.consent_whatsapp ?? consent.whatsapp ?? null;
  const email = s.consent_email ?? consent.email ?? null;
  return [
    ws, id, s.first_name, s.last_name, s.display_name, s.company, s.phone_e164, s.phone_digits, s.phone_country,
    s.email, s.notes, s.external_id, s.status ?? "active", s.preferred_channel, s.timezone, s.address_street, s.address_city,
    s.address_state, s.address_zip, s.address_country, s.attributes ?? "{}", s.attribute_text, "import",
    sms ?? "not_subscribed", sms && "import", sms && now,
    whatsapp ?? "not_subscribed", whatsapp && "import", whatsapp && now,
    email ?? "not_subscribed", email && "import", email && now,
    actor, actor,
  ];
}

/** What the later steps read of a certainly-new row, when one does: keys, lists, consent, its contact id. */
export function keysOnlyStageRow(s: Staged, batchNo: number, id: string): (string | null)[] {
  const row: (string | null)[] = STAGE_COLUMNS.map((c) => (KEPT_FOR_CREATED.has(c) ? s[c] : null));
  row.push(String(batchNo), "t", "f", "f", "t", null, id);
  return row;
}

const KEPT_FOR_CREATED = new Set<string>(["row_no", "phone_e164", "email", "external_id", "lists", "consent_sms", "consent_whatsapp", "consent_email", "outcome"]);
/** Why a row could not create a contact, should it not match an existing one: what the contact rules require. */
export function incompleteReason(row: { display_name: string | null; phone_e164: string | null; email: string | null }): string | null {
  const missing = Object.values(missingRequired({ displayName: row.display_name, phoneE164: row.phone_e164, email: row.email }));
  return missing.length > 0 ? missing.join("; ") : null;
}

