// SQL of the set-based import, run batch by batch on temp tables inside the
// import's one transaction. $1 is always the workspace id.

/**
 * Two temp tables: import_batch holds the rows being merged (a few thousand,
 * truncated after each batch) and import_stage every row of the file so far,
 * indexed by key, for in-file duplicates across batches and for the steps
 * that need the whole file (lists, updates, removal, counts, error report).
 * `parsed` is true when the row had no problem of its own (only such rows
 * claim their keys); `new_id` is the contact id the row gets if it is created.
 */
const STAGE_DEFINITION = `
  row_no int NOT NULL, first_name text, last_name text, display_name text, company text,
  phone_e164 text, phone_digits text, phone_country text, email text, notes text, external_id text,
  status text, preferred_channel text, timezone text, address_street text, address_city text,
  address_state text, address_zip text, address_country text, attributes jsonb, attribute_text text,
  lists text, consent_sms text, consent_whatsapp text, consent_email text, raw text,
  outcome text NOT NULL, reason text, parsed boolean NOT NULL, new_id uuid NOT NULL, existing_id uuid`;

export const CREATE_STAGE = [
  `CREATE TEMP TABLE import_stage (${STAGE_DEFINITION}) ON COMMIT DROP`,
  `CREATE TEMP TABLE import_batch (${STAGE_DEFINITION}) ON COMMIT DROP`,
  // Earlier rows that claim a key, looked up by key (and row order within the batch).
  "CREATE INDEX ON import_stage (phone_e164) WHERE parsed AND phone_e164 IS NOT NULL",
  "CREATE INDEX ON import_stage (email) WHERE parsed AND email IS NOT NULL",
  "CREATE INDEX ON import_stage (external_id) WHERE parsed AND external_id IS NOT NULL",
  "CREATE INDEX ON import_batch (phone_e164, row_no) WHERE parsed AND phone_e164 IS NOT NULL",
  "CREATE INDEX ON import_batch (email, row_no) WHERE parsed AND email IS NOT NULL",
  "CREATE INDEX ON import_batch (external_id, row_no) WHERE parsed AND external_id IS NOT NULL",
];

const KEYS = ["phone_e164", "email", "external_id"] as const;

/**
 * Within the file the first occurrence wins: a row sharing a phone, email or
 * external ID with an earlier row (of this batch or an earlier one) is
 * skipped. ORed EXISTS stay per-row index probes (the planner cannot turn
 * them into joins), so a batch costs the same at row 10 and at row 1,000,000.
 */
export const MARK_IN_FILE_DUPLICATES = `
UPDATE import_batch b SET outcome = 'in_file'
WHERE b.outcome = 'new' AND (${KEYS.map(
  (key) => `
  (b.${key} IS NOT NULL AND (
    EXISTS (SELECT 1 FROM import_batch e WHERE e.parsed AND e.${key} = b.${key} AND e.row_no < b.row_no) OR
    EXISTS (SELECT 1 FROM import_stage e WHERE e.parsed AND e.${key} = b.${key})))`,
).join(" OR")})`;

/**
 * The existing contact each row is, matched by phone, then email, then
 * external ID. Scalar subqueries are index probes per row (never a join over
 * all contacts). Contacts created by earlier batches cannot match: their keys
 * are an earlier row's, so such a row is already an in-file duplicate.
 */
export const MATCH_EXISTING = `
UPDATE import_batch b SET existing_id = m.id
FROM (SELECT row_no, coalesce(${KEYS.map(
  (key) => `
        (SELECT c.id FROM contacts c WHERE c.workspace_id = $1 AND c.${key} = i.${key})`,
).join(",")}) AS id
      FROM import_batch i WHERE i.outcome = 'new') m
WHERE b.row_no = m.row_no AND m.id IS NOT NULL`;

