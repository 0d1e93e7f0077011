"use client";

import { useLayoutEffect, useMemo, useRef, useState, useTransition } from "react";
import { toast } from "sonner";
import { deleteContacts, starContacts } from "@/app/(app)/contacts/actions";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { BulkBar } from "./bulk-bar";
import { contactRowsHtml, starLabels, type TableColumn, type TableRow } from "./row-html";
import { useSoftNavigation } from "./soft-nav";

export type { TableColumn, TableRow } from "./row-html";

type Props = {
  columns: TableColumn[];
  rows: TableRow[];
  lists: { id: string; name: string }[];
  canEdit: boolean;
  canDelete: boolean;
  canExport: boolean;
};

type RowRef = { id: string; name: string };

/** Nothing has focus (it went back to the page's start): the control that had it was removed. */
function focusIsLost(): boolean {
  const active = document.activeElement;
  return !active || active === document.body;
}

/** The contact a control belongs to: its row's data-id and data-name. */
function rowOf(control: Element): RowRef {
  const row = control.closest("tr");
  return { id: row?.dataset.id ?? "", name: row?.dataset.name ?? "" };
}

/** Shows a star button's state (the same attributes the server renders; the look follows aria-pressed). */
function paintStar(button: HTMLElement, starred: boolean) {
  const labels = starLabels(starred, rowOf(button).name);
  button.setAttribute("aria-pressed", String(starred));
  button.setAttribute("aria-label", labels.label);
  button.title = labels.title;
}

/**
 * The contacts table: selection with the bulk bar, star, delete and row links.
 * The rows are one HTML string (see row-html.ts); their checkboxes and buttons
 * are handled here by delegation, and their links navigate client-side.
 */
