import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ContactListView } from "@/components/contacts/contact-list-view";
import { ListAdmin } from "@/components/lists/list-admin";
import { NotAllowed } from "@/components/ui/not-allowed";
import { isUuid } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { requirePermission } from "@/lib/auth/server-session";
import { parseContactQuery } from "@/lib/contacts/query";
import { getList, listLists } from "@/lib/lists/lists";

export const metadata: Metadata = { title: "List" };

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function ListPage({ params, searchParams }: Props) {
  const access = await requirePermission("contacts.view");
  if (!access.ok) return <NotAllowed message={access.message} />;
  const { ctx } = access;
  const { id } = await params;
  const list = isUuid(id) ? await getList(ctx, id) : null;
  if (!list) notFound();
  const query = { ...parseContactQuery(await searchParams), listId: list.id };
  const members = (await listLists(ctx)).find((l) => l.id === list.id)?.members ?? 0;
  return (
    <>
      <div className="mb-6 flex flex-wrap items-end justify-between gap-4">
        <div>
          <Link href="/lists" className="text-sm text-slate-500 hover:text-slate-800">← Lists</Link>
          <h1 className="mt-1 text-2xl font-semibold tracking-tight text-slate-900">{list.name}</h1>
          <p className="text-sm text-slate-500">
            {members.toLocaleString("en-US")} contact{members === 1 ? "" : "s"}
          </p>
        </div>
        {can(ctx.actor.role, "lists.manage") && <ListAdmin id={list.id} name={list.name} members={members} />}
      </div>
      <ContactListView ctx={ctx} query={query} basePath={`/lists/${list.id}`} fixedList emptyMessage="" />
    </>
  );
}
