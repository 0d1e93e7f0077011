import type { Db } from "@/db/client";
import type { RawTx } from "@/db/driver";
import type { AttributeDefinition, ImportJob } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { CONTACT_COLUMNS, LOAD_COLUMNS, type Batch } from "./batch-rows";
import { BatchPipeline } from "./batch-pipeline";
import { keyFromHeader } from "./fields";
import { baseTarget, listRulesFor } from "./header-map";
import type { ImportCounts, ImportOptions, ImportSummary } from "./options";
import { ImportProgress } from "./progress";
import { RowRouter } from "./row-router";
import { fileRecords, FileProblem, storedFile, type ChunkReader } from "./source";
import { batchScript } from "./batch-sql";
import { loadExistingKeys } from "./key-filter";
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

type Run = {
  db: Db;
  job: ImportJob;
  actor: Actor;
  options: ImportOptions;
  dryRun: boolean;
  hooks?: ImportHooks;
  /** Last statement before a real run commits: throws (and rolls back) when the queue has given the run up. */
  beforeCommit?: (tx: RawTx) => Promise<void>;
};

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
      if (!process.env.SB_IMPORT_TRACE) return importFile(tx, run, progress);
      const trace = traced(tx);
      return importFile(trace, run, progress).finally(() => trace.report());
    });
  } catch (error) {
    if (error instanceof DryRunFinished) return error.summary;
    throw error;
  } finally {
    progress.stop();
  }
}

/** The workspace row, locked for the whole run. */
type Workspace = { contact_limit: number | null; contact_count: number; default_country: string; name: string; now: string };

/** What a run settles before its first row, and every step reads. */
type Step = {
  tx: RawTx;
  run: Run;
  workspaceId: string;
  workspace: Workspace;
  /** The options' mapping, with "new attribute" targets replaced by the attributes' keys. */
  mapping: string[];
  defs: AttributeDefinition[];
  actorLabel: string;
  /** What the consent events this import writes give as their evidence. */
  evidence: string;
};

/** What a run counts as it goes, and the room the contact limit still leaves. */
class Tally {
  rows = 0;
  created = 0;
  removed = 0;
  updated = 0;
  keptUnsubscribed = 0;
  /** Rows with more phones or emails than the one their contact keeps. */
  readonly dropped = { phones: 0, emails: 0 };

  constructor(public room: number | null) {}

  /** Each contact created takes room under the limit. */
  create(n: number): void {
    this.created += n;
    if (this.room !== null) this.room = Math.max(0, this.room - n);
  }
}

async function importFile(tx: RawTx, run: Run, progress: ImportProgress): Promise<ImportSummary> {
  const workspaceId = run.job.workspaceId;
  const workspace = await lockWorkspace(tx, workspaceId);
  const { mapping, defs } = await prepareAttributes(tx, run);
  const step: Step = {
    tx,
    run,
    workspaceId,
    workspace,
    mapping,
    defs,
    actorLabel: `${run.actor.name} <${run.actor.email}>`,
    evidence: JSON.stringify({ importJobId: run.job.id, file: run.job.fileName }),
  };
  const tally = new Tally(roomUnderLimit(workspace, run.options));
  await streamAndStage(step, tally, progress);
  if (tally.rows === 0) throw new FileProblem("The file has no rows to import.");

  await progress.phase("saving");
  // The steps over the whole file: the planner needs the stage's statistics.
  await tx.query("ANALYZE import_stage");
  await applyRemoval(step, tally);
  await enforceLimit(step, tally);
  await writeConsentEvents(step);
  await applyUpdates(step, tally);
  await joinLists(step);
  const counts = await countOutcomes(step, tally);
  await countCreated(step, counts);
  const summary: ImportSummary = { ...counts, failures: await firstFailures(tx) };
  if (run.dryRun) throw new DryRunFinished(summary);
  await saveErrorsAndAudit(step, counts);
  await run.beforeCommit?.(tx);
  return summary;
}

