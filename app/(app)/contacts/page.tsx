import type { Metadata } from "next";
import Link from "next/link";
import { ListChecks, Plus, Upload } from "lucide-react";
import { ExportDialog } from "@/components/contacts/export-dialog";
import { resolveExportColumns } from "@/lib/export/columns";
import { ContactListView } from "@/components/contacts/contact-list-view";
import { DeleteAllDialog } from "@/components/contacts/delete-all-dialog";
import { FavoritesSection } from "@/components/contacts/favorites-section";
import { attributeDefinitionsFor, contactUsageFor } from "@/components/contacts/request-cache";
import { formatCount } from "@/components/contacts/format";
import { buttonClass } from "@/components/ui/button";
import { FormAlert } from "@/components/ui/form-alert";
import { NotAllowed } from "@/components/ui/not-allowed";
import { PageHeader } from "@/components/ui/page-header";
import { isUuid } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { requirePermission } from "@/lib/auth/server-session";
import { getContact } from "@/lib/contacts/get";
import { listFavorites } from "@/lib/contacts/list";
import { isFiltered } from "@/lib/contacts/filters";
import { contactQueryString, parseContactQuery } from "@/lib/contacts/query";

export const metadata: Metadata = { title: "Contacts" };

type Search = Record<string, string | string[] | undefined>;

const FAVORITES_SHOWN = 12;

export default async function ContactsPage({ searchParams }: { searchParams: Promise<Search> }) {
  const access = await requirePermission("contacts.view");
  if (!access.ok) return <NotAllowed message={access.message} />;
  const { ctx } = access;
  const params = await searchParams;
  const query = parseContactQuery(params);
  const added = typeof params.added === "string" && isUuid(params.added) ? await getContact(ctx, params.added) : null;
  // Favorites sit on top of the plain first page; searches and later pages skip them.
  const showFavorites = !isFiltered(query) && query.page === 1;
  const role = ctx.actor.role;
  const [favorites, usage, defs] = await Promise.all([
    showFavorites ? listFavorites(ctx, FAVORITES_SHOWN + 1) : [],
    contactUsageFor(ctx),
    // Also read by ContactListView for the columns and filters: once per request.
    can(role, "contacts.export") ? attributeDefinitionsFor(ctx) : [],
  ]);
  const canEdit = can(role, "contacts.edit");

  return (
    <>
      <PageHeader
        title="Contacts"
        description="Your company's shared address book."
        actions={
          <>
            <span className="text-sm whitespace-nowrap text-slate-500" data-testid="contact-usage">
              {formatCount(usage.count)}
              {usage.limit !== null ? ` / ${formatCount(usage.limit)} contacts` : usage.count === 1 ? " contact" : " contacts"}
            </span>
            <Link href="/lists" className={buttonClass("secondary")}>
              <ListChecks className="size-4" aria-hidden /> Lists
            </Link>
            {can(role, "contacts.import") && (
              <Link href="/contacts/import" className={buttonClass("secondary")}>
                <Upload className="size-4" aria-hidden /> Import
              </Link>
            )}
            {can(role, "contacts.export") && (
              <ExportDialog
                columns={resolveExportColumns([], defs).map((c) => ({ id: c.id, label: c.header }))}
                filterQuery={isFiltered(query) ? contactQueryString({ ...query, page: 1 }).slice(1) : ""}
              />
            )}
            {can(role, "contacts.delete") && <DeleteAllDialog workspaceName={ctx.actor.workspace.name} count={usage.count} />}
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
      {showFavorites && <FavoritesSection favorites={favorites.slice(0, FAVORITES_SHOWN)} more={favorites.length > FAVORITES_SHOWN} />}
      <ContactListView
        ctx={ctx}
        query={query}
        basePath="/contacts"
        emptyMessage={canEdit ? "Add your first contact, and it will be one click away in every session invite." : "Contacts your team adds will appear here."}
      />
    </>
  );
}
