import { randomUUID } from "node:crypto";
import type { DatabaseHandle } from "@/db/client";
import type { AttributeDefinition, ImportJob } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { withRawTransaction, type RawTx } from "@/lib/db-raw";
import { keyFromHeader } from "./fields";
import { normalizeRow, STAGE_COLUMNS } from "./normalize";
import type { ImportCounts, ImportOptions, ImportSummary } from "./options";
import { ImportProgress } from "./progress";
import { chunkReader, fileRecords, FileProblem, storedFile } from "./source";
import * as SQL from "./stage-sql";

const BATCH = 5_000;
const LOAD_COLUMNS = [...STAGE_COLUMNS, "parsed", "new_id"];

class DryRunFinished extends Error {
  constructor(readonly summary: ImportSummary) {
    super("dry run");
  }
}

/**
 * Test seams: the crash test uses `afterBatch` to fail mid-way; `batchRows`
 * makes batches tiny so a small file crosses many batch boundaries.
 */
export type ImportHooks = { afterBatch?: (rowsMerged: number) => void | Promise<void>; batchRows?: number };

type Run = { handle: DatabaseHandle; job: ImportJob; actor: Actor; options: ImportOptions; dryRun: boolean; hooks?: ImportHooks };

/**
 * The whole import in one transaction: stream the file → normalize → stage
 * (COPY) → set-based dedupe, match, insert, update, lists, consent → counts.
 * A preview is the same run rolled back, so its counts are the real run's.
 * A crash or kill at any point leaves nothing behind.
 */
export async function executeImport(run: Run): Promise<ImportSummary> {
  const progress = new ImportProgress(run.handle, run.job);
  try {
    return await withRawTransaction(run.handle, (tx) => stageAndMerge(process.env.SB_IMPORT_TRACE ? traced(tx) : tx, run, progress));
  } catch (error) {
    if (error instanceof DryRunFinished) return error.summary;
    throw error;
  } finally {
    progress.stop();
  }
}

