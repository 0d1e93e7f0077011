"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useActionState, useEffect, useRef } from "react";
import { submitSetup } from "@/app/(auth)/setup/actions";
import { Button } from "@/components/ui/button";
import { SelectField, TextField } from "@/components/ui/field";
import { FormAlert } from "@/components/ui/form-alert";
import { fieldErrorOf, formErrorOf, type FormState } from "@/lib/form-state";
import { PASSWORD_HINT } from "@/lib/auth/password-hint";

export function SetupForm({ countries }: { countries: { value: string; label: string }[] }) {
  const router = useRouter();
  const [state, action, pending] = useActionState<FormState, FormData>(submitSetup, {});
  const credentials = useRef<{ email: string; password: string } | null>(null);
  const v = state.values ?? {};

  // Setup succeeded: sign the new Super Admin in with what they just typed.
  useEffect(() => {
    if (!state.result?.ok || !credentials.current) return;
    const { email, password } = credentials.current;
    credentials.current = null;
    void signIn("credentials", { email, password, redirect: false }).then((response) => {
      router.replace(response?.ok ? "/" : `/signin?email=${encodeURIComponent(email)}`);
      router.refresh();
    });
  }, [state, router]);

  const formError = formErrorOf(state);
  return (
    <form
      action={action}
      onSubmit={(event) => {
        const data = new FormData(event.currentTarget);
        credentials.current = { email: String(data.get("email") ?? ""), password: String(data.get("password") ?? "") };
      }}
      className="mt-6 space-y-4"
      noValidate
    >
      {formError && <FormAlert tone="error">{formError}</FormAlert>}
      {state.result?.ok && <FormAlert tone="success">Workspace created. Signing you in…</FormAlert>}
      <TextField name="workspaceName" label="Workspace name" placeholder="Acme Support" defaultValue={v.workspaceName} error={fieldErrorOf(state, "workspaceName")} required />
      <SelectField
        name="defaultCountry"
        label="Default country for phone numbers"
        hint="Numbers typed without a country code are read as this country's."
        options={countries}
        defaultValue={v.defaultCountry ?? "US"}
        error={fieldErrorOf(state, "defaultCountry")}
      />
      <TextField name="name" label="Your name" autoComplete="name" defaultValue={v.name} error={fieldErrorOf(state, "name")} required />
      <TextField name="email" label="Your email" type="email" autoComplete="email" defaultValue={v.email} error={fieldErrorOf(state, "email")} required />
      <TextField name="password" label="Password" type="password" autoComplete="new-password" hint={PASSWORD_HINT} error={fieldErrorOf(state, "password")} required />
      <TextField name="confirmPassword" label="Confirm password" type="password" autoComplete="new-password" error={fieldErrorOf(state, "confirmPassword")} required />
      <Button type="submit" className="w-full" disabled={pending || state.result?.ok}>
        {pending ? "Creating…" : "Create workspace"}
      </Button>
    </form>
  );
}
