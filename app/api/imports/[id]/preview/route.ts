import { failureResponse } from "@/lib/auth/route";
import { previewImportAction } from "@/lib/import/actions";
import { currentCaller } from "@/lib/auth/server-session";

export const dynamic = "force-dynamic";

/** POST /api/imports/:id/preview { options } — save the mapping and options, start the dry run (202; poll GET /api/imports/:id). */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  // The action checks session, membership, permission and workspace itself.
  const { id } = await params;
  const body = (await request.json().catch(() => null)) as { options?: unknown } | null;
  const result = await previewImportAction.invoke(await currentCaller(), { jobId: id, options: body?.options });
  return result.ok ? Response.json(result.data, { status: 202 }) : failureResponse(result);
}
