"use client";

import Link from "next/link";
import { useActionState, useEffect, useRef } from "react";
import { toast } from "sonner";
import type { ContactFormState } from "@/app/(app)/contacts/actions";
import { Button, buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { CheckboxField, SelectField, TextField } from "@/components/ui/field";
import { FormAlert } from "@/components/ui/form-alert";
import { TextAreaField } from "@/components/ui/textarea-field";
import { fieldErrorOf, formErrorOf } from "@/lib/form-state";

export type ContactFormValues = Partial<Record<string, string>>;

type Props = {
  mode: "create" | "edit";
  action: (state: ContactFormState, formData: FormData) => Promise<ContactFormState>;
  initial: ContactFormValues;
  timeZones: string[];
  cancelHref: string;
};

const STATUS_OPTIONS = [
  { value: "active", label: "Active" },
  { value: "inactive", label: "Inactive" },
  { value: "blocked", label: "Blocked (cannot be invited)" },
];
const CHANNEL_OPTIONS = [
  { value: "", label: "No preference" },
  { value: "sms", label: "SMS" },
  { value: "whatsapp", label: "WhatsApp" },
  { value: "email", label: "Email" },
];

export function ContactForm({ mode, action, initial, timeZones, cancelHref }: Props) {
  const [state, formAction, pending] = useActionState<ContactFormState, FormData>(action, {});
  const firstField = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (state.addedName) {
      toast.success(`${state.addedName} was added. Add the next one.`);
      firstField.current?.focus();
    }
  }, [state]);

  // After a failed save show what was typed; otherwise the stored values.
  const failed = state.result && !state.result.ok;
  const v: ContactFormValues = failed ? (state.values ?? {}) : state.addedName ? { addAnother: "on" } : initial;
  const error = (field: string) => fieldErrorOf(state, field);
  const existing = state.result && !state.result.ok ? state.result.existing : undefined;
  const formError = formErrorOf(state);
  const detailsOpen = Boolean(
    v.externalId || v.timezone || v.addressStreet || v.addressCity || error("externalId") || error("timezone") || error("preferredChannel"),
  );

  return (
    <form action={formAction} className="max-w-3xl space-y-6" noValidate>
      {mode === "edit" && <input type="hidden" name="id" value={initial.id} />}
      {formError && <FormAlert tone="error">{formError}</FormAlert>}
      {existing && (
        <FormAlert tone="error">
          Already in contacts: <strong>{existing.name}</strong>.{" "}
          <Link href={`/contacts/${existing.id}`} className="font-medium underline">
            Open {existing.name}
          </Link>
        </FormAlert>
      )}
      <Card>
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField ref={firstField} name="firstName" label="First name" autoComplete="off" defaultValue={v.firstName} error={error("firstName")} required />
          <TextField name="lastName" label="Last name" autoComplete="off" defaultValue={v.lastName} error={error("lastName")} />
          <TextField name="company" label="Company" autoComplete="off" defaultValue={v.company} error={error("company")} />
          <TextField
            name="phone"
            label="Phone"
            type="tel"
            autoComplete="off"
            hint="Any format. Numbers without a country code use the workspace's country."
            defaultValue={v.phone}
            error={error("phone")}
          />
          <TextField name="email" label="Email" type="email" autoComplete="off" defaultValue={v.email} error={error("email")} />
          <SelectField name="status" label="Status" options={STATUS_OPTIONS} defaultValue={v.status ?? "active"} error={error("status")} />
          <div className="sm:col-span-2">
            <TextAreaField name="notes" label="Notes" rows={3} defaultValue={v.notes} error={error("notes")} />
          </div>
        </div>
        <details className="mt-6 rounded-md border border-slate-200 px-4 py-3" open={detailsOpen}>
          <summary className="cursor-pointer text-sm font-medium text-slate-700">More details</summary>
          <div className="mt-4 grid gap-4 sm:grid-cols-2">
            <SelectField name="preferredChannel" label="Preferred channel" options={CHANNEL_OPTIONS} defaultValue={v.preferredChannel ?? ""} error={error("preferredChannel")} />
            <TextField name="externalId" label="External ID" autoComplete="off" hint="The contact's ID in another system." defaultValue={v.externalId} error={error("externalId")} />
            <TextField name="timezone" label="Time zone" list="time-zones" autoComplete="off" placeholder="America/New_York" defaultValue={v.timezone} error={error("timezone")} />
            <datalist id="time-zones">
              {timeZones.map((tz) => (
                <option key={tz} value={tz} />
              ))}
            </datalist>
            <TextField name="addressStreet" label="Street" autoComplete="off" defaultValue={v.addressStreet} error={error("addressStreet")} />
            <TextField name="addressCity" label="City" autoComplete="off" defaultValue={v.addressCity} error={error("addressCity")} />
            <TextField name="addressState" label="State / region" autoComplete="off" defaultValue={v.addressState} error={error("addressState")} />
            <TextField name="addressZip" label="ZIP / postal code" autoComplete="off" defaultValue={v.addressZip} error={error("addressZip")} />
            <TextField name="addressCountry" label="Country" autoComplete="off" defaultValue={v.addressCountry} error={error("addressCountry")} />
          </div>
        </details>
        {mode === "create" && (
          <div className="mt-6 space-y-3">
            <CheckboxField name="favorite" label="Mark as favorite" defaultChecked={v.favorite === "on"} />
            <CheckboxField name="addAnother" label="Add another contact after saving" defaultChecked={v.addAnother === "on"} />
          </div>
        )}
      </Card>
      <div className="flex justify-end gap-2">
        <Link href={cancelHref} className={buttonClass("secondary")}>
          Cancel
        </Link>
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : mode === "create" ? "Save contact" : "Save changes"}
        </Button>
      </div>
    </form>
  );
}
