import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { PGlite } from "@electric-sql/pglite";
import type { Pool, PoolClient } from "pg";
import { from as copyFrom } from "pg-copy-streams";
import type { DatabaseHandle } from "@/db/client";
import type { Driver } from "@/db/driver";
import { hashPassword } from "@/lib/auth/password";
import { copyTextCell } from "@/lib/tsv-buffer";
import { demoContact, selfCheck, type DemoContact } from "./generate";

// Loading demo contacts: COPY FROM STDIN streamed on a PostgreSQL server,
// COPY FROM '/dev/blob' in chunks on PGlite. Rows are generated as they are
// written, so memory stays flat at any size.

export const DEMO_ADMIN = { email: "admin@demo.test", password: "demo password 1", name: "Demo Admin" };
export const DEMO_WORKSPACE = "Demo Workspace";

/** Plain SQL on either driver, outside drizzle (COPY and array parameters). */
export type Raw = {
  driver: Driver["name"];
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
};

export function rawOf(handle: DatabaseHandle): Raw {
  const client = (handle.db as unknown as { $client: Pool | PGlite }).$client;
  return {
    driver: handle.db.driver.name,
    async query<T>(text: string, params: unknown[] = []) {
      const result = await (client as Pool).query(text, params);
      return result.rows as T[];
    },
  };
}

function poolOf(handle: DatabaseHandle): Pool {
  return (handle.db as unknown as { $client: Pool }).$client;
}

function pgliteOf(handle: DatabaseHandle): PGlite {
  return (handle.db as unknown as { $client: PGlite }).$client;
}

// ------------------------------------------------------------ workspace + admin

export type SeedWorkspace = {
  workspaceId: string;
  workspaceName: string;
  /** Null for a workspace without members: no favorites then. */
  adminUserId: string | null;
  adminEmail: string | null;
  adminName: string | null;
  /** Set when this run created the admin: the password to print. */
  createdPassword: string | null;
};

/**
 * No user yet: creates the workspace (default country US) and the demo Super
 * Admin. Otherwise: the workspace named `name` (or the oldest one) and its
 * first Super Admin (admin@demo.test when that user is a member), if any.
 */
export async function ensureWorkspace(raw: Raw, name?: string): Promise<SeedWorkspace> {
  const [{ n }] = await raw.query<{ n: string }>("SELECT count(*) AS n FROM users");
  if (Number(n) === 0) {
    const workspaceName = name ?? DEMO_WORKSPACE;
    const passwordHash = await hashPassword(DEMO_ADMIN.password);
    // One statement, so a failure leaves nothing half-created.
    const [created] = await raw.query<{ workspace_id: string; user_id: string }>(
      `WITH ws AS (INSERT INTO workspaces (name, default_country) VALUES ($1, 'US') RETURNING id),
            u AS (INSERT INTO users (email, name, password_hash) VALUES ($2, $3, $4) RETURNING id),
            m AS (INSERT INTO memberships (workspace_id, user_id, role) SELECT ws.id, u.id, 'super_admin' FROM ws, u),
            a AS (INSERT INTO audit_log (workspace_id, actor_user_id, actor_label, action, entity_type, entity_id, after)
                  SELECT ws.id, u.id, $5, 'workspace.created', 'workspace', ws.id::text, $6::jsonb FROM ws, u)
       SELECT ws.id AS workspace_id, u.id AS user_id FROM ws, u`,
      [
        workspaceName,
        DEMO_ADMIN.email,
        DEMO_ADMIN.name,
        passwordHash,
        `${DEMO_ADMIN.name} <${DEMO_ADMIN.email}>`,
        JSON.stringify({ name: workspaceName, defaultCountry: "US", superAdmin: DEMO_ADMIN.email, seeded: true }),
      ],
    );
    const ws = { id: created.workspace_id };
    const user = { id: created.user_id };
    return {
      workspaceId: ws.id,
      workspaceName,
      adminUserId: user.id,
      adminEmail: DEMO_ADMIN.email,
      adminName: DEMO_ADMIN.name,
      createdPassword: DEMO_ADMIN.password,
    };
  }
  const workspaces = await raw.query<{ id: string; name: string }>(
    name ? "SELECT id, name FROM workspaces WHERE name = $1 ORDER BY created_at LIMIT 1" : "SELECT id, name FROM workspaces ORDER BY created_at LIMIT 1",
    name ? [name] : [],
  );
  if (workspaces.length === 0) {
    const all = await raw.query<{ name: string }>("SELECT name FROM workspaces ORDER BY created_at");
    throw new Error(`No workspace named "${name}". Existing: ${all.map((w) => JSON.stringify(w.name)).join(", ") || "none"}`);
  }
  const ws = workspaces[0];
  const admins = await raw.query<{ id: string; email: string; name: string }>(
    `SELECT u.id, u.email, u.name FROM memberships m JOIN users u ON u.id = m.user_id
     WHERE m.workspace_id = $1
     ORDER BY (lower(u.email) = $2) DESC, (m.role = 'super_admin') DESC, m.created_at LIMIT 1`,
    [ws.id, DEMO_ADMIN.email],
  );
  return {
    workspaceId: ws.id,
    workspaceName: ws.name,
    adminUserId: admins[0]?.id ?? null,
    adminEmail: admins[0]?.email ?? null,
    adminName: admins[0]?.name ?? null,
    createdPassword: null,
  };
}

