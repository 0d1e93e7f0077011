// SQL of the set-based import, on the temp table import_stage inside the
// import's one transaction: creating the stage and the steps over the whole
// file once every batch is merged (batch-sql.ts). $1 is always the workspace id.

import { KEPT_UNSUBSCRIBED } from "@/lib/contacts/consent-rules";
import { CHANNEL_LABELS } from "@/lib/enum-labels";
import { literal } from "./batch-sql";

/**
 * Every row of the file, in batches (`batch`). `parsed`: the row had no
 * problem of its own (only such rows claim their keys). `maybe_dup` /
 * `maybe_existing`: the key filters could not rule out an earlier row or an
 * existing contact with one of its keys (only these rows are probed).
 * `direct`: certainly new, so copied straight into contacts (the stage keeps
 * only its keys, lists and consent); the batch script handles the others.
 * `incomplete`: why it could not create a contact, should it not match one.
 * `new_id`: the id of the contact it creates, if it does.
 */
export const CREATE_STAGE = [
  `CREATE TEMP TABLE import_stage (
    row_no int NOT NULL, batch int NOT NULL, first_name text, last_name text, display_name text, company text,
    phone_e164 text, phone_digits text, phone_country text, email text, notes text, external_id text,
    status text, preferred_channel text, timezone text, address_street text, address_city text,
    address_state text, address_zip text, address_country text, attributes jsonb, attribute_text text,
    lists text, consent_sms text, consent_whatsapp text, consent_email text, raw text,
    outcome text NOT NULL, reason text, parsed boolean NOT NULL, maybe_dup boolean NOT NULL,
    maybe_existing boolean NOT NULL, direct boolean NOT NULL, incomplete text, new_id uuid NOT NULL, existing_id uuid,
    note text
  ) ON COMMIT DROP`,
  "CREATE INDEX ON import_stage (batch) WHERE NOT direct",
  // Earlier rows that claim a key, for the in-file probes.
  "CREATE INDEX ON import_stage (phone_e164, row_no) WHERE parsed AND phone_e164 IS NOT NULL",
  "CREATE INDEX ON import_stage (email, row_no) WHERE parsed AND email IS NOT NULL",
  "CREATE INDEX ON import_stage (external_id, row_no) WHERE parsed AND external_id IS NOT NULL",
];

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

/**
 * Mapped consent columns on updated rows: change the state and append the
 * event. A channel the person unsubscribed from by keyword is kept as it is
 * (the contact rules; the consent guard trigger would refuse it anyway) and
 * the row gets a note for the summary and the error CSV. $2 actor id, $3
 * label, $4 evidence.
 */
export const UPDATE_CONSENT = (["sms", "whatsapp", "email"] as const).map(
  (channel) => `
WITH candidates AS (
  SELECT c.id, s.row_no, c.consent_${channel} AS old_state, s.consent_${channel}::consent_state AS new_state,
    (c.consent_${channel} = 'unsubscribed' AND c.consent_${channel}_source = 'keyword') AS locked
  FROM import_stage s JOIN contacts c ON c.workspace_id = $1 AND c.id = s.existing_id
  WHERE s.outcome = 'update' AND s.consent_${channel} IS NOT NULL AND c.consent_${channel}::text <> s.consent_${channel}
), kept AS (
  UPDATE import_stage s SET note = concat_ws('; ', s.note, ${literal(`${KEPT_UNSUBSCRIBED} (${CHANNEL_LABELS[channel]})`)})
  FROM candidates ch WHERE ch.locked AND s.row_no = ch.row_no RETURNING s.row_no
), changes AS (
  SELECT * FROM candidates WHERE NOT locked
), applied AS (
  UPDATE contacts c SET consent_${channel} = ch.new_state, consent_${channel}_source = 'import', consent_${channel}_changed_at = now(), updated_at = now()
  FROM changes ch WHERE c.workspace_id = $1 AND c.id = ch.id RETURNING c.id
)
INSERT INTO consent_events (workspace_id, contact_id, channel, old_state, new_state, source, actor_user_id, actor_label, evidence)
SELECT $1::uuid, ch.id, '${channel}', ch.old_state, ch.new_state, 'import', $2, $3, $4::jsonb FROM changes ch JOIN applied a ON a.id = ch.id`,
);

/** Rows whose consent value was not applied (see UPDATE_CONSENT). */
export const COUNT_KEPT_UNSUBSCRIBED = `SELECT count(*)::int AS n FROM import_stage WHERE note IS NOT NULL`;

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
 * the file" deletes. Contacts this import created are in the file by
 * definition (and may have no stage row). One anti-join per key (each a hash or index lookup); an
 * OR of keys inside one NOT EXISTS would compare every contact with every row.
 */
export const NOT_IN_FILE = `
FROM contacts c WHERE c.workspace_id = $1 AND NOT (c.xmin = pg_current_xact_id()::xid)
  AND NOT EXISTS (SELECT 1 FROM import_stage s WHERE s.existing_id = c.id)
  AND NOT EXISTS (SELECT 1 FROM import_stage s WHERE s.phone_e164 = c.phone_e164)
  AND NOT EXISTS (SELECT 1 FROM import_stage s WHERE s.email = c.email)
  AND NOT EXISTS (SELECT 1 FROM import_stage s WHERE s.external_id = c.external_id)`;

export const COUNT_OUTCOMES = `SELECT outcome, count(*)::int AS n FROM import_stage GROUP BY outcome`;

export const FIRST_FAILURES = `SELECT row_no, reason FROM import_stage WHERE outcome = 'failed' ORDER BY row_no LIMIT 20`;

/** The error CSV's rows: failed rows, and rows with a note (a consent value kept). $2 job id. */
export const SAVE_ERRORS = `
INSERT INTO import_errors (workspace_id, job_id, row_number, reason, "values")
SELECT $1::uuid, $2::uuid, row_no, coalesce(reason, note), raw::jsonb FROM import_stage WHERE outcome = 'failed' OR note IS NOT NULL
ON CONFLICT DO NOTHING`;