/** In update mode a row whose keys point at two different contacts cannot be applied. */
export const FAIL_SPLIT_MATCHES = `
UPDATE import_batch s SET outcome = 'failed',
  reason = 'Its phone, email or external ID belong to different existing contacts'
WHERE s.outcome = 'new' AND s.existing_id IS NOT NULL AND EXISTS (
  SELECT 1 FROM contacts c WHERE c.workspace_id = $1 AND c.id <> s.existing_id AND (
    (s.phone_e164 IS NOT NULL AND c.phone_e164 = s.phone_e164) OR
    (s.email IS NOT NULL AND c.email = s.email) OR
    (s.external_id IS NOT NULL AND c.external_id = s.external_id)))`;

export const MARK_EXISTING = (mode: "skip" | "update") =>
  `UPDATE import_batch SET outcome = '${mode === "skip" ? "existing" : "update"}' WHERE outcome = 'new' AND existing_id IS NOT NULL`;

/** Rows past the contact limit fail, in file order. $1 = room left. */
export const FAIL_PAST_LIMIT = `
UPDATE import_batch s SET outcome = 'failed', reason = 'Contact limit reached'
FROM (SELECT row_no, row_number() OVER (ORDER BY row_no) AS n FROM import_batch WHERE outcome = 'new') r
WHERE s.row_no = r.row_no AND r.n > $1`;

/**
 * A row that would create a contact needs a name and a phone or email; a row
 * that updates an existing contact (matched by external ID, say) need not.
 */
export const FAIL_INCOMPLETE_NEW = `
UPDATE import_batch SET outcome = 'failed',
  reason = CASE WHEN display_name IS NULL THEN 'No name (first name or full name)' ELSE 'No phone number or email address' END
WHERE outcome = 'new' AND (display_name IS NULL OR (phone_e164 IS NULL AND email IS NULL))`;

export const COUNT_BATCH_NEW = `SELECT count(*)::int AS n FROM import_batch WHERE outcome = 'new'`;

/** The batch joins the whole-file stage, and makes room for the next one. */
export const KEEP_BATCH = ["INSERT INTO import_stage SELECT * FROM import_batch", "TRUNCATE import_batch"];

/**
 * When "remove contacts not in the file" and a contact limit meet, the room
 * freed by the removal is known only at the end: the batches may create up
 * to the limit plus every existing contact, and the last rows created past
 * the real limit are failed ($1 = how many), then their contacts deleted ($1 = workspace).
 */
export const FAIL_EXCESS_CREATED = [
  `UPDATE import_stage SET outcome = 'failed', reason = 'Contact limit reached'
   WHERE row_no IN (SELECT row_no FROM import_stage WHERE outcome = 'new' ORDER BY row_no DESC LIMIT $1)`,
  `DELETE FROM contacts c USING import_stage s
   WHERE c.workspace_id = $1 AND c.id = s.new_id AND s.outcome = 'failed' AND s.reason = 'Contact limit reached'`,
];

/**
 * The set-based insert. $2 actor, $3 default consent sms, $4 whatsapp, $5 email.
 * Consent: the row's value, else the import's default, else not_subscribed.
 */
export const INSERT_NEW = `
INSERT INTO contacts (workspace_id, id, first_name, last_name, display_name, company, phone_e164, phone_digits,
  phone_country, email, notes, external_id, status, preferred_channel, timezone, address_street, address_city,
  address_state, address_zip, address_country, attributes, attribute_text, source, consent_sms, consent_whatsapp,
  consent_email, created_by, updated_by)
SELECT $1::uuid, new_id, first_name, last_name, display_name, company, phone_e164, phone_digits, phone_country, email,
  notes, external_id, coalesce(status, 'active')::contact_status, preferred_channel::channel, timezone, address_street,
  address_city, address_state, address_zip, address_country, coalesce(attributes, '{}'::jsonb), attribute_text, 'import',
  coalesce(consent_sms, $3, 'not_subscribed')::consent_state,
  coalesce(consent_whatsapp, $4, 'not_subscribed')::consent_state,
  coalesce(consent_email, $5, 'not_subscribed')::consent_state, $2, $2
FROM import_batch WHERE outcome = 'new'`;

