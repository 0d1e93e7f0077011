import { can, PERMISSIONS } from "@/lib/auth/permissions";
import { requireSignedIn } from "@/lib/auth/server-session";
import { SETTINGS_SECTIONS } from "@/components/settings/sections";
import { SettingsTabs } from "@/components/settings/settings-tabs";

export default async function SettingsLayout({ children }: { children: React.ReactNode }) {
  const { actor } = await requireSignedIn();
  // Contact features (like custom attributes) vanish while Contacts Management is off.
  const sections = SETTINGS_SECTIONS.filter(
    (s) => can(actor.role, s.permission) && (actor.workspace.contactsEnabled || !PERMISSIONS[s.permission].contacts),
  );
  if (sections.length === 0) return children;
  return (
    <div className="grid gap-8 md:grid-cols-[12rem_1fr]">
      <SettingsTabs sections={sections.map(({ href, label }) => ({ href, label }))} />
      <div className="min-w-0">{children}</div>
    </div>
  );
}
