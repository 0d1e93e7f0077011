import { randomUUID } from "node:crypto";
import type { Db } from "@/db/client";
import type { RawTx } from "@/db/driver";
import type { AttributeDefinition, ImportJob } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { CONTACT_COLUMNS, contactRow, incompleteReason, keysOnlyStageRow, LOAD_COLUMNS, newBatch, resetBatch, type Batch } from "./batch-rows";
import { keyFromHeader } from "./fields";
import { normalizeRow, STAGE_COLUMNS } from "./normalize";
import type { ImportCounts, ImportOptions, ImportSummary } from "./options";
import { ImportProgress } from "./progress";
import { fileRecords, FileProblem, storedFile, type ChunkReader } from "./source";
import { batchScript } from "./batch-sql";
import { contactKeys, KeyFilter, loadExistingKeys } from "./key-filter";
import { traced } from "./trace";
import * as SQL from "./stage-sql";

const BATCH = 5_000;
const YIELD_EVERY = 50;

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

type Run = { db: Db; job: ImportJob; actor: Actor; options: ImportOptions; dryRun: boolean; hooks?: ImportHooks };

/**
 * The whole import in one transaction. The file streams through the parser
 * and normalizer here in batches of 5,000 rows; while one batch is parsed,
 * the database merges the previous one (two cores, overlapped):
 *  - a row that Bloom filters show shares no key with an earlier row or an
 *    existing contact, and is complete, is certainly new: COPY into contacts;
 *  - the others go to a temp stage where one script per batch probes the
 *    indexes (in-file duplicates, existing matches, limit) and inserts the new.
 * Then the steps over the whole file: removal, consent events, updates,
 * lists, counts, error rows, audit. A preview is the same run rolled back
 * (certainly-new rows counted rather than inserted), so its counts are the
 * real run's; a crash or kill leaves nothing behind.
 */