/**
 * A consent event for every created contact whose consent is not
 * "not_subscribed", read from the stage (the same expression the insert
 * used). $2 actor id, $3 label, $4 evidence, $5 the import's default.
 */
export const NEW_CONSENT_EVENTS = ["sms", "whatsapp", "email"].map(
  (channel) => `
INSERT INTO consent_events (workspace_id, contact_id, channel, old_state, new_state, source, actor_user_id, actor_label, evidence)
SELECT $1::uuid, s.new_id, '${channel}', 'not_subscribed', coalesce(s.consent_${channel}, $5)::consent_state, 'import', $2, $3, $4::jsonb
FROM import_stage s
WHERE s.outcome = 'new' AND coalesce(s.consent_${channel}, $5, 'not_subscribed') <> 'not_subscribed'`,
);

const UPDATABLE: [field: string, column: string, cast?: string][] = [
  ["company", "company"],
  ["notes", "notes"],
  ["externalId", "external_id"],
  ["email", "email"],
  ["status", "status", "contact_status"],
  ["preferredChannel", "preferred_channel", "channel"],
  ["timezone", "timezone"],
  ["addressStreet", "address_street"],
  ["addressCity", "address_city"],
  ["addressState", "address_state"],
  ["addressZip", "address_zip"],
  ["addressCountry", "address_country"],
];

/**
 * "Update existing": only mapped fields change; an empty cell keeps the
 * current value ("keep") or clears it ("clear"). Rows whose values are all
 * the same are not touched, so re-importing an export changes nothing.
 * $2 actor. Returns the ids that changed.
 */
export function updateExistingSql(mapped: Set<string>, mappedAttributeKeys: string[], missing: "keep" | "clear"): string | null {
  const sets: string[] = [];
  const value = (column: string, cast?: string) => {
    const staged = cast ? `s.${column}::${cast}` : `s.${column}`;
    return missing === "keep" ? `coalesce(${staged}, c.${column})` : staged;
  };
  for (const [field, column, cast] of UPDATABLE) if (mapped.has(field)) sets.push(`${column} = ${value(column, cast)}`);
  if (mapped.has("phone")) {
    // The three phone columns move together, from the parsed number.
    for (const column of ["phone_e164", "phone_digits", "phone_country"]) {
      sets.push(missing === "keep" ? `${column} = CASE WHEN s.phone_e164 IS NOT NULL THEN s.${column} ELSE c.${column} END` : `${column} = s.${column}`);
    }
  }
  if (mapped.has("firstName") || mapped.has("lastName") || mapped.has("name")) {
    // Names stay whole: a row with a name replaces first, last and display name together.
    for (const column of ["first_name", "last_name", "display_name"]) {
      sets.push(`${column} = CASE WHEN s.display_name IS NOT NULL THEN s.${column} ELSE c.${column} END`);
    }
  }
  if (mappedAttributeKeys.length > 0) {
    const keys = `ARRAY[${mappedAttributeKeys.map((k) => `'${k.replace(/'/g, "''")}'`).join(", ")}]::text[]`;
    sets.push(
      missing === "keep"
        ? "attributes = c.attributes || coalesce(s.attributes, '{}'::jsonb)"
        : `attributes = (c.attributes - ${keys}) || coalesce(s.attributes, '{}'::jsonb)`,
    );
  }
  if (sets.length === 0) return null;
  const columns = sets.map((s) => s.slice(0, s.indexOf(" =")));
  const newValues = sets.map((s) => s.slice(s.indexOf("= ") + 2));
  return `
UPDATE contacts c SET ${sets.join(", ")}, updated_by = $2, updated_at = now()
FROM import_stage s
WHERE s.outcome = 'update' AND c.workspace_id = $1 AND c.id = s.existing_id
  AND (${columns.map((c) => `c.${c}`).join(", ")}) IS DISTINCT FROM (${newValues.join(", ")})
RETURNING c.id`;
}

