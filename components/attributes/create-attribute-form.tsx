"use client";

import { useActionState, useState } from "react";
import { createAttributeForm } from "@/app/(app)/settings/attributes/actions";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { SelectField, TextField } from "@/components/ui/field";
import { FormAlert } from "@/components/ui/form-alert";
import { TextAreaField } from "@/components/ui/textarea-field";
import { fieldErrorOf, type FormState } from "@/lib/form-state";
import { ATTRIBUTE_TYPES } from "./types";

export function CreateAttributeForm() {
  const [state, action, pending] = useActionState<FormState, FormData>(createAttributeForm, {});
  const v = state.values ?? {};
  const [type, setType] = useState(v.type ?? "text");
  return (
    <Card title="New attribute" description="The key is the stable name used by imports, exports and the API; the label is what people see and can change later.">
      <form action={action} className="space-y-4" noValidate>
        {state.result?.ok && <FormAlert tone="success">Attribute added.</FormAlert>}
        <div className="grid gap-4 sm:grid-cols-3">
          <TextField name="label" label="Label" placeholder="Renewal date" defaultValue={v.label} error={fieldErrorOf(state, "label")} />
          <TextField name="key" label="Key" placeholder="renewal_date" autoComplete="off" defaultValue={v.key} error={fieldErrorOf(state, "key")} />
          <SelectField name="type" label="Type" options={ATTRIBUTE_TYPES} value={type} onChange={(e) => setType(e.target.value)} error={fieldErrorOf(state, "type")} />
        </div>
        {type === "dropdown" && (
          <TextAreaField name="options" label="Options (one per line)" rows={4} defaultValue={v.options} error={fieldErrorOf(state, "options")} />
        )}
        <div className="flex justify-end">
          <Button type="submit" disabled={pending}>{pending ? "Adding…" : "Add attribute"}</Button>
        </div>
      </form>
    </Card>
  );
}
