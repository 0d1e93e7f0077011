import { isUuid } from "@/lib/auth/actor";
import { authorizeRoute } from "@/lib/auth/route";
import { importStatus } from "@/lib/import/jobs";

export const dynamic = "force-dynamic";

/** GET /api/imports/:id — the job's live state for the progress bar (any instance can answer). */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const auth = await authorizeRoute("contacts.import");
  if (!auth.ok) return auth.response;
  const { id } = await params;
  const status = isUuid(id) ? await importStatus(auth.ctx, id) : null;
  if (!status) return Response.json({ message: "Not found." }, { status: 404 });
  return Response.json(status, { headers: { "cache-control": "no-store" } });
}
