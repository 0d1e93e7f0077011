import { redirect } from "next/navigation";
import { NotAllowed } from "@/components/ui/not-allowed";
import { can } from "@/lib/auth/permissions";
import { requireSignedIn } from "@/lib/auth/server-session";
import { SETTINGS_SECTIONS } from "@/components/settings/sections";

export default async function SettingsIndex() {
  const { actor } = await requireSignedIn();
  const first = SETTINGS_SECTIONS.find((s) => can(actor.role, s.permission));
  if (first) redirect(first.href);
  return <NotAllowed message="Your role has no settings to manage." />;
}
