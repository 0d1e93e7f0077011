"use client";

import { Trash2 } from "lucide-react";
import { useTransition } from "react";
import { toast } from "sonner";
import { changeMemberRole, removeMember } from "@/app/(app)/settings/members/actions";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import type { Role } from "@/db/schema";
import { ROLE_LABELS } from "@/lib/auth/permissions";

type MemberRowData = { userId: string; name: string; email: string; role: Role; createdAt: string };
type Option = { value: string; label: string };

export function MembersTable({ members, currentUserId, assignable }: { members: MemberRowData[]; currentUserId: string; assignable: Option[] }) {
  return (
    <div className="relative overflow-x-auto rounded-lg bg-white shadow-sm ring-1 ring-slate-200">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="sr-only">Workspace members</caption>
        <thead className="bg-slate-50 text-left text-xs font-semibold tracking-wide text-slate-500 uppercase">
          <tr>
            <th scope="col" className="px-4 py-3">Name</th>
            <th scope="col" className="px-4 py-3">Email</th>
            <th scope="col" className="px-4 py-3">Role</th>
            <th scope="col" className="px-4 py-3">Member since</th>
            <th scope="col" className="px-4 py-3"><span className="sr-only">Actions</span></th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {members.map((member) => (
            <MemberRow key={member.userId} member={member} isSelf={member.userId === currentUserId} assignable={assignable} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function MemberRow({ member, isSelf, assignable }: { member: MemberRowData; isSelf: boolean; assignable: Option[] }) {
  const [pending, startTransition] = useTransition();
  // A member whose role is above what the current user may grant is shown, not editable.
  const manageable = assignable.some((o) => o.value === member.role);

  function onRoleChange(event: React.ChangeEvent<HTMLSelectElement>) {
    const select = event.currentTarget;
    const role = select.value;
    startTransition(async () => {
      const result = await changeMemberRole(member.userId, role);
      if (result.ok) toast.success(`${member.name} is now ${ROLE_LABELS[role as Role]}.`);
      else {
        select.value = member.role;
        toast.error(result.message);
      }
    });
  }

  function onRemove() {
    startTransition(async () => {
      const result = await removeMember(member.userId);
      if (result.ok) toast.success(`${member.name} was removed.`);
      else toast.error(result.message);
    });
  }

  return (
    <tr data-testid={`member-${member.email}`}>
      <td className="px-4 py-3 font-medium text-slate-900">
        {member.name}
        {isSelf && <span className="ml-2 rounded bg-slate-100 px-1.5 py-0.5 text-xs font-normal text-slate-600">You</span>}
      </td>
      <td className="px-4 py-3 text-slate-600">{member.email}</td>
      <td className="px-4 py-3">
        {manageable ? (
          <select
            aria-label={`Role of ${member.name}`}
            defaultValue={member.role}
            onChange={onRoleChange}
            disabled={pending}
            className="rounded-md border-0 py-1.5 pr-8 pl-2 text-sm ring-1 ring-slate-300 ring-inset focus:ring-2 focus:ring-brand-600"
          >
            {assignable.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        ) : (
          <span>{ROLE_LABELS[member.role]}</span>
        )}
      </td>
      <td className="px-4 py-3 text-slate-600">{new Date(member.createdAt).toLocaleDateString("en-US", { dateStyle: "medium" })}</td>
      <td className="px-4 py-3 text-right">
        {manageable && (
          <ConfirmDialog
            title={`Remove ${member.name}?`}
            description={isSelf ? "You will lose access to this workspace at once." : `${member.name} will no longer be able to sign in to this workspace.`}
            confirmLabel="Remove member"
            onConfirm={onRemove}
            pending={pending}
            trigger={
              <Button variant="ghost" aria-label={`Remove ${member.name}`} disabled={pending}>
                <Trash2 className="size-4" aria-hidden />
              </Button>
            }
          />
        )}
      </td>
    </tr>
  );
}
