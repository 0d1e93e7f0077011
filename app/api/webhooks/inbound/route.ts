import { getDb } from "@/db/client";
import { receiveInbound, SIGNATURE_HEADER, WORKSPACE_HEADER } from "@/lib/inbound/receive";

export const dynamic = "force-dynamic";

const MAX_BODY = 64 * 1024;

/**
 * POST /api/webhooks/inbound — an SMS/WhatsApp/email provider forwards a
 * received message. Headers: X-Switchboard-Workspace (workspace id) and
 * X-Switchboard-Signature (`sha256=` HMAC of the raw body). See docs/webhooks.md.
 */
export async function POST(request: Request) {
  const rawBody = await request.text();
  if (rawBody.length > MAX_BODY) return Response.json({ error: "Body too large." }, { status: 413 });
  const result = await receiveInbound(await getDb(), {
    workspaceId: request.headers.get(WORKSPACE_HEADER),
    signature: request.headers.get(SIGNATURE_HEADER),
    rawBody,
  });
  const { status, ...body } = result;
  return Response.json(body, { status });
}
