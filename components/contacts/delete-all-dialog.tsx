"use client";

import { Dialog } from "radix-ui";
import { useActionState, useState } from "react";
import { toast } from "sonner";
import { deleteAllContactsForm } from "@/app/(app)/contacts/actions";
import { Button, buttonClass } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { fieldErrorOf, formErrorOf, type FormState } from "@/lib/form-state";
import { FormAlert } from "@/components/ui/form-alert";

/** Delete every contact: only after typing the workspace name. */
export function DeleteAllDialog({ workspaceName, count }: { workspaceName: string; count: number }) {
  const [open, setOpen] = useState(false);
  const [state, action, pending] = useActionState<FormState, FormData>(async (previous, formData) => {
    const next = await deleteAllContactsForm(previous, formData);
    if (next.result?.ok) {
      toast.success("All contacts were deleted.");
      setOpen(false);
    }
    return next;
  }, {});
  const formError = formErrorOf(state);
  return (
    <Dialog.Root open={open} onOpenChange={setOpen}>
      <Dialog.Trigger asChild>
        <Button variant="danger-outline" disabled={count === 0}>
          Delete all…
        </Button>
      </Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-slate-900/40" />
        <Dialog.Content className="fixed top-1/2 left-1/2 z-50 w-[min(30rem,calc(100vw-2rem))] -translate-x-1/2 -translate-y-1/2 rounded-lg bg-white p-6 shadow-xl">
          <Dialog.Title className="text-lg font-semibold text-slate-900">Delete all {count.toLocaleString("en-US")} contacts?</Dialog.Title>
          <Dialog.Description className="mt-2 text-sm text-slate-600">
            Every contact in this workspace is deleted permanently. This cannot be undone. Type <strong>{workspaceName}</strong> to confirm.
          </Dialog.Description>
          <form action={action} className="mt-4 space-y-4" noValidate>
            {formError && <FormAlert tone="error">{formError}</FormAlert>}
            <TextField name="confirmName" label="Workspace name" autoComplete="off" error={fieldErrorOf(state, "confirmName")} />
            <div className="flex justify-end gap-2">
              <Dialog.Close className={buttonClass("secondary")}>Cancel</Dialog.Close>
              <Button type="submit" variant="danger" disabled={pending}>
                {pending ? "Deleting…" : "Delete all contacts"}
              </Button>
            </div>
          </form>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
