import type { Metadata } from "next";
import { NotAllowed } from "@/components/ui/not-allowed";
import { PageHeader } from "@/components/ui/page-header";
import { InboundWebhook } from "@/components/settings/inbound-webhook";
import { WorkspaceSettingsForm } from "@/components/settings/workspace-settings-form";
import { requirePermission } from "@/lib/auth/server-session";
import { displaySecret } from "@/lib/inbound/signature";
import { COUNTRIES } from "@/lib/workspaces/countries";

export const metadata: Metadata = { title: "Workspace settings" };

export default async function WorkspaceSettingsPage() {
  const access = await requirePermission("workspace.settings");
  if (!access.ok) return <NotAllowed message={access.message} />;
  const workspace = access.ctx.actor.workspace;
  return (
    <>
      <PageHeader title="Workspace" description="Settings that apply to everyone in this workspace." />
      <WorkspaceSettingsForm
        countries={COUNTRIES.map((c) => ({ value: c.code, label: `${c.name} (${c.code})` }))}
        initial={{
          name: workspace.name,
          defaultCountry: workspace.defaultCountry,
          contactsEnabled: workspace.contactsEnabled,
          contactLimit: workspace.contactLimit?.toString() ?? "",
        }}
      />
      <div className="mt-6 max-w-2xl">
        <InboundWebhook
          url={`${process.env.NEXTAUTH_URL ?? "http://localhost:3000"}/api/webhooks/inbound`}
          workspaceId={workspace.id}
          secret={displaySecret(workspace.inboundSecret)}
        />
      </div>
    </>
  );
}
