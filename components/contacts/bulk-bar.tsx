"use client";

import { Star, StarOff, Trash2 } from "lucide-react";
import { useTransition } from "react";
import { toast } from "sonner";
import { deleteContacts, starContacts } from "@/app/(app)/contacts/actions";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";

const plural = (n: number) => `${n.toLocaleString("en-US")} contact${n === 1 ? "" : "s"}`;

/** Actions on the checked rows of the current page. */
export function BulkBar({ ids, canDelete, onDone }: { ids: string[]; canDelete: boolean; onDone: () => void }) {
  const [pending, startTransition] = useTransition();

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
    <div role="region" aria-label="Bulk actions" className="flex flex-wrap items-center gap-2 rounded-lg bg-brand-50 px-4 py-2.5 ring-1 ring-brand-100">
      <span className="mr-2 text-sm font-medium text-brand-700" data-testid="selection-count">
        {plural(ids.length)} selected
      </span>
      <Button variant="secondary" onClick={() => star(true)} disabled={pending}>
        <Star className="size-4" aria-hidden /> Star
      </Button>
      <Button variant="secondary" onClick={() => star(false)} disabled={pending}>
        <StarOff className="size-4" aria-hidden /> Unstar
      </Button>
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
