import type { Metadata } from "next";
import Link from "next/link";
import { ListChecks } from "lucide-react";
import { CreateListForm } from "@/components/lists/create-list-form";
import { EmptyState } from "@/components/ui/empty-state";
import { NotAllowed } from "@/components/ui/not-allowed";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/permissions";
import { requirePermission } from "@/lib/auth/server-session";
import { listLists } from "@/lib/lists/lists";

export const metadata: Metadata = { title: "Lists" };

export default async function ListsPage() {
  const access = await requirePermission("contacts.view");
  if (!access.ok) return <NotAllowed message={access.message} />;
  const lists = await listLists(access.ctx);
  const canManage = can(access.ctx.actor.role, "lists.manage");
  return (
    <>
      <PageHeader title="Lists" description="Groups of contacts. A contact can be in many lists; deleting a list never deletes contacts." />
      <div className="grid items-start gap-6 lg:grid-cols-[1fr_22rem]">
        {lists.length === 0 ? (
          <EmptyState icon={ListChecks} title="No lists yet">
            {canManage ? "Create a list, then add contacts to it from the contacts table." : "Lists your administrators create appear here."}
          </EmptyState>
        ) : (
          <ul className="divide-y divide-slate-100 rounded-lg bg-white shadow-sm ring-1 ring-slate-200" aria-label="Lists">
            {lists.map((list) => (
              <li key={list.id}>
                <Link href={`/lists/${list.id}`} className="flex items-center justify-between px-4 py-3 hover:bg-slate-50">
                  <span className="font-medium text-slate-900">{list.name}</span>
                  <span className="text-sm text-slate-500">
                    {list.members.toLocaleString("en-US")} contact{list.members === 1 ? "" : "s"}
                  </span>
                </Link>
              </li>
            ))}
          </ul>
        )}
        {canManage && <CreateListForm />}
      </div>
    </>
  );
}
