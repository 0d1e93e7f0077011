import { redirect } from "next/navigation";
import { getDb } from "@/db/client";
import { resolveActor } from "@/lib/auth/actor";
import { currentCaller } from "@/lib/auth/server-session";
import { needsSetup } from "@/lib/setup/first-run";

export const dynamic = "force-dynamic";

export default async function Home() {
  if (await needsSetup(await getDb())) redirect("/setup");
  const caller = await currentCaller();
  const actor = caller.userId ? await resolveActor(caller.db, caller.userId, caller.workspaceId) : null;
  if (!actor) redirect("/signin");
  redirect(actor.workspace.contactsEnabled ? "/contacts" : "/sessions");
}
