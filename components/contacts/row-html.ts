import { spriteIconHtml } from "@/components/ui/sprite-icon";
import { CONTACT_STATUS_LABELS } from "@/lib/enum-labels";
import { STATUS_STYLES } from "./status-badge";

// The contacts table's rows as one HTML string.
//
// Why not JSX: 50 rows of React elements (with a Link, icons and client
// components per row) were most of the contacts page's server CPU. As a
// string they are a few template literals. ContactsTable (a client
// component) builds the string from compact row data, the same on the
// server (SSR) and in the browser, sets it as the tbody's HTML and handles
// the row controls by event delegation, using the data-* attributes below.
// The RSC payload then carries the row data only, not rendered markup.
//
// Every value from the database goes through escapeHtml.

export type TableRow = {
  id: string;
  displayName: string;
  status: "active" | "inactive" | "blocked";
  starred: boolean;
  /** Formatted cell text, one per column, in column order. */
  cells: string[];
};
export type TableColumn = { id: string; label: string; numeric: boolean };

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Text or attribute value → HTML. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

/** The star button's labels; its look follows aria-pressed (.sb-star in app/globals.css). */
export function starLabels(starred: boolean, name: string): { label: string; title: string } {
  return { label: starred ? `Unstar ${name}` : `Star ${name}`, title: starred ? "Remove from favorites" : "Add to favorites" };
}

// data-label names the cell's column for the phone layout (app/globals.css,
// .sb-contacts), where each row is a card and there is no header row.
function cellAttributes(column: TableColumn): string {
  const label = ` data-label="${escapeHtml(column.label)}"`;
  if (column.numeric) return `${label} class="text-right tabular-nums"`;
  if (column.id === "phone") return `${label} class="whitespace-nowrap tabular-nums"`;
  return label;
}

/**
 * The <tr> elements of a page. Each row carries the contact's id and name
 * (data-id, data-name); its controls carry data-action ("select", "star",
 * "delete") for ContactsTable.
 */
export function contactRowsHtml(rows: TableRow[], columns: TableColumn[], can: { edit: boolean; delete: boolean }): string {
  const cellClasses = columns.map(cellAttributes);
  const star = spriteIconHtml("star");
  const pencil = spriteIconHtml("pencil");
  const trash = spriteIconHtml("trash");
  let html = "";
  for (const row of rows) {
    const id = escapeHtml(row.id);
    const name = escapeHtml(row.displayName);
    const labels = starLabels(row.starred, row.displayName);
    html +=
      `<tr class="sb-row" data-testid="contact-row" data-id="${id}" data-name="${name}">` +
      `<td class="px-4!"><input type="checkbox" data-action="select" aria-label="Select ${name}" class="size-4 accent-brand-600"></td>` +
      `<td class="px-1!"><button type="button" data-action="star" aria-pressed="${row.starred}" aria-label="${escapeHtml(labels.label)}" title="${labels.title}" class="sb-star">${star}</button></td>` +
      `<td class="font-medium text-slate-900"><a href="/contacts/${id}" class="hover:text-brand-700 hover:underline">${name}</a>` +
      (row.status !== "active" ? `<span class="sb-badge ${STATUS_STYLES[row.status]}">${CONTACT_STATUS_LABELS[row.status]}</span>` : "") +
      "</td>";
    for (let i = 0; i < columns.length; i++) {
      const text = row.cells[i];
      html += text ? `<td${cellClasses[i]}>${escapeHtml(text)}</td>` : `<td${cellClasses[i]} data-empty><span class="text-slate-500">—</span></td>`;
    }
    html += '<td><div class="flex justify-end gap-1">';
    if (can.edit) html += `<a href="/contacts/${id}/edit" aria-label="Edit ${name}" title="Edit" class="sb-row-action hover:text-slate-900">${pencil}</a>`;
    if (can.delete) html += `<button type="button" data-action="delete" aria-label="Delete ${name}" title="Delete" class="sb-row-action hover:text-red-700">${trash}</button>`;
    html += "</div></td></tr>";
  }
  return html;
}
