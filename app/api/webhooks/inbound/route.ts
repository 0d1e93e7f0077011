import { z } from "zod";
import { defineRoute } from "@/lib/auth/route";
import { receiveInbound, SIGNATURE_HEADER, WORKSPACE_HEADER } from "@/lib/inbound/receive";
import { fail, ok } from "@/lib/result";

export const dynamic = "force-dynamic";

/**
 * POST /api/webhooks/inbound — an SMS/WhatsApp/email provider forwards a
 * received message. Headers: X-Switchboard-Workspace (workspace id) and
 * X-Switchboard-Signature (`sha256=` HMAC of the raw body). See docs/webhooks.md.
 * No session: receiveInbound checks the signature before it reads the body.
 */
export const POST = defineRoute({
  auth: "signature",
  // Missing headers are not a 400: receiveInbound answers 401 for them.
  headers: z.object({ [WORKSPACE_HEADER]: z.string().optional(), [SIGNATURE_HEADER]: z.string().optional() }),
  body: "raw-text",
  maxBytes: 64 * 1024,
  run: async ({ db }, { headers, body }) => {
    const result = await receiveInbound(db, { workspaceId: headers[WORKSPACE_HEADER] ?? null, signature: headers[SIGNATURE_HEADER] ?? null, rawBody: body });
    if (result.status === 401) return fail("unauthenticated", result.error);
    if (result.status === 400) return fail("invalid", result.error);
    const { status: _status, ...received } = result;
    return ok(received);
  },
});