export async function executeImport(run: Run): Promise<ImportSummary> {
  const progress = new ImportProgress(run.db, run.job);
  try {
    return await run.db.driver.rawTransaction((tx) => {
      if (!process.env.SB_IMPORT_TRACE) return stageAndMerge(tx, run, progress);
      const trace = traced(tx);
      return stageAndMerge(trace, run, progress).finally(() => trace.report());
    });
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
  const [workspace] = await tx.query<{ contact_limit: number | null; contact_count: number; default_country: string; name: string; now: string }>(
    "SELECT contact_limit, contact_count, default_country, name, now()::text AS now FROM workspaces WHERE id = $1 FOR UPDATE",
    [ws],
  );
  const { mapping, defs } = await prepareAttributes(tx, run);

  for (const statement of SQL.CREATE_STAGE) await tx.query(statement);
  const limit = workspace.contact_limit;
  // With removal, what the removal frees is known only at the end (see FAIL_EXCESS_CREATED).
  let room = limit === null ? null : Math.max(0, limit - workspace.contact_count + (run.options.removeMissing ? workspace.contact_count : 0));
  const consent = run.options.defaultConsent;
  let created = 0;
  let batchNo = 0;
  const mergeBatch = async (full: Batch, batchOfRows: number, rowsSoFar: number) => {
    await tx.loadText("import_stage", LOAD_COLUMNS, full.stage.data());
    // Rows that are certainly new go straight into contacts, by COPY. A
    // preview counts them without inserting: nothing can stop them (no key
    // collides, every value is checked), and a rolled-back insert would leave
    // a dead copy of every row in the table and its indexes for the real
    // run, which follows, to step over.
    if (!run.dryRun) await tx.loadText("contacts", CONTACT_COLUMNS, full.contacts.data());
    if (room !== null) room = Math.max(0, room - full.contacts.rows);
    created += full.contacts.rows;
    if (full.probed > 0) {
      const script = batchScript({
        workspaceId: ws,
        actorId: run.actor.userId,
        batch: batchOfRows,
        duplicates: run.options.duplicates,
        room,
        defaultConsent: consent,
      });
      const [{ n }] = await tx.script<{ n: number }>(script);
      if (room !== null) room = Math.max(0, room - n);
      created += n;
    }
    progress.update({ rowsRead: rowsSoFar });
    await run.hooks?.afterBatch?.(rowsSoFar);
  };

  // Keys already taken (existing contacts) and claimed by earlier rows: only
  // rows these filters cannot rule out are probed in the database.
  const existingKeys = await loadExistingKeys(tx, ws, workspace.contact_count);
  const fileKeys = new KeyFilter(Math.max(100_000, run.job.totalBytes / 10));

  let rows = 0;
  // Three batches: one fills here while the others wait for or go through the
  // database, so a slow stretch on either side does not stall the other.
  const buffers = [newBatch(), newBatch(), newBatch()];
  const merged: Promise<void>[] = buffers.map(() => Promise.resolve());
  let current = 0;
  let batch = buffers[0];
  // While every row so far could become a contact within the limit, no row
  // can be past it: certainly-new rows may skip the database's limit check.
  // (With removal and a limit together, the end may fail the last rows created: they must all be staged.)
  const initialRoom = room;
  const directAllowed = !(run.options.removeMissing && limit !== null);
  // The database counts every contact and refuses one past the limit; here
  // the batches may pass it until the removal frees room, and the end fails
  // the excess (FAIL_EXCESS_CREATED): this transaction checks the limit itself.
  if (!directAllowed) await tx.query("SET LOCAL switchboard.contact_limit_deferred = 'on'");
  // A certainly-new row needs a stage row only for the steps over the whole
  // file that read it: lists (chosen, or from a column) and consent events;
  // in a preview it has no contact, so its stage row stands for it.
  const stageDirect =
    run.dryRun ||
    run.options.listIds.length > 0 ||
    mapping.includes("lists") || mapping.some((t) => t === "consentSms" || t === "consentWhatsapp" || t === "consentEmail") || Object.values(consent).some(Boolean);
  const actor = run.actor.userId;
  let merging: Promise<void> = Promise.resolve();
  let bytes = 0;
  // Alongside the transaction: on a server another connection reads the
  // file while this one merges (the upload was committed before the run).
  const reader: ChunkReader = async (fromSeq) => {
    const [chunk] = await tx.readAlongside<{ seq: number; data: Uint8Array }>(
      "SELECT seq, data FROM import_files WHERE workspace_id = $1 AND job_id = $2 AND seq >= $3 ORDER BY seq LIMIT 1",
      [ws, run.job.id, fromSeq],
    );
    return chunk ? { seq: chunk.seq, data: Buffer.from(chunk.data) } : null;
  };
  const source = storedFile(reader, (n) => progress.update({ bytesRead: (bytes += n) }));
  const context = { mapping, rules: { country: workspace.default_country, definitions: defs }, options: run.options };
  // Each batch is loaded and merged into contacts (the database's work) while
  // the next one is parsed and normalized here: the two overlap on two cores.
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
      const parsed = staged.outcome !== "failed";
      const keys = contactKeys(staged.phone_e164, staged.email, staged.external_id);
      let maybeDup = false;
      let maybeExisting = false;
      for (const key of keys) {
        if (parsed && fileKeys.has(key)) maybeDup = true;
        if (existingKeys.has(key)) maybeExisting = true;
      }
      if (parsed) for (const key of keys) fileKeys.add(key);
      const incomplete = incompleteReason(staged);
      const direct = directAllowed && parsed && !maybeDup && !maybeExisting && incomplete === null && (initialRoom === null || rows < initialRoom);
      const newId = randomUUID();
      if (direct) {
        batch.contacts.add(contactRow(staged, ws, newId, actor, consent, workspace.now));
        if (stageDirect) batch.stage.add(keysOnlyStageRow(staged, batchNo, newId));
        batch.rows++;
      } else {
        staged.raw = JSON.stringify(record.values);
        const row: (string | null)[] = STAGE_COLUMNS.map((c) => staged[c]);
        row.push(String(batchNo), parsed ? "t" : "f", maybeDup ? "t" : "f", maybeExisting ? "t" : "f", "f", incomplete, newId);
        batch.stage.add(row);
        batch.probed++;
        batch.rows++;
      }
      rows++;
      if (batch.rows >= (run.hooks?.batchRows ?? BATCH)) {
        const full = batch;
        const number = batchNo++;
        const soFar = rows;
        merging = merging.then(() => mergeBatch(full, number, soFar));
        // Handled here so a failure waits for the await below or after the loop.
        merging.catch(() => undefined);
        merged[current] = merging;
        current = (current + 1) % buffers.length;
        const w = performance.now();
        // The buffer is reused once the batch that last used it is merged.
        await merged[current];
        waited += performance.now() - w;
        batch = buffers[current];
        resetBatch(batch);
      } else if (rows % YIELD_EVERY === 0) {
        // Parsing runs in long synchronous stretches: let the database's
        // answers in, so the next statement of the batch goes out at once.
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
    }
    await merging;
    if (batch.rows > 0) await mergeBatch(batch, batchNo, rows);
  } catch (error) {
    // Let a batch still merging settle before the transaction rolls back under it.
    await merging.catch(() => undefined);
    throw error;
  } finally {
    source.destroy();
  }
  if (process.env.SB_IMPORT_TRACE) console.log(`[import-trace] merged ${rows} rows in ${(performance.now() - stageStarted).toFixed(0)} ms, parser waited for the database ${waited.toFixed(0)} ms; memory ${JSON.stringify(Object.fromEntries(Object.entries(process.memoryUsage()).map(([k, v]) => [k, Math.round(v / 2 ** 20)])))} MB`);
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
  // (A preview's new contacts are counted, not inserted: no events or list members for them.)
  if ((defaults || consentMapped) && !run.dryRun) {
    for (const [index, statement] of SQL.NEW_CONSENT_EVENTS.entries()) {
      const channelDefault = [consent.sms, consent.whatsapp, consent.email][index] ?? null;
      await tx.query(statement, [ws, run.actor.userId, actorLabel, evidence, channelDefault]);
    }
  }

  let updated = 0;
  let keptUnsubscribed = 0;
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
      await tx.query(`UPDATE contacts c SET attribute_text = sb_attribute_text(c.workspace_id, c.attributes) WHERE c.workspace_id = $1 AND c.id = ANY($2::uuid[])`, [
        ws,
        [...changed],
      ]);
    }
    updated = changed.size;
    keptUnsubscribed = (await tx.query<{ n: number }>(SQL.COUNT_KEPT_UNSUBSCRIBED))[0].n;
  }

  if (mapping.includes("lists") && !run.dryRun) {
    await tx.query(SQL.CREATE_LISTS_FROM_COLUMN, [ws, run.actor.userId]);
    await tx.query(SQL.JOIN_LISTS_FROM_COLUMN, [ws]);
  }
  if (run.options.listIds.length > 0 && !run.dryRun) await tx.query(SQL.JOIN_CHOSEN_LISTS, [ws, run.options.listIds]);

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
    keptUnsubscribed,
  };
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
    // Contacts may hold values for the key already (see migration 0010): count them.
    if (type === "boolean") await tx.query(`SELECT rebuild_attribute_value_counts($1::uuid, $2)`, [run.job.workspaceId, key]);
    defs.push(created);
    mapping[index] = `attr.${key}`;
  }
  return { mapping, defs };
}
