import { randomUUID } from "node:crypto";
import { contactRow, incompleteReason, keysOnlyStageRow, type Batch } from "./batch-rows";
import { contactKeys, KeyFilter } from "./key-filter";
import { normalizeRow, STAGE_COLUMNS, type NormalizeContext } from "./normalize";
import type { ImportOptions } from "./options";
import type { FileRecord } from "./source";

export type RowRouting = {
  workspaceId: string;
  actorId: string;
  defaultConsent: ImportOptions["defaultConsent"];
  /** The transaction's now(), as text: a recorded consent's change time. */
  now: string;
  normalize: NormalizeContext;
  /** Keys the workspace's contacts hold. */
  existingKeys: KeyFilter;
  /** The file's size: how many keys the filter of the file's own keys should expect. */
  totalBytes: number;
  /** Whether certainly-new rows may skip the stage's probes at all (see below). */
  directAllowed: boolean;
  /** How many rows can become contacts within the limit (null: no limit). */
  room: number | null;
  /**
   * Whether a certainly-new row also needs a stage row (see below): every
   * one, or only one that names lists (when a Lists column is the only step
   * that reads them: a Google export maps its Labels column, and most of its
   * rows hold only Google's own "* myContacts").
   */
  stageDirect: "all" | "withLists" | "none";
};

/**
 * Sends each row of the file where it goes. A row that Bloom filters show
 * shares no key with an earlier row or an existing contact, and is complete,
 * is certainly new: it goes straight into contacts (by COPY). The others go
 * to the stage, where the batch's script probes the indexes (in-file
 * duplicates, existing matches, limit) and inserts the new. Only rows these
 * filters cannot rule out are probed in the database.
 */
export class RowRouter {
  /** Keys claimed by earlier rows of the file. */
  private readonly fileKeys: KeyFilter;

  constructor(private readonly routing: RowRouting) {
    this.fileKeys = new KeyFilter(Math.max(100_000, routing.totalBytes / 10));
  }

  /** Adds data row number `index` (0 for the first) to `batch`. */
  add(batch: Batch, batchNo: number, record: FileRecord, index: number): void {
    const r = this.routing;
    const staged = normalizeRow(record.rowNumber, record.values, r.normalize);
    if (record.problem) {
      staged.outcome = "failed";
      staged.reason = record.problem;
    }
    const parsed = staged.outcome !== "failed";
    const keys = contactKeys(staged.phone_e164, staged.email, staged.external_id);
    let maybeDup = false;
    let maybeExisting = false;
    for (const key of keys) {
      if (parsed && this.fileKeys.has(key)) maybeDup = true;
      if (r.existingKeys.has(key)) maybeExisting = true;
    }
    // Only a row without a problem of its own claims its keys.
    if (parsed) for (const key of keys) this.fileKeys.add(key);
    const incomplete = incompleteReason(staged);
    // While every row so far could become a contact within the limit, no row
    // can be past it: a certainly-new row may skip the database's limit check.
    const direct = r.directAllowed && parsed && !maybeDup && !maybeExisting && incomplete === null && (r.room === null || index < r.room);
    const newId = randomUUID();
    if (direct) {
      batch.contacts.add(contactRow(staged, r.workspaceId, newId, r.actorId, r.defaultConsent, r.now));
      if (r.stageDirect === "all" || (r.stageDirect === "withLists" && staged.lists !== null)) batch.stage.add(keysOnlyStageRow(staged, batchNo, newId));
    } else {
      // Only a staged row keeps its original values: for the error CSV.
      staged.raw = JSON.stringify(record.values);
      const row: (string | null)[] = STAGE_COLUMNS.map((c) => staged[c]);
      row.push(String(batchNo), parsed ? "t" : "f", maybeDup ? "t" : "f", maybeExisting ? "t" : "f", "f", incomplete, newId);
      batch.stage.add(row);
      batch.probed++;
    }
    batch.rows++;
  }
}
