import { authorizeRoute } from "@/lib/auth/route";
import { searchForPicker } from "@/lib/contacts/picker";

export const dynamic = "force-dynamic";

/** GET /api/contacts/search?q=…&limit=20 — the invite picker's search (favorites first). */
export async function GET(request: Request) {
  const auth = await authorizeRoute("contacts.view");
  if (!auth.ok) return auth.response;
  const url = new URL(request.url);
  const q = (url.searchParams.get("q") ?? "").trim().slice(0, 200);
  const limit = Math.min(50, Math.max(1, Number.parseInt(url.searchParams.get("limit") ?? "20", 10) || 20));
  const contacts = await searchForPicker(auth.ctx, q, limit);
  return Response.json({ contacts });
}
