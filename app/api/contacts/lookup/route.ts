import { z } from "zod";
import { channelEnum } from "@/db/schema";
import { defineRoute } from "@/lib/auth/route";
import { lookupDestination } from "@/lib/invites/lookup";
import { ok } from "@/lib/result";

export const dynamic = "force-dynamic";

/**
 * GET /api/contacts/lookup?channel=sms&value=… — the invite form's live match
 * of a typed number or address. It reads contacts, so it also needs
 * contacts.view: with Contacts Management off it is 404 (manual entry only).
 */
export const GET = defineRoute({
  permission: ["invites.send", "contacts.view"],
  query: z.object({
    channel: z.enum(channelEnum.enumValues, { error: "Choose SMS, WhatsApp or email." }),
    value: z.string().max(320, { error: "Enter at most 320 characters." }).default(""),
  }),
  run: async (ctx, { query }) => ok(await lookupDestination(ctx, query.channel, query.value)),
});