export function ContactsTable({ columns, rows, lists, canEdit, canDelete, canExport }: Props) {
  const rowsHtml = useMemo(() => contactRowsHtml(rows, columns, { edit: canEdit, delete: canDelete }), [rows, columns, canEdit, canDelete]);
  const rowIds = useMemo(() => rows.map((r) => r.id), [rows]);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  // One confirmation dialog for the whole table, not one per row.
  const [deleting, setDeleting] = useState<RowRef | null>(null);
  const [pending, startTransition] = useTransition();
  const body = useRef<HTMLTableSectionElement>(null);
  const selectAll = useRef<HTMLInputElement>(null);
  // The row whose Delete opened the dialog: the rows are re-rendered as HTML
  // (a refresh after starring, say), so its button may be a new element by
  // the time the dialog closes.
  const deletingFrom = useRef("");
  const navigate = useSoftNavigation();

  // Rows deleted meanwhile (the page refreshed without them) drop out of the selection.
  const visibleSelected = rowIds.filter((id) => selected.has(id));
  const allSelected = rowIds.length > 0 && visibleSelected.length === rowIds.length;

  // The row checkboxes are plain DOM: show the selection on them, also after
  // fresh rows replaced them (a refresh after starring or deleting).
  useLayoutEffect(() => {
    for (const box of body.current?.querySelectorAll<HTMLInputElement>('input[data-action="select"]') ?? []) {
      box.checked = selected.has(rowOf(box).id);
    }
  }, [selected, rowsHtml]);

  // Fresh rows (a refresh after starring, say) replace the focused control
  // with a new element, and focus would fall back to the top of the page:
  // remember which control of which row had it, and give it to its twin,
  // or to "Select all on this page" when the row itself is gone.
  const focusInRows = useRef<{ id: string; selector: string } | null>(null);
  function onFocus(event: React.FocusEvent) {
    const control = event.target as HTMLElement;
    const { id } = rowOf(control);
    const action = control.dataset.action;
    const href = control.getAttribute("href");
    const selector = action ? `[data-action="${CSS.escape(action)}"]` : href ? `a[href="${CSS.escape(href)}"]` : "";
    focusInRows.current = id && selector ? { id, selector } : null;
  }
  function onBlur(event: React.FocusEvent) {
    if (event.relatedTarget) {
      // Focus moved elsewhere on purpose.
      if (!body.current?.contains(event.relatedTarget as Node)) focusInRows.current = null;
      return;
    }
    // No new target: a control removed with the old rows keeps its record;
    // one still on the page lost focus to nothing (a click outside, another window).
    const control = event.target as HTMLElement;
    queueMicrotask(() => {
      if (control.isConnected) focusInRows.current = null;
    });
  }
  useLayoutEffect(() => {
    const last = focusInRows.current;
    if (!last || !focusIsLost()) return;
    // Its row is gone (deleted): the table's start instead.
    const twin = body.current?.querySelector<HTMLElement>(`tr[data-id="${CSS.escape(last.id)}"] ${last.selector}`);
    (twin ?? selectAll.current)?.focus();
  }, [rowsHtml]);

  function toggle(id: string) {
    setSelected((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  }

  function star(button: HTMLButtonElement) {
    const { id } = rowOf(button);
    const next = button.getAttribute("aria-pressed") !== "true";
    paintStar(button, next); // optimistic; the refreshed rows confirm it
    startTransition(async () => {
      const result = await starContacts([id], next);
      if (!result.ok) {
        paintStar(button, !next);
        toast.error(result.message);
      }
    });
  }

  // Clicks only: React reports no change events for elements it did not
  // render, and a checkbox gets a click from the mouse and the keyboard alike.
  function onClick(event: React.MouseEvent) {
    const control = (event.target as Element).closest<HTMLElement>("[data-action]");
    if (!control) navigate(event);
    else if (control.dataset.action === "select") toggle(rowOf(control).id);
    else if (control.dataset.action === "star") star(control as HTMLButtonElement);
    else if (control.dataset.action === "delete") {
      deletingFrom.current = rowOf(control).id;
      setDeleting(rowOf(control));
    }
  }

  // A bulk action clears the selection, and the bar with the button just
  // used goes away: a keyboard user would be thrown back to the page's start,
  // so focus moves to the selection's own start, "Select all on this page".
  function bulkDone() {
    setSelected(new Set());
    if (focusIsLost() || document.activeElement?.closest("[data-bulk-bar]")) selectAll.current?.focus();
  }

  function confirmDelete() {
    const row = deleting;
    if (!row) return;
    startTransition(async () => {
      const result = await deleteContacts([row.id]);
      // On success the refreshed rows lack it, and focus on its Delete button
      // moves to the table's start (the focus effect above).
      if (result.ok) toast.success(`${row.name} was deleted.`);
      else toast.error(result.message);
      setDeleting(null);
    });
  }

  return (
    <div className="space-y-3">
      {visibleSelected.length > 0 && (
        <BulkBar ids={visibleSelected} lists={lists} canEdit={canEdit} canDelete={canDelete} canExport={canExport} onDone={bulkDone} />
      )}
      <div className="relative overflow-x-auto rounded-lg bg-white shadow-sm ring-1 ring-slate-200">
        <table className="sb-contacts min-w-full divide-y divide-slate-200 text-sm [&_td]:px-3 [&_td]:py-2.5">
          <caption className="sr-only">Contacts</caption>
          <thead className="bg-slate-50 text-left text-xs font-semibold tracking-wide text-slate-500 uppercase">
            <tr>
              <th scope="col" className="w-10 px-4 py-3">
                <input
                  ref={selectAll}
                  type="checkbox"
                  aria-label="Select all on this page"
                  checked={allSelected}
                  onChange={() => setSelected(allSelected ? new Set() : new Set(rowIds))}
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
          {/* Clicks come from the native controls and links inside the rows. */}
          <tbody
            ref={body}
            className="divide-y divide-slate-100 text-slate-700"
            onClick={onClick}
            onFocus={onFocus}
            onBlur={onBlur}
            dangerouslySetInnerHTML={{ __html: rowsHtml }}
          />
        </table>
      </div>
      {canDelete && (
        <ConfirmDialog
          open={deleting !== null}
          onOpenChange={(open) => !open && setDeleting(null)}
          title={`Delete ${deleting?.name ?? "contact"}?`}
          description="The contact is deleted permanently. This cannot be undone."
          confirmLabel="Delete contact"
          onConfirm={confirmDelete}
          pending={pending}
          returnFocus={() => body.current?.querySelector<HTMLElement>(`tr[data-id="${CSS.escape(deletingFrom.current)}"] [data-action="delete"]`) ?? selectAll.current}
        />
      )}
    </div>
  );
}
