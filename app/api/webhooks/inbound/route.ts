import { z } from "zod";
import { defineRoute } from "@/lib/auth/route";
import { receiveInbound, WORKSPACE_HEADER } from "@/lib/inbound/receive";
import { WEBHOOK_ID_HEADER, WEBHOOK_SIGNATURE_HEADER, WEBHOOK_TIMESTAMP_HEADER } from "@/lib/inbound/signature";
import { fail, ok } from "@/lib/result";

export const dynamic = "force-dynamic";

/**
 * POST /api/webhooks/inbound — an SMS/WhatsApp/email provider forwards a
 * received message, signed as Standard Webhooks signs: webhook-id,
 * webhook-timestamp, webhook-signature; X-Switchboard-Workspace names the
 * workspace. See docs/webhooks.md. No session: receiveInbound checks the
 * signature before it reads the body. defineRoute refuses a declared
 * Content-Length over 64 KB at once and stops reading the stream as soon as
 * 64 KB (bytes) have arrived, before anything is kept.
 */
export const POST = defineRoute({
  auth: "signature",
  // Missing headers are not a 400: receiveInbound answers 401 for them.
  headers: z.object({
    [WORKSPACE_HEADER]: z.string().optional(),
    [WEBHOOK_ID_HEADER]: z.string().optional(),
    [WEBHOOK_TIMESTAMP_HEADER]: z.string().optional(),
    [WEBHOOK_SIGNATURE_HEADER]: z.string().optional(),
  }),
  body: "raw-text",
  maxBytes: 64 * 1024,
  run: async ({ db }, { headers, body }) => {
    const result = await receiveInbound(db, {
      workspaceId: headers[WORKSPACE_HEADER] ?? null,
      webhookId: headers[WEBHOOK_ID_HEADER] ?? null,
      timestamp: headers[WEBHOOK_TIMESTAMP_HEADER] ?? null,
      signature: headers[WEBHOOK_SIGNATURE_HEADER] ?? null,
      rawBody: body,
    });
    if (result.status === 401) return fail("unauthenticated", result.error);
    if (result.status === 400) return fail("invalid", result.error);
    const { status: _status, ...received } = result;
    return ok(received);
  },
});
