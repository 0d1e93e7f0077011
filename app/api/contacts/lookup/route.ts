import { channelEnum, type Channel } from "@/db/schema";
import { authorizeRoute } from "@/lib/auth/route";
import { lookupDestination } from "@/lib/invites/lookup";

export const dynamic = "force-dynamic";

/** GET /api/contacts/lookup?channel=sms&value=… — the invite form's live match of a typed number or address. */
export async function GET(request: Request) {
  const auth = await authorizeRoute("invites.send");
  if (!auth.ok) return auth.response;
  // No lookup while Contacts Management is off: manual entry only.
  if (!auth.ctx.actor.workspace.contactsEnabled) return Response.json({ message: "Not found." }, { status: 404 });
  const url = new URL(request.url);
  const channel = url.searchParams.get("channel") as Channel;
  if (!channelEnum.enumValues.includes(channel)) return Response.json({ message: "Choose SMS, WhatsApp or email." }, { status: 400 });
  return Response.json(await lookupDestination(auth.ctx, channel, (url.searchParams.get("value") ?? "").slice(0, 320)));
}
