"use client";

import { Ban, CircleCheck, Trash2 } from "lucide-react";
import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { toast } from "sonner";
import { deleteContacts, setContactStatus } from "@/app/(app)/contacts/actions";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";

type Props = { id: string; name: string; status: "active" | "inactive" | "blocked"; canEdit: boolean; canDelete: boolean };

/** Block / unblock and delete, on the contact's page. */
export function ContactActions({ id, name, status, canEdit, canDelete }: Props) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();

  function changeStatus(next: "active" | "blocked") {
    startTransition(async () => {
      const result = await setContactStatus(id, next);
      if (result.ok) {
        toast.success(next === "blocked" ? `${name} is blocked and cannot be invited.` : `${name} is unblocked.`);
        router.refresh();
      } else toast.error(result.message);
    });
  }

  function remove() {
    startTransition(async () => {
      const result = await deleteContacts([id]);
      if (result.ok) {
        toast.success(`${name} was deleted.`);
        router.push("/contacts");
      } else toast.error(result.message);
    });
  }

  return (
    <>
      {canEdit &&
        (status === "blocked" ? (
          <Button variant="secondary" onClick={() => changeStatus("active")} disabled={pending}>
            <CircleCheck className="size-4" aria-hidden /> Unblock
          </Button>
        ) : (
          <Button variant="secondary" onClick={() => changeStatus("blocked")} disabled={pending}>
            <Ban className="size-4" aria-hidden /> Block
          </Button>
        ))}
      {canDelete && (
        <ConfirmDialog
          title={`Delete ${name}?`}
          description="The contact is deleted permanently. This cannot be undone."
          confirmLabel="Delete contact"
          onConfirm={remove}
          pending={pending}
          trigger={
            <Button variant="danger" disabled={pending}>
              <Trash2 className="size-4" aria-hidden /> Delete
            </Button>
          }
        />
      )}
    </>
  );
}
