import { redirect } from "next/navigation";
import { getDb } from "@/db/client";
import { callerActor } from "@/lib/auth/action";
import { currentCaller } from "@/lib/auth/server-session";
import { needsSetup } from "@/lib/setup/first-run";

export const dynamic = "force-dynamic";

export default async function Home() {
  if (await needsSetup(await getDb())) redirect("/setup");
  const actor = await callerActor(await currentCaller());
  if (!actor) redirect("/signin");
  redirect(actor.workspace.contactsEnabled ? "/contacts" : "/sessions");
}
