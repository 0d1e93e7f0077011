import fs from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import type { Db } from "@/db/client";
import type { Ctx } from "@/lib/auth/actor";
import { listAttributeDefinitions } from "@/lib/attributes/definitions";
import { autoMap } from "@/lib/import/fields";
import { runImportNow, saveImportOptions } from "@/lib/import/jobs";
import { createImport } from "@/lib/import/upload";
import { callerFor, createMember, createWorkspace, ctxFor } from "../support/fixtures";

export const FIXTURES = path.join(__dirname, "..", "fixtures", "import");

export function fixture(name: string): Buffer {
  return fs.readFileSync(path.join(FIXTURES, name));
}

export function body(content: string | Buffer): AsyncIterable<Uint8Array> {
  return Readable.from([typeof content === "string" ? Buffer.from(content, "utf8") : content]);
}

/** Upload → auto-map (or the given mapping) → options → preview → run; returns both job states. */
export async function importFile(ctx: Ctx, content: string | Buffer, options: Record<string, unknown> = {}, fileName = "contacts.csv") {
  const upload = await createImport(ctx, { fileName, hasHeader: options.hasHeader !== false, body: body(content) });
  if (!upload.ok) return { upload } as const;
  const mapping = (options.mapping as string[] | undefined) ?? autoMap(upload.data.columns, await listAttributeDefinitions(ctx), upload.data.sample);
  const saved = await saveImportOptions(ctx, upload.data.id, { ...options, mapping });
  if (!saved.ok) return { upload, saved } as const;
  const preview = await runImportNow(ctx, upload.data.id, "preview");
  if (preview.status !== "previewed") return { upload, saved, preview } as const;
  const run = await runImportNow(ctx, upload.data.id, "run");
  return { upload, saved, preview, run } as const;
}

/** A fresh workspace named "Acme" (the name removal asks to type) and its administrator. */
export async function acmeAdmin(db: Db, values: { contactLimit?: number } = {}) {
  const workspace = await createWorkspace(db, { name: "Acme", ...values });
  const admin = await createMember(db, workspace.id, "administrator");
  return { ctx: await ctxFor(db, admin.userId), caller: callerFor(db, admin.userId), workspace };
}
