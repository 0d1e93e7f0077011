"use client";

import { useActionState, useEffect } from "react";
import { toast } from "sonner";
import { addMemberForm } from "@/app/(app)/settings/members/actions";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { SelectField, TextField } from "@/components/ui/field";
import { FormAlert } from "@/components/ui/form-alert";
import { fieldErrorOf, formErrorOf, type FormState } from "@/lib/form-state";
import { PASSWORD_HINT } from "@/lib/auth/password-hint";

export function AddMemberForm({ roles }: { roles: { value: string; label: string }[] }) {
  const [state, action, pending] = useActionState<FormState, FormData>(addMemberForm, {});
  useEffect(() => {
    if (state.result?.ok) toast.success("Member added. Share the initial password with them securely.");
  }, [state]);
  const v = state.values ?? {};
  const formError = formErrorOf(state);
  return (
    <Card title="Add a member" description="They sign in with this email and the initial password you set.">
      <form action={action} className="space-y-4" noValidate>
        {formError && <FormAlert tone="error">{formError}</FormAlert>}
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField name="name" label="Name" autoComplete="off" defaultValue={v.name} error={fieldErrorOf(state, "name")} required />
          <TextField name="email" label="Email" type="email" autoComplete="off" defaultValue={v.email} error={fieldErrorOf(state, "email")} required />
          <SelectField name="role" label="Role" options={roles} defaultValue={v.role ?? "user"} error={fieldErrorOf(state, "role")} />
          <TextField
            name="password"
            label="Initial password"
            type="password"
            autoComplete="new-password"
            hint={PASSWORD_HINT}
            error={fieldErrorOf(state, "password")}
            required
          />
        </div>
        <div className="flex justify-end">
          <Button type="submit" disabled={pending}>
            {pending ? "Adding…" : "Add member"}
          </Button>
        </div>
      </form>
    </Card>
  );
}
