"use server";

import { revalidatePath } from "next/cache";
import { runAction } from "@/lib/auth/server-session";
import { previewImportAction, runImportAction } from "@/lib/import/actions";
import type { Result } from "@/lib/result";

export async function previewImport(jobId: string, options: unknown): Promise<Result<{ status: string }>> {
  return runAction(previewImportAction, { jobId, options });
}

export async function runImport(jobId: string): Promise<Result<{ status: string }>> {
  const result = await runAction(runImportAction, { jobId });
  if (result.ok) revalidatePath("/contacts");
  return result;
}
