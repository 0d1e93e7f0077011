import type { Metadata } from "next";
import { NotAllowed } from "@/components/ui/not-allowed";
import { PageHeader } from "@/components/ui/page-header";
import { AddMemberForm } from "@/components/settings/add-member-form";
import { MembersTable } from "@/components/settings/members-table";
import { assignableRoles, ROLE_LABELS } from "@/lib/auth/permissions";
import { requirePermission } from "@/lib/auth/server-session";
import { listMembers } from "@/lib/members/members";

export const metadata: Metadata = { title: "Members" };

export default async function MembersPage() {
  const access = await requirePermission("members.manage");
  if (!access.ok) return <NotAllowed message={access.message} />;
  const { ctx } = access;
  const members = await listMembers(ctx);
  const assignable = assignableRoles(ctx.actor.role).map((role) => ({ value: role, label: ROLE_LABELS[role] }));
  return (
    <>
      <PageHeader title="Members" description="Who can sign in to this workspace, and what their role lets them do." />
      <div className="space-y-8">
        <MembersTable
          members={members.map((m) => ({ ...m, createdAt: m.createdAt.toISOString() }))}
          currentUserId={ctx.actor.userId}
          assignable={assignable}
        />
        <AddMemberForm roles={assignable} />
      </div>
    </>
  );
}