/** A workspace with no members, to hold other tenants' contacts. */
export async function createWorkspace(raw: Raw, name: string): Promise<string> {
  const [ws] = await raw.query<{ id: string }>("INSERT INTO workspaces (name, default_country) VALUES ($1, 'US') RETURNING id", [name]);
  return ws.id;
}

// ------------------------------------------------------------ rows → COPY text

const COLUMNS = [
  "workspace_id",
  "first_name",
  "last_name",
  "display_name",
  "company",
  "phone_e164",
  "phone_digits",
  "phone_country",
  "email",
  "status",
  "preferred_channel",
  "timezone",
  "address_city",
  "address_country",
  "external_id",
  "source",
  "consent_sms",
  "consent_sms_source",
  "consent_sms_changed_at",
  "consent_whatsapp",
  "consent_whatsapp_source",
  "consent_whatsapp_changed_at",
  "consent_email",
  "consent_email_source",
  "consent_email_changed_at",
  "last_activity_at",
  "session_count",
  "created_by",
  "updated_by",
  "created_at",
  "updated_at",
] as const;
const COLUMN_LIST = COLUMNS.join(", ");


/** A channel's state, and (a recorded one) its source and time: demo consent counts as imported when the contact was created. */
function consentCells(state: DemoContact["consentSms"], c: DemoContact): string[] {
  return state === "not_subscribed" ? [state, "\\N", "\\N"] : [state, "import", c.createdAt.toISOString()];
}

function copyLine(workspaceId: string, createdBy: string | null, c: DemoContact): string {
  const by = createdBy ?? "\\N";
  return [
    workspaceId,
    copyTextCell(c.firstName),
    copyTextCell(c.lastName),
    copyTextCell(c.displayName),
    copyTextCell(c.company),
    copyTextCell(c.phoneE164),
    copyTextCell(c.phoneDigits),
    copyTextCell(c.phoneCountry),
    copyTextCell(c.email),
    c.status,
    c.preferredChannel ?? "\\N",
    copyTextCell(c.timezone),
    copyTextCell(c.addressCity),
    copyTextCell(c.addressCountry),
    copyTextCell(c.externalId),
    c.source,
    ...consentCells(c.consentSms, c),
    ...consentCells(c.consentWhatsapp, c),
    ...consentCells(c.consentEmail, c),
    c.lastActivityAt ? c.lastActivityAt.toISOString() : "\\N",
    String(c.sessionCount),
    by,
    by,
    c.createdAt.toISOString(),
    c.updatedAt.toISOString(),
  ].join("\t");
}

type Chunks = { workspaceId: string; createdBy: string | null; start: number; count: number; now: number; rowsPerChunk: number };