async function stageAndMerge(tx: RawTx, run: Run, progress: ImportProgress): Promise<ImportSummary> {
  const ws = run.job.workspaceId;
  const actorLabel = `${run.actor.name} <${run.actor.email}>`;
  const evidence = JSON.stringify({ importJobId: run.job.id, file: run.job.fileName });

  // Lock the workspace row: the contact counter and limit hold for the whole run.
  const [workspace] = await tx.query<{ contact_limit: number | null; contact_count: number; default_country: string; name: string }>(
    "SELECT contact_limit, contact_count, default_country, name FROM workspaces WHERE id = $1 FOR UPDATE",
    [ws],
  );
  const { mapping, defs } = await prepareAttributes(tx, run);
  const searchableKeys = new Set(defs.filter((d) => d.type === "text" || d.type === "dropdown").map((d) => d.key));

  for (const statement of SQL.CREATE_STAGE) await tx.query(statement);
  const limit = workspace.contact_limit;
  // With removal, what the removal frees is known only at the end (see FAIL_EXCESS_CREATED).
  let room = limit === null ? Infinity : Math.max(0, limit - workspace.contact_count + (run.options.removeMissing ? workspace.contact_count : 0));
  let created = 0;
  const mergeBatch = async (rowsSoFar: number) => {
    await tx.query(SQL.MARK_IN_FILE_DUPLICATES);
    await tx.query(SQL.MATCH_EXISTING, [ws]);
    if (run.options.duplicates === "update") await tx.query(SQL.FAIL_SPLIT_MATCHES, [ws]);
    await tx.query(SQL.MARK_EXISTING(run.options.duplicates));
    await tx.query(SQL.FAIL_INCOMPLETE_NEW);
    if (room !== Infinity) await tx.query(SQL.FAIL_PAST_LIMIT, [room]);
    const [{ n }] = await tx.query<{ n: number }>(SQL.COUNT_BATCH_NEW);
    room = Math.max(0, room - n);
    created += n;
    await tx.query(SQL.INSERT_NEW, [ws, run.actor.userId, consent.sms ?? null, consent.whatsapp ?? null, consent.email ?? null]);
    for (const statement of SQL.KEEP_BATCH) await tx.query(statement);
    progress.update({ rowsRead: rowsSoFar });
    await run.hooks?.afterBatch?.(rowsSoFar);
  };
  const consent = run.options.defaultConsent;

  let rows = 0;
  let batch: (string | null)[][] = [];
  let merging: Promise<void> = Promise.resolve();
  let bytes = 0;
  // PGlite has one connection, held by this transaction: read the file through it.
  // On a server, read through the pool so reading overlaps the merge.
  const reader =
    run.handle.driver === "pg"
      ? chunkReader(run.handle.db, run.job)
      : async (fromSeq: number) => {
          const [chunk] = await tx.query<{ seq: number; data: Uint8Array }>(
            "SELECT seq, data FROM import_files WHERE workspace_id = $1 AND job_id = $2 AND seq >= $3 ORDER BY seq LIMIT 1",
            [ws, run.job.id, fromSeq],
          );
          return chunk ? { seq: chunk.seq, data: Buffer.from(chunk.data) } : null;
        };
  const source = storedFile(reader, (n) => progress.update({ bytesRead: (bytes += n) }));
  const context = {
    mapping,
    defs: new Map(defs.map((d) => [d.key, d])),
    searchableKeys,
    country: workspace.default_country,
    options: run.options,
  };
  // Each batch is loaded and merged into contacts (the database's work) while
  // the next one is parsed and normalized here: the two overlap on two cores.
  const loadAndMerge = async (rowsOfBatch: (string | null)[][], rowsSoFar: number) => {
    await tx.load("import_batch", LOAD_COLUMNS, rowsOfBatch);
    await mergeBatch(rowsSoFar);
  };
  let skipHeader = run.job.hasHeader;
  const stageStarted = performance.now();
  let waited = 0;
  try {
    for await (const record of fileRecords(source, run.job)) {
      if (skipHeader) {
        skipHeader = false;
        continue;
      }
      const staged = normalizeRow(record.rowNumber, record.values, context);
      const row: (string | null)[] = STAGE_COLUMNS.map((c) => staged[c]);
      row.push(staged.outcome === "failed" ? "f" : "t", randomUUID());
      batch.push(row);
      rows++;
      if (batch.length >= (run.hooks?.batchRows ?? BATCH)) {
        const w = performance.now();
        await merging;
        waited += performance.now() - w;
        merging = loadAndMerge(batch, rows);
        batch = [];
      }
    }
    await merging;
    if (batch.length > 0) await loadAndMerge(batch, rows);
  } catch (error) {
    // Let a batch still merging settle before the transaction rolls back under it.
    await merging.catch(() => undefined);
    throw error;
  } finally {
    source.destroy();
  }
  if (process.env.SB_IMPORT_TRACE) console.log(`[import-trace] merged ${rows} rows in ${(performance.now() - stageStarted).toFixed(0)} ms, parser waited for the database ${waited.toFixed(0)} ms`);
  if (rows === 0) throw new FileProblem("The file has no rows to import.");

  await progress.phase("saving");
  // The steps over the whole file: the planner needs the stage's statistics.
  await tx.query("ANALYZE import_stage");
  let removing = 0;
  if (run.options.removeMissing) {
    removing = (await tx.query<{ id: string }>(`DELETE FROM contacts WHERE id IN (SELECT c.id ${SQL.NOT_IN_FILE}) RETURNING id`, [ws])).length;
  }
  if (limit !== null) {
    const excess = workspace.contact_count + created - removing - limit;
    if (excess > 0) {
      await tx.query(SQL.FAIL_EXCESS_CREATED[0], [excess]);
      await tx.query(SQL.FAIL_EXCESS_CREATED[1], [ws]);
      created -= excess;
    }
  }
  const defaults = Object.values(consent).some(Boolean);
  const consentMapped = mapping.some((t) => t === "consentSms" || t === "consentWhatsapp" || t === "consentEmail");
  if (defaults || consentMapped) {
    for (const [index, statement] of SQL.NEW_CONSENT_EVENTS.entries()) {
      const channelDefault = [consent.sms, consent.whatsapp, consent.email][index] ?? null;
      await tx.query(statement, [ws, run.actor.userId, actorLabel, evidence, channelDefault]);
    }
  }

  let updated = 0;
  if (run.options.duplicates === "update") {
    const mapped = new Set(mapping.filter((t) => t && !t.startsWith("attr.")));
    const attributeKeys = mapping.filter((t) => t.startsWith("attr.")).map((t) => t.slice(5));
    const update = SQL.updateExistingSql(mapped, attributeKeys, run.options.missing);
    const changed = new Set<string>();
    if (update) for (const row of await tx.query<{ id: string }>(update, [ws, run.actor.userId])) changed.add(row.id);
    if (mapped.has("consentSms") || mapped.has("consentWhatsapp") || mapped.has("consentEmail")) {
      for (const statement of SQL.UPDATE_CONSENT) {
        const rows = await tx.query<{ contact_id: string }>(`${statement} RETURNING contact_id`, [ws, run.actor.userId, actorLabel, evidence]);
        for (const row of rows) changed.add(row.contact_id);
      }
    }
    if (attributeKeys.length > 0 && changed.size > 0) {
      await tx.query(
        `UPDATE contacts c SET attribute_text = (SELECT string_agg(e.value, ' ') FROM jsonb_each_text(c.attributes) e
           WHERE e.key IN (SELECT key FROM attribute_definitions WHERE workspace_id = $1 AND type IN ('text', 'dropdown')))
         WHERE c.workspace_id = $1 AND c.id = ANY($2::uuid[])`,
        [ws, [...changed]],
      );
    }
    updated = changed.size;
  }

  if (mapping.includes("lists")) {
    await tx.query(SQL.CREATE_LISTS_FROM_COLUMN, [ws, run.actor.userId]);
    await tx.query(SQL.JOIN_LISTS_FROM_COLUMN, [ws]);
  }
  if (run.options.listIds.length > 0) await tx.query(SQL.JOIN_CHOSEN_LISTS, [ws, run.options.listIds]);

  const outcomes = Object.fromEntries((await tx.query<{ outcome: string; n: number }>(SQL.COUNT_OUTCOMES)).map((r) => [r.outcome, r.n]));
  const counts: ImportCounts = {
    rows,
    created,
    updated,
    unchanged: (outcomes.update ?? 0) - updated,
    skippedExisting: outcomes.existing ?? 0,
    skippedInFile: outcomes.in_file ?? 0,
    failed: outcomes.failed ?? 0,
    removed: removing,
  };
  await tx.query("UPDATE workspaces SET contact_count = contact_count + $2 - $3 WHERE id = $1", [ws, counts.created, counts.removed]);
  const failures = (await tx.query<{ row_no: number; reason: string }>(SQL.FIRST_FAILURES)).map((f) => ({ row: f.row_no, reason: f.reason }));
  const summary: ImportSummary = { ...counts, failures };
  if (run.dryRun) throw new DryRunFinished(summary);

  await tx.query(SQL.SAVE_ERRORS, [ws, run.job.id]);
  await tx.query(
    `INSERT INTO audit_log (workspace_id, actor_user_id, actor_label, action, entity_type, entity_id, after)
     VALUES ($1, $2, $3, 'contacts.imported', 'import', $4, $5::jsonb)`,
    [ws, run.actor.userId, actorLabel, run.job.id, JSON.stringify({ file: run.job.fileName, ...counts, options: { ...run.options, removeConfirm: undefined } })],
  );
  return summary;
}

