import { Readable } from "node:stream";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { importFiles, importJobs, type ImportJob } from "@/db/schema";
import { actorLabel, type Ctx } from "@/lib/auth/actor";
import { fail, fieldError, ok, type Result } from "@/lib/result";
import { chunkReader, fileRecords, FileProblem, storedFile } from "./source";
import { sniffUpload } from "./sniff";
import { VCARD_COLUMNS } from "./vcard";
import { inspectWorkbook } from "./workbook-guard";

export const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;
// Chunks stay below 64 KB: read back as text a chunk is a hex string twice
// its size, and strings over 128 KB go to V8's large-object space, which
// only a full GC frees; two passes over a 50 MB file left 200 MB of them.
const CHUNK_BYTES = 60_000;
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f-\u009f]/;

export type UploadInput = { fileName: string; hasHeader: boolean; body: AsyncIterable<Uint8Array> };

/**
 * Stores an upload in 60 KB chunks as it arrives (memory stays flat), refusing
 * it at the first chunk if it is not a file we can read, or as soon as it
 * passes 50 MB. A workbook is then inflated once, counting (lib/import/workbook-guard.ts).
 * Then reads its header and first rows for the mapping screen.
 */
export async function createImport(ctx: Ctx, input: UploadInput): Promise<Result<ImportJob>> {
  // A NUL cannot be stored in a text column (it was a 500 at upload), and a
  // line break or other control character in a name shown on pages and in
  // the audit log is never a real file's.
  if (CONTROL_CHARACTER.test(input.fileName)) return fieldError("fileName", "The file name contains a control character. Rename the file and upload it again.");
  const [job] = await ctx.db
    .insert(importJobs)
    .values({
      workspaceId: ctx.workspaceId,
      createdBy: ctx.actor.userId,
      createdByLabel: actorLabel(ctx.actor),
      fileName: input.fileName.slice(0, 200) || "pasted.csv",
      format: "csv",
      hasHeader: input.hasHeader,
    })
    .returning();
  const discard = () => ctx.db.delete(importJobs).where(and(eq(importJobs.workspaceId, ctx.workspaceId), eq(importJobs.id, job.id)));
  try {
    let buffered: Uint8Array[] = [];
    let bufferedBytes = 0;
    let total = 0;
    let seq = 0;
    let sniffed = false;
    const flush = async () => {
      if (bufferedBytes === 0) return;
      const data = Buffer.concat(buffered);
      buffered = [];
      bufferedBytes = 0;
      if (!sniffed) {
        sniffed = true;
        const sniff = sniffUpload(job.fileName, data);
        if (!sniff.ok) throw new FileProblem(sniff.message);
        // A vCard has no header row: its columns are the fields of a card (lib/import/vcard.ts).
        const hasHeader = sniff.format === "vcf" ? false : input.hasHeader;
        await ctx.db.update(importJobs).set({ format: sniff.format, delimiter: sniff.delimiter, hasHeader }).where(eq(importJobs.id, job.id));
      }
      await ctx.db.insert(importFiles).values({ workspaceId: ctx.workspaceId, jobId: job.id, seq: seq++, data });
    };
    for await (const chunk of input.body) {
      total += chunk.length;
      if (total > MAX_UPLOAD_BYTES) throw new FileProblem("The file is larger than 50 MB. Split it into smaller files and import them one after another.");
      buffered.push(chunk);
      bufferedBytes += chunk.length;
      if (bufferedBytes >= CHUNK_BYTES) await flush();
    }
    await flush();
    if (!sniffed) throw new FileProblem("The file is empty.");

    const [stored] = await ctx.db.select().from(importJobs).where(eq(importJobs.id, job.id));
    // Once, here: the stored file is what every later read of this job gets.
    if (stored.format === "xlsx") await inspectWorkbook(storedFile(chunkReader(ctx.db, stored)), total);
    const head = await readHead(ctx.db, stored);
    const [updated] = await ctx.db
      .update(importJobs)
      .set({ totalBytes: total, columns: head.columns, sample: head.sample, updatedAt: new Date() })
      .where(and(eq(importJobs.workspaceId, ctx.workspaceId), eq(importJobs.id, job.id)))
      .returning();
    return ok(updated);
  } catch (error) {
    await discard();
    if (error instanceof FileProblem) return fail("invalid", error.message, { file: error.message });
    throw error;
  }
}

/** The header (or "Column 1…" names) and up to five sample rows; a file with no data rows is refused. */
async function readHead(db: Db, job: ImportJob): Promise<{ columns: string[]; sample: string[][] }> {
  const source = storedFile(chunkReader(db, job));
  const rows: string[][] = [];
  try {
    for await (const record of fileRecords(source, job)) {
      rows.push(record.values);
      if (rows.length >= 6) break;
    }
  } finally {
    source.destroy();
  }
  if (job.format === "vcf") {
    if (rows.length === 0) throw new FileProblem("The file has no cards (BEGIN:VCARD … END:VCARD).");
    return { columns: [...VCARD_COLUMNS], sample: rows.slice(0, 5) };
  }
  const width = Math.max(0, ...rows.map((r) => r.length));
  if (width === 0) throw new FileProblem("The file has no rows.");
  if (job.hasHeader) {
    const header = Array.from({ length: width }, (_, i) => (rows[0][i] ?? "").trim() || `Column ${i + 1}`);
    const seen = new Map<string, number>();
    for (const name of header) seen.set(name.toLowerCase(), (seen.get(name.toLowerCase()) ?? 0) + 1);
    const repeated = [...seen.entries()].find(([, n]) => n > 1);
    if (repeated) throw new FileProblem(`The header “${header.find((h) => h.toLowerCase() === repeated[0])}” appears twice. Give every column its own name.`);
    if (rows.length === 1) throw new FileProblem("The file has a header row but no contacts under it.");
    return { columns: header, sample: rows.slice(1, 6) };
  }
  return { columns: Array.from({ length: width }, (_, i) => `Column ${i + 1}`), sample: rows.slice(0, 5) };
}

/** Pasted CSV text, as an upload. */
export function textBody(text: string): AsyncIterable<Uint8Array> {
  return Readable.from([Buffer.from(text, "utf8")]);
}
