import { authorizeRoute, failureResponse } from "@/lib/auth/route";
import { createImport, MAX_UPLOAD_BYTES } from "@/lib/import/upload";

export const dynamic = "force-dynamic";

/**
 * POST /api/imports?fileName=contacts.csv&header=1 with the file (or pasted
 * text) as the raw body. The body is streamed into the job's stored chunks,
 * never held whole in memory. There is no proxy.ts, so nothing in front of
 * this handler truncates large bodies.
 */
export async function POST(request: Request) {
  const auth = await authorizeRoute("contacts.import");
  if (!auth.ok) return auth.response;
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > MAX_UPLOAD_BYTES) {
    return Response.json({ message: "The file is larger than 50 MB. Split it into smaller files and import them one after another." }, { status: 413 });
  }
  if (!request.body) return Response.json({ message: "The file is empty." }, { status: 400 });
  const url = new URL(request.url);
  const result = await createImport(auth.ctx, {
    fileName: url.searchParams.get("fileName") ?? "upload.csv",
    hasHeader: url.searchParams.get("header") !== "0",
    body: request.body as unknown as AsyncIterable<Uint8Array>,
  });
  if (!result.ok) return failureResponse(result);
  return Response.json({ id: result.data.id, columns: result.data.columns }, { status: 201 });
}