/**
 * Columns mapped to "new attribute" become attribute definitions first (in
 * the same transaction, so a failed or previewed import leaves none behind).
 */
async function prepareAttributes(tx: RawTx, run: Run): Promise<{ mapping: string[]; defs: AttributeDefinition[] }> {
  const defs = await tx.query<AttributeDefinition>(
    `SELECT workspace_id AS "workspaceId", id, key, label, type, options, created_at AS "createdAt" FROM attribute_definitions WHERE workspace_id = $1`,
    [run.job.workspaceId],
  );
  const mapping = [...run.options.mapping];
  for (const [index, target] of mapping.entries()) {
    if (!target.startsWith("new:")) continue;
    const type = target.slice(4) as AttributeDefinition["type"];
    const label = run.job.columns[index] ?? `Column ${index + 1}`;
    let key = keyFromHeader(label);
    for (let n = 2; defs.some((d) => d.key === key); n++) key = `${keyFromHeader(label)}_${n}`.slice(0, 40);
    if (type === "dropdown") throw new FileProblem(`“${label}” cannot become a dropdown during import: create the attribute with its options first.`);
    const [created] = await tx.query<AttributeDefinition>(
      `INSERT INTO attribute_definitions (workspace_id, key, label, type) VALUES ($1, $2, $3, $4)
       RETURNING workspace_id AS "workspaceId", id, key, label, type, options, created_at AS "createdAt"`,
      [run.job.workspaceId, key, label.slice(0, 80), type],
    );
    defs.push(created);
    mapping[index] = `attr.${key}`;
  }
  return { mapping, defs };
}

/** SB_IMPORT_TRACE=1 logs each statement's time: how the benchmark's phases are profiled. */
function traced(tx: RawTx): RawTx {
  const log = async <T>(label: string, work: Promise<T>): Promise<T> => {
    const started = performance.now();
    try {
      return await work;
    } finally {
      console.log(`[import-trace] ${(performance.now() - started).toFixed(0).padStart(7)} ms ${label.replace(/\s+/g, " ").trim().slice(0, 90)}`);
    }
  };
  return {
    query: (text, params) => log(text, tx.query(text, params)),
    load: (table, columns, rows) => (rows.length >= 50_000 ? log(`load ${rows.length}`, tx.load(table, columns, rows)) : tx.load(table, columns, rows)),
  };
}