/** COPY text format, `rowsPerChunk` rows at a time. */
function* copyChunks({ workspaceId, createdBy, start, count, now, rowsPerChunk }: Chunks): Generator<string> {
  for (let first = start; first < start + count; first += rowsPerChunk) {
    const last = Math.min(start + count, first + rowsPerChunk);
    let chunk = "";
    for (let row = first; row < last; row++) chunk += copyLine(workspaceId, createdBy, demoContact(row, now)) + "\n";
    yield chunk;
  }
}

// ------------------------------------------------------------ sessions

/** One connection inside one transaction: a failed or interrupted seed leaves nothing behind. */
export type Session = Raw & {
  /** COPY text-format chunks into `table` (the COLUMNS); returns the rows copied. */
  copyIn(table: string, chunks: Iterable<string>): Promise<number>;
};

export async function inTransaction<T>(handle: DatabaseHandle, fn: (session: Session) => Promise<T>): Promise<T> {
  if (handle.db.driver.name === "pglite") {
    return pgliteOf(handle).transaction(async (tx) =>
      fn({
        driver: "pglite",
        async query<R>(text: string, params: unknown[] = []) {
          return (await tx.query<R>(text, params)).rows;
        },
        async copyIn(table, chunks) {
          let rows = 0;
          for (const chunk of chunks) {
            await tx.query(`COPY ${table} (${COLUMN_LIST}) FROM '/dev/blob'`, [], { blob: new Blob([chunk]) });
            rows += countLines(chunk);
          }
          return rows;
        },
      }),
    );
  }
  const client: PoolClient = await poolOf(handle).connect();
  try {
    await client.query("BEGIN");
    const result = await fn({
      driver: "pg",
      async query<R>(text: string, params: unknown[] = []) {
        return (await client.query(text, params)).rows as R[];
      },
      async copyIn(table, chunks) {
        const stream = client.query(copyFrom(`COPY ${table} (${COLUMN_LIST}) FROM STDIN`));
        await pipeline(Readable.from(chunks), stream);
        return stream.rowCount;
      },
    });
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

function countLines(chunk: string): number {
  let n = 0;
  for (let i = chunk.indexOf("\n"); i !== -1; i = chunk.indexOf("\n", i + 1)) n++;
  return n;
}

/**
 * Bulk-load mode for an empty contacts table: drops its secondary indexes
 * (building them afterwards is several times faster than maintaining them
 * row by row, the trigram index above all) and returns a function that
 * rebuilds them from their saved definitions. Call inside `inTransaction`,
 * so an interrupted seed rolls the DROP back.
 */
export async function dropSecondaryIndexes(session: Session): Promise<() => Promise<void>> {
  const indexes = await session.query<{ name: string; def: string }>(
    `SELECT i.relname AS name, pg_get_indexdef(x.indexrelid) AS def
     FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
     WHERE x.indrelid = 'contacts'::regclass AND NOT x.indisprimary
       AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)`,
  );
  for (const index of indexes) await session.query(`DROP INDEX ${quoteIdent(index.name)}`);
  return async () => {
    if (session.driver === "pg") await session.query("SET LOCAL maintenance_work_mem = '512MB'");
    for (const index of indexes) await session.query(index.def);
  };
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

// ------------------------------------------------------------ loading

export type LoadOptions = {
  workspaceId: string;
  count: number;
  createdBy: string | null;
  /** Fixed "now" so reruns of the same rows produce the same data. */
  now: number;
  log?: (line: string) => void;
};

export type LoadResult = { inserted: number; skipped: number; startIndex: number; ms: number };

/**
 * Appends `count` demo contacts to a workspace. Rows are numbered after the
 * workspace's current contact count. An empty workspace gets a plain COPY; a
 * non-empty one goes through a staging table with ON CONFLICT DO NOTHING, so a
 * clash with an existing phone or email skips that row instead of failing.
 */
export async function loadContacts(session: Session, options: LoadOptions): Promise<LoadResult> {
  const [{ n }] = await session.query<{ n: string }>("SELECT count(*) AS n FROM contacts WHERE workspace_id = $1", [options.workspaceId]);
  const startIndex = Number(n);
  selfCheck(startIndex, options.count, options.now);
  const tick = progress(options.log, options.count);
  const rowsPerChunk = session.driver === "pg" ? 1000 : 5000;
  const chunks = (function* () {
    for (const chunk of copyChunks({ ...options, start: startIndex, rowsPerChunk })) {
      yield chunk;
      tick(rowsPerChunk);
    }
  })();
  const started = performance.now();
  let inserted: number;
  if (startIndex === 0) {
    inserted = await session.copyIn("contacts", chunks);
  } else {
    await session.query("DROP TABLE IF EXISTS seed_contacts");
    await session.query(`CREATE TEMP TABLE seed_contacts ON COMMIT DROP AS SELECT ${COLUMN_LIST} FROM contacts WITH NO DATA`);
    await session.copyIn("seed_contacts", chunks);
    const rows = await session.query(
      `WITH ins AS (INSERT INTO contacts (${COLUMN_LIST}) SELECT ${COLUMN_LIST} FROM seed_contacts ON CONFLICT DO NOTHING RETURNING 1)
       SELECT count(*) AS n FROM ins`,
    );
    inserted = Number((rows[0] as { n: string }).n);
    await session.query("DROP TABLE seed_contacts");
  }
  return { inserted, skipped: options.count - inserted, startIndex, ms: performance.now() - started };
}

function progress(log: ((line: string) => void) | undefined, total: number) {
  let done = 0;
  const step = Math.max(1, Math.floor(total / 5));
  let next = step;
  const started = performance.now();
  return (rows: number) => {
    done += rows;
    if (log && done >= next && done < total) {
      const secs = (performance.now() - started) / 1000;
      log(`  ${done.toLocaleString("en-US")} / ${total.toLocaleString("en-US")} rows (${Math.round(done / secs).toLocaleString("en-US")} rows/s)`);
      next += step;
    }
  };
}

// ------------------------------------------------------------ afterwards

/** Stars up to `n` of the rows just loaded for `userId`, spread over the range. */
export async function addFavorites(raw: Raw, opts: { workspaceId: string; userId: string; startIndex: number; count: number; now: number; n?: number }): Promise<number> {
  const n = Math.min(opts.n ?? 50, opts.count);
  if (n === 0) return 0;
  const now = opts.now;
  const phones: string[] = [];
  const step = opts.count / n;
  for (let k = 0; phones.length < n && k < opts.count; k++) {
    const row = opts.startIndex + Math.floor((k % n) * step + Math.floor(k / n));
    const phone = demoContact(row, now).phoneE164;
    if (phone && !phones.includes(phone)) phones.push(phone);
  }
  const rows = await raw.query<{ contact_id: string }>(
    `INSERT INTO favorites (workspace_id, user_id, contact_id)
     SELECT c.workspace_id, $2, c.id FROM contacts c WHERE c.workspace_id = $1 AND c.phone_e164 = ANY($3::text[])
     ON CONFLICT DO NOTHING RETURNING contact_id`,
    [opts.workspaceId, opts.userId, phones],
  );
  return rows.length;
}

/** Recounts workspaces.contact_count from the table. */
export async function refreshContactCount(raw: Raw, workspaceId: string): Promise<number> {
  const [row] = await raw.query<{ contact_count: number }>(
    "UPDATE workspaces SET contact_count = (SELECT count(*) FROM contacts WHERE workspace_id = $1), updated_at = now() WHERE id = $1 RETURNING contact_count",
    [workspaceId],
  );
  return row.contact_count;
}

/** Fresh statistics and visibility map (index-only scans need the latter). */
export async function vacuumAnalyze(raw: Raw): Promise<void> {
  await raw.query("VACUUM ANALYZE contacts");
  await raw.query("VACUUM ANALYZE favorites");
  await raw.query("ANALYZE workspaces");
}
