// One batch of the import, merged in one round trip: a script of statements
// over the batch's rows in import_stage (see stage-sql.ts), sent with the
// simple query protocol. It has no bind parameters, so its few values are
// inlined as literals; they are ids from the database and validated options.

const KEYS = ["phone_e164", "email", "external_id"] as const;

/** Each channel's consent state, its source and its change time, as contacts names them. */
export const CONSENT_INSERT_COLUMNS = ["sms", "whatsapp", "email"]
  .map((c) => `consent_${c}, consent_${c}_source, consent_${c}_changed_at`)
  .join(", ");

/** A contact inserted by this transaction, i.e. by this import. */
export const CREATED_HERE = "c.xmin = pg_current_xact_id()::xid";

export type BatchScript = {
  workspaceId: string;
  actorId: string;
  batch: number;
  duplicates: "skip" | "update";
  /** Contacts the batch may still create (null: no limit). */
  room: number | null;
  defaultConsent: { sms?: string; whatsapp?: string; email?: string };
};

export function literal(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return "NULL";
  if (typeof value === "number") {
    if (!Number.isSafeInteger(value)) throw new Error(`not an integer: ${value}`);
    return String(value);
  }
  return `'${value.replace(/'/g, "''")}'`;
}

/**
 * The statements, in order; the last one returns the number of contacts the
 * batch creates (`n`).
 */
export function batchScript(b: BatchScript): string {
  const ws = `${literal(b.workspaceId)}::uuid`;
  const inBatch = `s.batch = ${literal(b.batch)} AND NOT s.direct`;
  const statements = [
    // Within the file the first occurrence wins: a row sharing a phone, email
    // or external ID with an earlier row (that had no problem of its own) is
    // skipped. Probed only where the filter saw the key before. Certainly-new
    // rows may be unstaged: the contacts they created stand for them (a
    // contact created by this import can only come from an earlier row).
    `UPDATE import_stage s SET outcome = 'in_file'
     WHERE ${inBatch} AND s.maybe_dup AND s.outcome = 'new' AND (${KEYS.map(
       (key) => `
       (s.${key} IS NOT NULL AND (
         EXISTS (SELECT 1 FROM import_stage e WHERE e.parsed AND e.${key} = s.${key} AND e.row_no < s.row_no) OR
         EXISTS (SELECT 1 FROM contacts c WHERE c.workspace_id = ${ws} AND c.${key} = s.${key} AND ${CREATED_HERE})))`,
     ).join(" OR")})`,
    // The existing contact a row is: by phone, then email, then external ID.
    // Contacts created by earlier batches cannot match: they carry an earlier
    // row's keys, so such a row is an in-file duplicate already.
    `UPDATE import_stage s SET existing_id = coalesce(${KEYS.map(
      (key) => `
       (SELECT c.id FROM contacts c WHERE c.workspace_id = ${ws} AND c.${key} = s.${key})`,
    ).join(",")})
     WHERE ${inBatch} AND s.maybe_existing AND s.outcome = 'new'`,
  ];
  if (b.duplicates === "update") {
    // A row whose keys point at two different contacts cannot be applied.
    statements.push(`UPDATE import_stage s SET outcome = 'failed',
       reason = 'Its phone, email or external ID belong to different existing contacts'
     WHERE ${inBatch} AND s.maybe_existing AND s.outcome = 'new' AND s.existing_id IS NOT NULL AND EXISTS (
       SELECT 1 FROM contacts c WHERE c.workspace_id = ${ws} AND c.id <> s.existing_id AND (
         (s.phone_e164 IS NOT NULL AND c.phone_e164 = s.phone_e164) OR
         (s.email IS NOT NULL AND c.email = s.email) OR
         (s.external_id IS NOT NULL AND c.external_id = s.external_id)))`);
  }
  statements.push(
    `UPDATE import_stage s SET outcome = '${b.duplicates === "skip" ? "existing" : "update"}'
     WHERE ${inBatch} AND s.maybe_existing AND s.outcome = 'new' AND s.existing_id IS NOT NULL`,
    // A row that would create a contact needs a name and a phone or email; a
    // row that matched an existing contact (by external ID, say) need not.
    `UPDATE import_stage s SET outcome = 'failed', reason = s.incomplete
     WHERE ${inBatch} AND s.outcome = 'new' AND s.incomplete IS NOT NULL`,
  );
  if (b.room !== null) {
    statements.push(`UPDATE import_stage s SET outcome = 'failed', reason = 'Contact limit reached'
     FROM (SELECT row_no, row_number() OVER (ORDER BY row_no) AS n FROM import_stage s WHERE ${inBatch} AND s.outcome = 'new') r
     WHERE ${inBatch} AND s.row_no = r.row_no AND r.n > ${literal(b.room)}`);
  }
  // A new contact's consent: the row's value, else the import's default (the
  // channel was never recorded), recorded as set by the import, now.
  const consent = (channel: "sms" | "whatsapp" | "email") => {
    const given = `coalesce(consent_${channel}, ${literal(b.defaultConsent[channel])})`;
    return `coalesce(${given}, 'not_subscribed')::consent_state, CASE WHEN ${given} IS NOT NULL THEN 'import'::consent_source END,
       CASE WHEN ${given} IS NOT NULL THEN now() END`;
  };
  statements.push(
    `INSERT INTO contacts (workspace_id, id, first_name, last_name, display_name, company, phone_e164, phone_digits,
       phone_country, email, notes, external_id, status, preferred_channel, timezone, address_street, address_city,
       address_state, address_zip, address_country, attributes, attribute_text, source, ${CONSENT_INSERT_COLUMNS}, created_by, updated_by)
     SELECT ${ws}, new_id, first_name, last_name, display_name, company, phone_e164, phone_digits, phone_country, email,
       notes, external_id, coalesce(status, 'active')::contact_status, preferred_channel::channel, timezone, address_street,
       address_city, address_state, address_zip, address_country, coalesce(attributes, '{}'::jsonb), attribute_text, 'import',
       ${consent("sms")}, ${consent("whatsapp")}, ${consent("email")}, ${literal(b.actorId)}::uuid, ${literal(b.actorId)}::uuid
     FROM import_stage s WHERE ${inBatch} AND s.outcome = 'new'`,
    `SELECT count(*)::int AS n FROM import_stage s WHERE ${inBatch} AND s.outcome = 'new'`,
  );
  return statements.join(";\n");
}
