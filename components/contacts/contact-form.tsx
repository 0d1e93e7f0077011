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
import { CHANNEL_LABELS, CONTACT_STATUS_LABELS, labelOptions } from "@/lib/enum-labels";
import { fieldErrorOf, formErrorOf } from "@/lib/form-state";

export type ContactFormValues = Partial<Record<string, string>>;

export type FormAttribute = { key: string; label: string; type: "text" | "number" | "date" | "dropdown" | "boolean"; options: string[] };

type Props = {
  mode: "create" | "edit";
  action: (state: ContactFormState, formData: FormData) => Promise<ContactFormState>;
  initial: ContactFormValues;
  timeZones: string[];
  cancelHref: string;
  attributes: FormAttribute[];
  lists: { id: string; name: string }[];
};

const STATUS_OPTIONS = labelOptions(CONTACT_STATUS_LABELS).map((o) => (o.value === "blocked" ? { ...o, label: `${o.label} (cannot be invited)` } : o));
const CHANNEL_OPTIONS = [{ value: "", label: "No preference" }, ...labelOptions(CHANNEL_LABELS)];

export function ContactForm({ mode, action, initial, timeZones, cancelHref, attributes, lists }: Props) {
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
        {attributes.length > 0 && (
          <fieldset className="mt-6 border-t border-slate-100 pt-4">
            <legend className="text-sm font-semibold text-slate-900">Custom attributes</legend>
            <div className="mt-3 grid gap-4 sm:grid-cols-2">
              {attributes.map((def) => (
                <AttributeInput key={def.key} def={def} value={v[`attr.${def.key}`]} error={error(`attr.${def.key}`)} />
              ))}
            </div>
          </fieldset>
        )}
        {lists.length > 0 && (
          <fieldset className="mt-6 border-t border-slate-100 pt-4" aria-describedby={error("lists") ? "lists-error" : undefined}>
            <legend className="text-sm font-semibold text-slate-900">Lists</legend>
            <input type="hidden" name="listsField" value="1" />
            <div className="mt-3 flex flex-wrap gap-x-6 gap-y-2">
              {lists.map((list) => (
                <label key={list.id} className="flex items-center gap-2 text-sm text-slate-700">
                  <input
                    type="checkbox"
                    name="lists"
                    value={list.id}
                    defaultChecked={(v.lists ?? "").split(",").includes(list.id)}
                    className="size-4 accent-brand-600"
                  />
                  {list.name}
                </label>
              ))}
            </div>
            {error("lists") && <p id="lists-error" role="alert" className="mt-2 text-sm text-red-600">{error("lists")}</p>}
          </fieldset>
        )}
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

/** The right input for each attribute type; all post as `attr.<key>` strings. */
function AttributeInput({ def, value, error }: { def: FormAttribute; value?: string; error?: string }) {
  const name = `attr.${def.key}`;
  const id = `field-attr-${def.key}`;
  if (def.type === "dropdown" || def.type === "boolean") {
    const options =
      def.type === "boolean"
        ? [{ value: "", label: "—" }, { value: "yes", label: "Yes" }, { value: "no", label: "No" }]
        : [{ value: "", label: "—" }, ...def.options.map((o) => ({ value: o, label: o }))];
    return <SelectField id={id} name={name} label={def.label} options={options} defaultValue={value ?? ""} error={error} />;
  }
  return (
    <TextField
      id={id}
      name={name}
      label={def.label}
      type={def.type === "date" ? "date" : "text"}
      inputMode={def.type === "number" ? "decimal" : undefined}
      defaultValue={value}
      error={error}
    />
  );
}
