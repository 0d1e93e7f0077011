"use client";

import { Download, ListMinus, ListPlus, Star, StarOff, Trash2 } from "lucide-react";
import { useState, useTransition } from "react";
import { toast } from "sonner";
import { changeListMembership, deleteContacts, starContacts } from "@/app/(app)/contacts/actions";
import { Button, buttonClass } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";

const plural = (n: number) => `${n.toLocaleString("en-US")} contact${n === 1 ? "" : "s"}`;

/** Actions on the checked rows of the current page. */
type Props = { ids: string[]; lists: { id: string; name: string }[]; canEdit: boolean; canDelete: boolean; canExport: boolean; onDone: () => void };

export function BulkBar({ ids, lists, canEdit, canDelete, canExport, onDone }: Props) {
  const [pending, startTransition] = useTransition();
  const [listId, setListId] = useState("");

  function membership(mode: "add" | "remove") {
    const list = lists.find((l) => l.id === listId);
    if (!list) {
      toast.error("Choose a list first.");
      return;
    }
    startTransition(async () => {
      const result = await changeListMembership(list.id, ids, mode);
      if (result.ok) {
        toast.success(mode === "add" ? `Added ${plural(result.data.changed)} to ${list.name}.` : `Removed ${plural(result.data.changed)} from ${list.name}.`);
        onDone();
      } else toast.error(result.message);
    });
  }

  function star(starred: boolean) {
    startTransition(async () => {
      const result = await starContacts(ids, starred);
      if (result.ok) {
        toast.success(`${starred ? "Starred" : "Unstarred"} ${plural(ids.length)}.`);
        onDone();
      } else toast.error(result.message);
    });
  }

  function remove() {
    startTransition(async () => {
      const result = await deleteContacts(ids);
      if (result.ok) {
        toast.success(`Deleted ${plural(result.data.deleted)}.`);
        onDone();
      } else toast.error(result.message);
    });
  }

  return (
    <div role="region" aria-label="Bulk actions" data-bulk-bar className="flex flex-wrap items-center gap-2 rounded-lg bg-brand-50 px-4 py-2.5 ring-1 ring-brand-100">
      <span className="mr-2 text-sm font-medium text-brand-700" data-testid="selection-count">
        {plural(ids.length)} selected
      </span>
      <Button variant="secondary" onClick={() => star(true)} disabled={pending}>
        <Star className="size-4" aria-hidden /> Star
      </Button>
      <Button variant="secondary" onClick={() => star(false)} disabled={pending}>
        <StarOff className="size-4" aria-hidden /> Unstar
      </Button>
      {canEdit && lists.length > 0 && (
        <span className="flex items-center gap-1">
          <label htmlFor="bulk-list" className="sr-only">List for the selected contacts</label>
          <select
            id="bulk-list"
            value={listId}
            onChange={(e) => setListId(e.target.value)}
            className="rounded-md border-0 bg-white py-2 pr-8 pl-2 text-sm ring-1 ring-slate-300 ring-inset"
          >
            <option value="">Choose a list…</option>
            {lists.map((l) => (
              <option key={l.id} value={l.id}>{l.name}</option>
            ))}
          </select>
          <Button variant="secondary" onClick={() => membership("add")} disabled={pending}>
            <ListPlus className="size-4" aria-hidden /> Add to list
          </Button>
          <Button variant="secondary" onClick={() => membership("remove")} disabled={pending}>
            <ListMinus className="size-4" aria-hidden /> Remove from list
          </Button>
        </span>
      )}
      {canExport && (
        <>
          <a href={`/api/contacts/export?scope=selected&format=csv&ids=${ids.join(",")}`} download className={buttonClass("secondary")}>
            <Download className="size-4" aria-hidden /> Export selected
          </a>
          <a href={`/api/contacts/export?scope=selected&format=vcf&ids=${ids.join(",")}`} download className={buttonClass("secondary")} aria-label="Export selected as vCard">
            vCard
          </a>
        </>
      )}
      {canDelete && (
        <ConfirmDialog
          title={`Delete ${plural(ids.length)}?`}
          description={`The ${plural(ids.length)} you selected will be deleted permanently. This cannot be undone.`}
          confirmLabel={`Delete ${plural(ids.length)}`}
          onConfirm={remove}
          pending={pending}
          trigger={
            <Button variant="danger" disabled={pending}>
              <Trash2 className="size-4" aria-hidden /> Delete
            </Button>
          }
        />
      )}
    </div>
  );
}
