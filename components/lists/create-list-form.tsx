"use client";

import { useActionState } from "react";
import { createListForm } from "@/app/(app)/lists/actions";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { TextField } from "@/components/ui/field";
import { FormAlert } from "@/components/ui/form-alert";
import { fieldErrorOf, type FormState } from "@/lib/form-state";

export function CreateListForm() {
  const [state, action, pending] = useActionState<FormState, FormData>(createListForm, {});
  return (
    <Card title="New list">
      <form action={action} className="space-y-4" noValidate>
        {state.result?.ok && <FormAlert tone="success">List created.</FormAlert>}
        <TextField name="name" label="List name" autoComplete="off" defaultValue={state.values?.name} error={fieldErrorOf(state, "name")} />
        <div className="flex justify-end">
          <Button type="submit" disabled={pending}>{pending ? "Creating…" : "Create list"}</Button>
        </div>
      </form>
    </Card>
  );
}
