"use client";

import { useActionState, useTransition } from "react";
import { toast } from "sonner";
import { deleteList, renameListForm } from "@/app/(app)/lists/actions";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { fieldErrorOf, type FormState } from "@/lib/form-state";

/** Rename and delete, for roles that manage lists. */
export function ListAdmin({ id, name, members }: { id: string; name: string; members: number }) {
  const [state, action, pending] = useActionState<FormState, FormData>(async (previous, formData) => {
    const next = await renameListForm(previous, formData);
    if (next.result?.ok) toast.success("List renamed.");
    return next;
  }, {});
  const [deleting, startDelete] = useTransition();
  const error = fieldErrorOf(state, "name");
  return (
    <div className="flex flex-wrap items-start gap-2">
      <form action={action} className="flex items-start gap-2" noValidate>
        <input type="hidden" name="id" value={id} />
        <div>
          <label htmlFor="rename-list" className="sr-only">List name</label>
          <input
            id="rename-list"
            name="name"
            defaultValue={state.values?.name ?? name}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? "rename-list-error" : undefined}
            className={`rounded-md border-0 px-3 py-2 text-sm ring-1 ring-inset ${error ? "ring-red-400" : "ring-slate-300"} focus:ring-2 focus:ring-brand-600`}
          />
          {error && <p id="rename-list-error" role="alert" className="mt-1 text-sm text-red-600">{error}</p>}
        </div>
        <Button type="submit" variant="secondary" disabled={pending}>Rename</Button>
      </form>
      <ConfirmDialog
        title={`Delete the list ${name}?`}
        description={`The list goes; its ${members.toLocaleString("en-US")} contact${members === 1 ? "" : "s"} stay in your contacts.`}
        confirmLabel="Delete list"
        pending={deleting}
        onConfirm={() =>
          startDelete(async () => {
            const result = await deleteList(id);
            if (result && !result.ok) toast.error(result.message);
          })
        }
        trigger={<Button variant="danger" disabled={deleting}>Delete list</Button>}
      />
    </div>
  );
}
