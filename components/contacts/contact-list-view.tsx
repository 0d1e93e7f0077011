import { BookUser } from "lucide-react";
import { EmptyState } from "@/components/ui/empty-state";
import type { Ctx } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { getColumnPreferences } from "@/lib/contacts/column-preferences";
import { availableColumns, resolveColumns } from "@/lib/contacts/columns";
import { listContacts } from "@/lib/contacts/list";
import { isFiltered } from "@/lib/contacts/filters";
import type { ContactQuery } from "@/lib/contacts/query";
import { listListNames } from "@/lib/lists/lists";
import { ColumnsDialog } from "./columns-dialog";
import { ContactsTable } from "./contacts-table";
import { attributeDefinitionsFor, contactUsageFor } from "./request-cache";
import { Pagination } from "./pagination";
import { ContactsToolbar } from "./toolbar";

type Props = { ctx: Ctx; query: ContactQuery; basePath: string; fixedList?: boolean; emptyMessage: string };

/** Search, filters, the customizable table and pagination: the contacts page and each list page. */
export async function ContactListView({ ctx, query, basePath, fixedList, emptyMessage }: Props) {
  const [page, defs, lists, chosen] = await Promise.all([
    listContacts(ctx, query, { usage: () => contactUsageFor(ctx), defs: () => attributeDefinitionsFor(ctx) }),
    attributeDefinitionsFor(ctx),
    listListNames(ctx),
    getColumnPreferences(ctx),
  ]);
  const available = availableColumns(defs);
  const columns = resolveColumns(chosen, available);
  const role = ctx.actor.role;
  const canEdit = can(role, "contacts.edit");
  const canDelete = can(role, "contacts.delete");
  const tableColumns = columns.map((c) => ({ id: c.id, label: c.label, numeric: c.numeric ?? false }));
  return (
    <>
      <ContactsToolbar
        query={query}
        basePath={basePath}
        lists={fixedList ? [] : lists.map((l) => ({ id: l.id, name: l.name }))}
        attributes={defs.map((d) => ({ key: d.key, label: d.label, type: d.type, options: d.options }))}
        columnsButton={
          <ColumnsDialog available={available.map((c) => ({ id: c.id, label: c.label }))} chosen={columns.map((c) => c.id)} />
        }
      />
      {page.rows.length === 0 && !isFiltered(query) && !fixedList ? (
        <EmptyState icon={BookUser} title="No contacts yet">
          {emptyMessage}
        </EmptyState>
      ) : (
        <>
          <ContactsTable
            // Another page or search starts with an empty selection.
            key={`${page.page}-${query.q}`}
            columns={tableColumns}
            rows={page.rows.map((r) => ({
              id: r.id,
              displayName: r.displayName,
              status: r.status,
              starred: r.starred,
              cells: columns.map((c) => c.cell(r)),
            }))}
            lists={lists.map((l) => ({ id: l.id, name: l.name }))}
            canEdit={canEdit}
            canDelete={canDelete}
            canExport={can(role, "contacts.export")}
          />
          <Pagination
            basePath={basePath}
            query={query}
            page={page.page}
            pages={page.pages}
            total={page.total}
            totalExact={page.totalExact}
            shown={page.rows.length}
          />
        </>
      )}
    </>
  );
}