/** Mapped consent columns on updated rows: change the state and append the event. $2 actor id, $3 label, $4 evidence. */
export const UPDATE_CONSENT = ["sms", "whatsapp", "email"].map(
  (channel) => `
WITH changes AS (
  SELECT c.id, c.consent_${channel} AS old_state, s.consent_${channel}::consent_state AS new_state
  FROM import_stage s JOIN contacts c ON c.workspace_id = $1 AND c.id = s.existing_id
  WHERE s.outcome = 'update' AND s.consent_${channel} IS NOT NULL AND c.consent_${channel}::text <> s.consent_${channel}
), applied AS (
  UPDATE contacts c SET consent_${channel} = ch.new_state, updated_at = now() FROM changes ch WHERE c.workspace_id = $1 AND c.id = ch.id RETURNING c.id
)
INSERT INTO consent_events (workspace_id, contact_id, channel, old_state, new_state, source, actor_user_id, actor_label, evidence)
SELECT $1::uuid, ch.id, '${channel}', ch.old_state, ch.new_state, 'import', $2, $3, $4::jsonb FROM changes ch JOIN applied a ON a.id = ch.id`,
);

/** The contact each imported row ends up as (created, updated or matched). */
const ROW_CONTACT = `CASE WHEN s.outcome = 'new' THEN s.new_id ELSE s.existing_id END`;
const LANDED = `s.outcome IN ('new', 'update', 'existing')`;

export const CREATE_LISTS_FROM_COLUMN = `
INSERT INTO lists (workspace_id, name, created_by)
SELECT DISTINCT ON (lower(n.name)) $1::uuid, n.name, $2::uuid
FROM import_stage s CROSS JOIN LATERAL (SELECT trim(x) AS name FROM unnest(string_to_array(s.lists, '|')) x) n
WHERE ${LANDED} AND n.name <> ''
ON CONFLICT DO NOTHING`;

export const JOIN_LISTS_FROM_COLUMN = `
INSERT INTO list_members (workspace_id, list_id, contact_id)
SELECT DISTINCT $1::uuid, l.id, ${ROW_CONTACT}
FROM import_stage s CROSS JOIN LATERAL unnest(string_to_array(s.lists, '|')) x
JOIN lists l ON l.workspace_id = $1 AND lower(l.name) = lower(trim(x))
WHERE ${LANDED}
ON CONFLICT DO NOTHING`;

/** $2 = the chosen list ids (text[]). */
export const JOIN_CHOSEN_LISTS = `
INSERT INTO list_members (workspace_id, list_id, contact_id)
SELECT DISTINCT $1::uuid, l.id, ${ROW_CONTACT}
FROM import_stage s CROSS JOIN lists l
WHERE ${LANDED} AND l.workspace_id = $1 AND l.id::text = ANY($2::text[])
ON CONFLICT DO NOTHING`;

/**
 * Contacts no row of the file names (by any key): what "remove contacts not in
 * the file" deletes. One anti-join per key (each a hash or index lookup); an
 * OR of keys inside one NOT EXISTS would compare every contact with every row.
 */
export const NOT_IN_FILE = `
FROM contacts c WHERE c.workspace_id = $1
  AND NOT EXISTS (SELECT 1 FROM import_stage s WHERE s.existing_id = c.id)
  AND NOT EXISTS (SELECT 1 FROM import_stage s WHERE s.phone_e164 = c.phone_e164)
  AND NOT EXISTS (SELECT 1 FROM import_stage s WHERE s.email = c.email)
  AND NOT EXISTS (SELECT 1 FROM import_stage s WHERE s.external_id = c.external_id)`;

export const COUNT_OUTCOMES = `SELECT outcome, count(*)::int AS n FROM import_stage GROUP BY outcome`;

export const FIRST_FAILURES = `SELECT row_no, reason FROM import_stage WHERE outcome = 'failed' ORDER BY row_no LIMIT 20`;

/** $2 job id. */
export const SAVE_ERRORS = `
INSERT INTO import_errors (workspace_id, job_id, row_number, reason, "values")
SELECT $1::uuid, $2::uuid, row_no, reason, raw::jsonb FROM import_stage WHERE outcome = 'failed'
ON CONFLICT DO NOTHING`;