/** Locks the workspace row: the contact counter and limit hold for the whole run. */
async function lockWorkspace(tx: RawTx, workspaceId: string): Promise<Workspace> {
  const [workspace] = await tx.query<Workspace>(
    "SELECT contact_limit, contact_count, default_country, name, now()::text AS now FROM workspaces WHERE id = $1 FOR UPDATE",
    [workspaceId],
  );
  // Elsewhere the database counts contacts per statement and holds the limit
  // (db/sql/functions/sb_contact_count_insert.sql). The import holds the limit
  // row by row and after its removal, and counts once at the end (countCreated):
  // a count per batch made every inserted contact's foreign-key check walk
  // hundreds of versions of the workspace row.
  await tx.query("SET LOCAL switchboard.import_counts = 'on'");
  return workspace;
}

/** The one change of the workspace's contact count an import makes, at its end. */
async function countCreated(step: Step, counts: ImportCounts): Promise<void> {
  await step.tx.query("UPDATE workspaces SET contact_count = contact_count + $2 - $3 WHERE id = $1", [step.workspaceId, counts.created, counts.removed]);
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

/**
 * How many contacts the limit leaves room for (null: no limit). With removal,
 * what the removal frees is known only at the end (see FAIL_EXCESS_CREATED),
 * so every existing contact counts as room until then.
 */
function roomUnderLimit(workspace: Workspace, options: ImportOptions): number | null {
  const limit = workspace.contact_limit;
  return limit === null ? null : Math.max(0, limit - workspace.contact_count + (options.removeMissing ? workspace.contact_count : 0));
}

function mapsConsent(mapping: string[]): boolean {
  return mapping.some((t) => t === "consentSms" || t === "consentWhatsapp" || t === "consentEmail");
}

function hasDefaultConsent(options: ImportOptions): boolean {
  return Object.values(options.defaultConsent).some(Boolean);
}

/**
 * Reads the file into the stage and contacts, batch by batch: each batch is
 * loaded and merged into contacts (the database's work) while the next one
 * is parsed and normalized here, so the two overlap on two cores.
 */
async function streamAndStage(step: Step, tally: Tally, progress: ImportProgress): Promise<void> {
  const { tx, run, workspace } = step;
  for (const statement of SQL.CREATE_STAGE) await tx.query(statement);
  // With removal and a limit together, the end may fail the last rows
  // created: they must all be staged.
  const directAllowed = !(run.options.removeMissing && workspace.contact_limit !== null);
  const router = new RowRouter({
    workspaceId: step.workspaceId,
    actorId: run.actor.userId,
    defaultConsent: run.options.defaultConsent,
    now: workspace.now,
    normalize: {
      mapping: step.mapping,
      rules: { country: workspace.default_country, definitions: step.defs },
      options: run.options,
      listRules: listRulesFor(run.job.columns),
      dropped: tally.dropped,
    },
    existingKeys: await loadExistingKeys(tx, step.workspaceId, workspace.contact_count),
    totalBytes: run.job.totalBytes,
    directAllowed,
    room: tally.room,
    // A certainly-new row needs a stage row only for the steps over the whole
    // file that read it: lists (chosen, or from a column) and consent events;
    // in a preview it has no contact, so its stage row stands for it.
    stageDirect:
      run.dryRun || run.options.listIds.length > 0 || mapsConsent(step.mapping) || hasDefaultConsent(run.options)
        ? "all"
        : step.mapping.includes("lists")
          ? "withLists"
          : "none",
  });
  const pipeline = new BatchPipeline((batch, number, rowsSoFar) => mergeBatch(step, tally, progress, batch, number, rowsSoFar));
  const source = storedFile(chunksAlongside(step), bytesCounter(progress));
  const batchRows = run.hooks?.batchRows ?? BATCH;
  let header = run.job.hasHeader;
  const started = performance.now();
  try {
    for await (const record of fileRecords(source, run.job)) {
      if (header) {
        header = false;
        continue;
      }
      router.add(pipeline.filling, pipeline.number, record, tally.rows);
      tally.rows++;
      if (pipeline.filling.rows >= batchRows) {
        await pipeline.send(tally.rows);
      } else if (tally.rows % YIELD_EVERY === 0) {
        // Parsing runs in long synchronous stretches: let the database's
        // answers in, so the next statement of the batch goes out at once.
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
    }
    await pipeline.finish(tally.rows);
  } catch (error) {
    await pipeline.settle();
    throw error;
  } finally {
    source.destroy();
  }
  if (process.env.SB_IMPORT_TRACE) console.log(`[import-trace] merged ${tally.rows} rows in ${(performance.now() - started).toFixed(0)} ms, parser waited for the database ${pipeline.waitedMs.toFixed(0)} ms; memory ${JSON.stringify(Object.fromEntries(Object.entries(process.memoryUsage()).map(([k, v]) => [k, Math.round(v / 2 ** 20)])))} MB`);
}

/**
 * The stored upload, read alongside the transaction: on a server another
 * connection reads the file while this one merges (the upload was committed
 * before the run).
 */
function chunksAlongside(step: Step): ChunkReader {
  return async (fromSeq) => {
    const [chunk] = await step.tx.readAlongside<{ seq: number; data: Uint8Array }>(
      "SELECT seq, data FROM import_files WHERE workspace_id = $1 AND job_id = $2 AND seq >= $3 ORDER BY seq LIMIT 1",
      [step.workspaceId, step.run.job.id, fromSeq],
    );
    return chunk ? { seq: chunk.seq, data: Buffer.from(chunk.data) } : null;
  };
}

function bytesCounter(progress: ImportProgress): (n: number) => void {
  let bytes = 0;
  return (n) => progress.update({ bytesRead: (bytes += n) });
}

/** One batch into the database: its stage rows, its certainly-new contacts, and the script that probes the rest. */
async function mergeBatch(step: Step, tally: Tally, progress: ImportProgress, batch: Batch, number: number, rowsSoFar: number): Promise<void> {
  const { tx, run } = step;
  await tx.loadText("import_stage", LOAD_COLUMNS, batch.stage.data());
  // Rows that are certainly new go straight into contacts, by COPY. A
  // preview counts them without inserting: nothing can stop them (no key
  // collides, every value is checked), and a rolled-back insert would leave
  // a dead copy of every row in the table and its indexes for the real
  // run, which follows, to step over.
  if (!run.dryRun) await tx.loadText("contacts", CONTACT_COLUMNS, batch.contacts.data());
  tally.create(batch.contacts.rows);
  if (batch.probed > 0) {
    const script = batchScript({
      workspaceId: step.workspaceId,
      actorId: run.actor.userId,
      batch: number,
      duplicates: run.options.duplicates,
      room: tally.room,
      defaultConsent: run.options.defaultConsent,
    });
    const [{ n }] = await tx.script<{ n: number }>(script);
    tally.create(n);
  }
  progress.update({ rowsRead: rowsSoFar });
  await run.hooks?.afterBatch?.(rowsSoFar);
}

/** "Remove contacts not in the file": once every row is staged, contacts no row names are deleted. */
async function applyRemoval(step: Step, tally: Tally): Promise<void> {
  if (!step.run.options.removeMissing) return;
  const removed = await step.tx.query<{ id: string }>(`DELETE FROM contacts WHERE id IN (SELECT c.id ${SQL.NOT_IN_FILE}) RETURNING id`, [step.workspaceId]);
  tally.removed = removed.length;
}

/** With removal, the batches may have created past the limit (see roomUnderLimit): the last rows created past it fail. */
async function enforceLimit(step: Step, tally: Tally): Promise<void> {
  const limit = step.workspace.contact_limit;
  if (limit === null) return;
  const excess = step.workspace.contact_count + tally.created - tally.removed - limit;
  if (excess <= 0) return;
  await step.tx.query(SQL.FAIL_EXCESS_CREATED[0], [excess]);
  await step.tx.query(SQL.FAIL_EXCESS_CREATED[1], [step.workspaceId]);
  tally.created -= excess;
}

/** The consent ledger's events for the contacts created with a consent state. */
async function writeConsentEvents(step: Step): Promise<void> {
  const { tx, run } = step;
  // (A preview's new contacts are counted, not inserted: no events or list members for them.)
  if (run.dryRun || !(hasDefaultConsent(run.options) || mapsConsent(step.mapping))) return;
  const consent = run.options.defaultConsent;
  for (const [index, statement] of SQL.NEW_CONSENT_EVENTS.entries()) {
    const channelDefault = [consent.sms, consent.whatsapp, consent.email][index] ?? null;
    await tx.query(statement, [step.workspaceId, run.actor.userId, step.actorLabel, step.evidence, channelDefault]);
  }
}

/** "Update existing": mapped fields and consent of the contacts rows matched, and their search text. */
async function applyUpdates(step: Step, tally: Tally): Promise<void> {
  const { tx, run, workspaceId } = step;
  if (run.options.duplicates !== "update") return;
  const mapped = new Set(step.mapping.map(baseTarget).filter((t) => t && !t.startsWith("attr.")));
  const attributeKeys = step.mapping.filter((t) => t.startsWith("attr.")).map((t) => t.slice(5));
  const update = SQL.updateExistingSql(mapped, attributeKeys, run.options.missing);
  const changed = new Set<string>();
  if (update) for (const row of await tx.query<{ id: string }>(update, [workspaceId, run.actor.userId])) changed.add(row.id);
  if (mapsConsent(step.mapping)) {
    for (const statement of SQL.UPDATE_CONSENT) {
      const rows = await tx.query<{ contact_id: string }>(`${statement} RETURNING contact_id`, [workspaceId, run.actor.userId, step.actorLabel, step.evidence]);
      for (const row of rows) changed.add(row.contact_id);
    }
  }
  if (attributeKeys.length > 0 && changed.size > 0) {
    await tx.query(`UPDATE contacts c SET attribute_text = sb_attribute_text(c.workspace_id, c.attributes) WHERE c.workspace_id = $1 AND c.id = ANY($2::uuid[])`, [
      workspaceId,
      [...changed],
    ]);
  }
  tally.updated = changed.size;
  tally.keptUnsubscribed = (await tx.query<{ n: number }>(SQL.COUNT_KEPT_UNSUBSCRIBED))[0].n;
}

/** Lists named in a column (created when new) and the lists chosen on the options screen. */
async function joinLists(step: Step): Promise<void> {
  const { tx, run, workspaceId } = step;
  if (run.dryRun) return;
  if (step.mapping.includes("lists")) {
    await tx.query(SQL.CREATE_LISTS_FROM_COLUMN, [workspaceId, run.actor.userId]);
    await tx.query(SQL.JOIN_LISTS_FROM_COLUMN, [workspaceId]);
  }
  if (run.options.listIds.length > 0) await tx.query(SQL.JOIN_CHOSEN_LISTS, [workspaceId, run.options.listIds]);
}

async function countOutcomes(step: Step, tally: Tally): Promise<ImportCounts> {
  const outcomes = Object.fromEntries((await step.tx.query<{ outcome: string; n: number }>(SQL.COUNT_OUTCOMES)).map((r) => [r.outcome, r.n]));
  return {
    rows: tally.rows,
    created: tally.created,
    updated: tally.updated,
    unchanged: (outcomes.update ?? 0) - tally.updated,
    skippedExisting: outcomes.existing ?? 0,
    skippedInFile: outcomes.in_file ?? 0,
    failed: outcomes.failed ?? 0,
    removed: tally.removed,
    keptUnsubscribed: tally.keptUnsubscribed,
    extraPhones: tally.dropped.phones,
    extraEmails: tally.dropped.emails,
  };
}

async function firstFailures(tx: RawTx): Promise<ImportSummary["failures"]> {
  return (await tx.query<{ row_no: number; reason: string }>(SQL.FIRST_FAILURES)).map((f) => ({ row: f.row_no, reason: f.reason }));
}

/** The rows for the error CSV, and one audit entry with the counts and options (never the removal's confirmation). */
async function saveErrorsAndAudit(step: Step, counts: ImportCounts): Promise<void> {
  const { tx, run } = step;
  await tx.query(SQL.SAVE_ERRORS, [step.workspaceId, run.job.id]);
  await tx.query(
    `INSERT INTO audit_log (workspace_id, actor_user_id, actor_label, action, entity_type, entity_id, after)
     VALUES ($1, $2, $3, 'contacts.imported', 'import', $4, $5::jsonb)`,
    [step.workspaceId, run.actor.userId, step.actorLabel, run.job.id, JSON.stringify({ file: run.job.fileName, ...counts, options: { ...run.options, removeConfirm: undefined } })],
  );
}
