import { failureResponse } from "@/lib/auth/route";
import { runImportAction } from "@/lib/import/actions";
import { currentCaller } from "@/lib/auth/server-session";

export const dynamic = "force-dynamic";

/** POST /api/imports/:id/run — run a previewed import (202; poll GET /api/imports/:id). */
export async function POST(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  // The action checks session, membership, permission and workspace itself.
  const { id } = await params;
  const result = await runImportAction.invoke(await currentCaller(), { jobId: id });
  return result.ok ? Response.json(result.data, { status: 202 }) : failureResponse(result);
}
