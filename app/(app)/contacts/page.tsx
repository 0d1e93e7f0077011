import type { Metadata } from "next";
import Link from "next/link";
import { BookUser, Plus } from "lucide-react";
import { ContactsTable } from "@/components/contacts/contacts-table";
import { DeleteAllDialog } from "@/components/contacts/delete-all-dialog";
import { FavoritesSection } from "@/components/contacts/favorites-section";
import { formatCount } from "@/components/contacts/format";
import { Pagination } from "@/components/contacts/pagination";
import { ContactsToolbar } from "@/components/contacts/toolbar";
import { buttonClass } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { FormAlert } from "@/components/ui/form-alert";
import { NotAllowed } from "@/components/ui/not-allowed";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/permissions";
import { requirePermission } from "@/lib/auth/server-session";
import { getContact } from "@/lib/contacts/get";
import { contactUsage } from "@/lib/contacts/limit";
import { listContacts, listFavorites } from "@/lib/contacts/list";
import { isFiltered, parseContactQuery } from "@/lib/contacts/query";
import { isUuid } from "@/lib/auth/actor";
import { COUNTRIES } from "@/lib/workspaces/countries";

export const metadata: Metadata = { title: "Contacts" };

type Search = Record<string, string | string[] | undefined>;

export default async function ContactsPage({ searchParams }: { searchParams: Promise<Search> }) {
  const access = await requirePermission("contacts.view");
  if (!access.ok) return <NotAllowed message={access.message} />;
  const { ctx } = access;
  const params = await searchParams;
  const query = parseContactQuery(params);
  const added = typeof params.added === "string" && isUuid(params.added) ? await getContact(ctx, params.added) : null;
  const [page, favorites, usage] = await Promise.all([listContacts(ctx, query), listFavorites(ctx), contactUsage(ctx)]);
  const role = ctx.actor.role;
  const canEdit = can(role, "contacts.edit");
  const canDelete = can(role, "contacts.delete");

  return (
    <>
      <PageHeader
        title="Contacts"
        description="Your company's shared address book."
        actions={
          <>
            <span className="text-sm text-slate-500" data-testid="contact-usage">
              {formatCount(usage.count)}
              {usage.limit !== null ? ` / ${formatCount(usage.limit)}` : ""} contacts
            </span>
            {canDelete && <DeleteAllDialog workspaceName={ctx.actor.workspace.name} count={usage.count} />}
            {canEdit && (
              <Link href="/contacts/new" className={buttonClass("primary")}>
                <Plus className="size-4" aria-hidden /> Add Contact
              </Link>
            )}
          </>
        }
      />
      {added && (
        <div className="mb-4">
          <FormAlert tone="success">
            <Link href={`/contacts/${added.id}`} className="font-medium underline">{added.displayName}</Link> was added.
          </FormAlert>
        </div>
      )}
      <FavoritesSection favorites={favorites} />
      <ContactsToolbar query={query} countries={COUNTRIES} />
      {page.rows.length === 0 && !isFiltered(query) ? (
        <EmptyState icon={BookUser} title="No contacts yet">
          {canEdit ? "Add your first contact, and it will be one click away in every session invite." : "Contacts your team adds will appear here."}
        </EmptyState>
      ) : (
        <>
          <ContactsTable
            key={`${page.page}-${query.q}`}
            rows={page.rows.map((r) => ({ ...r, lastActivityAt: r.lastActivityAt?.toISOString() ?? null }))}
            canEdit={canEdit}
            canDelete={canDelete}
          />
          <Pagination query={query} page={page.page} pages={page.pages} total={page.total} totalExact={page.totalExact} shown={page.rows.length} />
        </>
      )}
    </>
  );
}
