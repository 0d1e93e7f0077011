"use client";

import { useActionState, useEffect } from "react";
import { toast } from "sonner";
import { saveWorkspaceSettings } from "@/app/(app)/settings/workspace/actions";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { CheckboxField, SelectField, TextField } from "@/components/ui/field";
import { FormAlert } from "@/components/ui/form-alert";
import { fieldErrorOf, formErrorOf, type FormState } from "@/lib/form-state";

type Initial = { name: string; defaultCountry: string; contactsEnabled: boolean; contactLimit: string };

export function WorkspaceSettingsForm({ countries, initial }: { countries: { value: string; label: string }[]; initial: Initial }) {
  const [state, action, pending] = useActionState<FormState, FormData>(saveWorkspaceSettings, {});
  useEffect(() => {
    if (state.result?.ok) toast.success("Workspace settings saved.");
  }, [state]);
  // After a failed save, show what was typed; otherwise what is stored.
  const failed = state.result && !state.result.ok;
  const v = failed ? state.values ?? {} : undefined;
  const formError = formErrorOf(state);
  return (
    <form action={action} className="max-w-2xl space-y-6" noValidate>
      {formError && <FormAlert tone="error">{formError}</FormAlert>}
      <Card title="General">
        <div className="space-y-4">
          <TextField name="name" label="Workspace name" defaultValue={v ? v.name : initial.name} error={fieldErrorOf(state, "name")} required />
          <SelectField
            name="defaultCountry"
            label="Default country for phone numbers"
            hint="Numbers entered without a country code are read as this country's."
            options={countries}
            defaultValue={v ? v.defaultCountry : initial.defaultCountry}
            error={fieldErrorOf(state, "defaultCountry")}
          />
        </div>
      </Card>
      <Card title="Contacts">
        <div className="space-y-4">
          <CheckboxField
            name="contactsEnabled"
            label="Contacts Management"
            hint="When off, the Contacts tab and “Select from Contacts” disappear for everyone. Contact data is kept and returns when switched back on."
            defaultChecked={v ? v.contactsEnabled === "on" : initial.contactsEnabled}
          />
          <TextField
            name="contactLimit"
            label="Contact limit"
            inputMode="numeric"
            placeholder="No limit"
            hint="The most contacts this workspace may hold. Leave empty for no limit."
            defaultValue={v ? v.contactLimit : initial.contactLimit}
            error={fieldErrorOf(state, "contactLimit")}
          />
        </div>
      </Card>
      <div className="flex justify-end">
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : "Save settings"}
        </Button>
      </div>
    </form>
  );
}
