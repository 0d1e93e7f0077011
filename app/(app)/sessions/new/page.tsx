import type { Metadata } from "next";
import { InviteForm } from "@/components/sessions/invite-form";
import { NotAllowed } from "@/components/ui/not-allowed";
import { PageHeader } from "@/components/ui/page-header";
import { requirePermission } from "@/lib/auth/server-session";

export const metadata: Metadata = { title: "New session" };

export default async function NewSessionPage() {
  const access = await requirePermission("invites.send");
  if (!access.ok) return <NotAllowed message={access.message} />;
  return (
    <>
      <PageHeader title="New Session" description="Invite a customer to a remote session by SMS, WhatsApp or email." />
      <InviteForm contactsEnabled={access.ctx.actor.workspace.contactsEnabled} />
    </>
  );
}
