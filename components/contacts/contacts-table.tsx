"use client";

import Link from "next/link";
import { Pencil, Trash2 } from "lucide-react";
import { useState, useTransition } from "react";
import { toast } from "sonner";
import { deleteContacts } from "@/app/(app)/contacts/actions";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { BulkBar } from "./bulk-bar";
import { StarButton } from "./star-button";
import { StatusBadge } from "./status-badge";

export type TableRow = {
  id: string;
  displayName: string;
  status: "active" | "inactive" | "blocked";
  starred: boolean;
  /** Formatted cell text by column id. */
  cells: Record<string, string>;
};
export type TableColumn = { id: string; label: string; numeric: boolean };

type Props = {
  columns: TableColumn[];
  rows: TableRow[];
  lists: { id: string; name: string }[];
  canEdit: boolean;
  canDelete: boolean;
  canExport: boolean;
};

export function ContactsTable({ columns, rows, lists, canEdit, canDelete, canExport }: Props) {
  const [selected, setSelected] = useState<Set<string>>(new Set());
  // One confirmation dialog for the whole table, not one per row: a page of
  // 100 rows renders 100 fewer dialog trees.
  const [deleting, setDeleting] = useState<TableRow | null>(null);
  const [pending, startTransition] = useTransition();

  function confirmDelete() {
    const row = deleting;
    if (!row) return;
    startTransition(async () => {
      const result = await deleteContacts([row.id]);
      if (result.ok) toast.success(`${row.displayName} was deleted.`);
      else toast.error(result.message);
      setDeleting(null);
    });
  }
  const visibleSelected = rows.filter((r) => selected.has(r.id)).map((r) => r.id);
  const allSelected = rows.length > 0 && visibleSelected.length === rows.length;

  function toggle(id: string) {
    setSelected((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  }

  return (
    <div className="space-y-3">
      {visibleSelected.length > 0 && (
        <BulkBar ids={visibleSelected} lists={lists} canEdit={canEdit} canDelete={canDelete} canExport={canExport} onDone={() => setSelected(new Set())} />
      )}
      <div className="overflow-x-auto rounded-lg bg-white shadow-sm ring-1 ring-slate-200">
        <table className="min-w-full divide-y divide-slate-200 text-sm">
          <caption className="sr-only">Contacts</caption>
          <thead className="bg-slate-50 text-left text-xs font-semibold tracking-wide text-slate-500 uppercase">
            <tr>
              <th scope="col" className="w-10 px-4 py-3">
                <input
                  type="checkbox"
                  aria-label="Select all on this page"
                  checked={allSelected}
                  onChange={() => setSelected(allSelected ? new Set() : new Set(rows.map((r) => r.id)))}
                  className="size-4 accent-brand-600"
                />
              </th>
              <th scope="col" className="w-8 px-1 py-3"><span className="sr-only">Favorite</span></th>
              <th scope="col" className="px-3 py-3">Name</th>
              {columns.map((c) => (
                <th key={c.id} scope="col" className={`px-3 py-3 whitespace-nowrap ${c.numeric ? "text-right" : ""}`}>
                  {c.label}
                </th>
              ))}
              <th scope="col" className="px-3 py-3"><span className="sr-only">Actions</span></th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.map((row) => (
              <Row
                key={row.id}
                row={row}
                columns={columns}
                selected={selected.has(row.id)}
                onToggle={() => toggle(row.id)}
                canEdit={canEdit}
                onDelete={canDelete ? () => setDeleting(row) : undefined}
              />
            ))}
          </tbody>
        </table>
      </div>
      {canDelete && (
        <ConfirmDialog
          open={deleting !== null}
          onOpenChange={(open) => !open && setDeleting(null)}
          title={`Delete ${deleting?.displayName ?? "contact"}?`}
          description="The contact is deleted permanently. This cannot be undone."
          confirmLabel="Delete contact"
          onConfirm={confirmDelete}
          pending={pending}
        />
      )}
    </div>
  );
}

type RowProps = { row: TableRow; columns: TableColumn[]; selected: boolean; onToggle: () => void; canEdit: boolean; onDelete?: () => void };

function Row({ row, columns, selected, onToggle, canEdit, onDelete }: RowProps) {
  return (
    <tr className={selected ? "bg-brand-50/60" : "hover:bg-slate-50"} data-testid="contact-row">
      <td className="px-4 py-2.5">
        <input type="checkbox" aria-label={`Select ${row.displayName}`} checked={selected} onChange={onToggle} className="size-4 accent-brand-600" />
      </td>
      <td className="px-1 py-2.5">
        <StarButton contactId={row.id} name={row.displayName} starred={row.starred} />
      </td>
      <td className="px-3 py-2.5 font-medium text-slate-900">
        <Link href={`/contacts/${row.id}`} className="hover:text-brand-700 hover:underline">
          {row.displayName}
        </Link>
        {row.status !== "active" && <StatusBadge status={row.status} className="ml-2" />}
      </td>
      {columns.map((c) => (
        <td key={c.id} className={`px-3 py-2.5 text-slate-700 ${c.numeric ? "text-right tabular-nums" : ""} ${c.id === "phone" ? "whitespace-nowrap tabular-nums" : ""}`}>
          {row.cells[c.id] || <span className="text-slate-400">—</span>}
        </td>
      ))}
      <td className="px-3 py-2.5">
        <div className="flex justify-end gap-1">
          {canEdit && (
            <Link href={`/contacts/${row.id}/edit`} aria-label={`Edit ${row.displayName}`} title="Edit" className="rounded p-1.5 text-slate-500 hover:bg-slate-100 hover:text-slate-900">
              <Pencil className="size-4" aria-hidden />
            </Link>
          )}
          {onDelete && (
            <button type="button" onClick={onDelete} aria-label={`Delete ${row.displayName}`} title="Delete" className="rounded p-1.5 text-slate-500 hover:bg-slate-100 hover:text-red-700">
              <Trash2 className="size-4" aria-hidden />
            </button>
          )}
        </div>
      </td>
    </tr>
  );
}
