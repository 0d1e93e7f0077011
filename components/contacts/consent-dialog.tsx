"use client";

import { Dialog } from "radix-ui";
import { useActionState, useState } from "react";
import { toast } from "sonner";
import { updateConsentForm } from "@/app/(app)/contacts/actions";
import { Button, buttonClass } from "@/components/ui/button";
import { SelectField, TextField } from "@/components/ui/field";
import { FormAlert } from "@/components/ui/form-alert";
import { CHANNEL_LABELS, CONSENT_STATE_LABELS, labelOptions } from "@/lib/enum-labels";
import { fieldErrorOf, formErrorOf, type FormState } from "@/lib/form-state";

type State = "not_subscribed" | "subscribed" | "unsubscribed";

/** "Update consent": switch one channel between subscribed and unsubscribed (never back to "not subscribed"). */
/** `locks`: per channel, why only the person can change it now (a keyword opt-out), from the contact rules. */
export function ConsentDialog({
  contactId,
  current,
  locks,
}: {
  contactId: string;
  current: Record<"sms" | "whatsapp" | "email", State>;
  locks: Record<"sms" | "whatsapp" | "email", string | null>;
}) {
  const [open, setOpen] = useState(false);
  const [channel, setChannel] = useState<"sms" | "whatsapp" | "email">("sms");
  const [state, action, pending] = useActionState<FormState, FormData>(async (previous, formData) => {
    const next = await updateConsentForm(previous, formData);
    if (next.result?.ok) {
      toast.success("Consent updated.");
      setOpen(false);
    }
    return next;
  }, {});
  const formError = formErrorOf(state);
  return (
    <Dialog.Root open={open} onOpenChange={setOpen}>
      <Dialog.Trigger asChild>
        <Button variant="secondary">Update consent</Button>
      </Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-slate-900/40" />
        <Dialog.Content className="fixed top-1/2 left-1/2 z-50 w-[min(28rem,calc(100vw-2rem))] -translate-x-1/2 -translate-y-1/2 rounded-lg bg-white p-6 shadow-xl">
          <Dialog.Title className="text-lg font-semibold text-slate-900">Update consent</Dialog.Title>
          <Dialog.Description className="mt-1 text-sm text-slate-600">Record what the contact told you. Every change is kept in the consent history.</Dialog.Description>
          <form action={action} className="mt-4 space-y-4" noValidate>
            <input type="hidden" name="contactId" value={contactId} />
            {formError && <FormAlert tone="error">{formError}</FormAlert>}
            <SelectField
              name="channel"
              label="Channel"
              value={channel}
              onChange={(e) => setChannel(e.target.value as typeof channel)}
              options={labelOptions(CHANNEL_LABELS)}
            />
            {locks[channel] && <FormAlert tone="info">{locks[channel]}</FormAlert>}
            <SelectField
              key={channel}
              name="state"
              label="Consent"
              defaultValue={current[channel] === "unsubscribed" ? "subscribed" : "unsubscribed"}
              options={labelOptions(CONSENT_STATE_LABELS, ["subscribed", "unsubscribed"])}
              error={fieldErrorOf(state, "state")}
            />
            <TextField name="note" label="Note (optional)" placeholder="Asked by phone on the support call" error={fieldErrorOf(state, "note")} />
            <div className="flex justify-end gap-2">
              <Dialog.Close className={buttonClass("secondary")}>Cancel</Dialog.Close>
              <Button type="submit" disabled={pending || Boolean(locks[channel])}>{pending ? "Saving…" : "Save consent"}</Button>
            </div>
          </form>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
