"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { FormAlert } from "@/components/ui/form-alert";

const GENERIC_ERRORS: Record<string, string> = {
  CredentialsSignin: "Wrong email or password.",
  Configuration: "Sign-in is not configured on this server. Ask your administrator.",
};

export function SignInForm({ initialError, initialEmail }: { initialError?: string; initialEmail?: string }) {
  const router = useRouter();
  const [error, setError] = useState(initialError ? (GENERIC_ERRORS[initialError] ?? initialError) : undefined);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(undefined);
    const response = await signIn("credentials", {
      email: String(form.get("email") ?? ""),
      password: String(form.get("password") ?? ""),
      redirect: false,
    });
    if (!response || response.error) {
      setPending(false);
      setError(GENERIC_ERRORS[response?.error ?? ""] ?? response?.error ?? "Sign-in failed. Try again.");
      return;
    }
    router.replace("/");
    router.refresh();
  }

  return (
    <form onSubmit={onSubmit} className="mt-6 space-y-4" noValidate>
      {error && <FormAlert tone="error">{error}</FormAlert>}
      <TextField name="email" label="Email" type="email" autoComplete="email" defaultValue={initialEmail} required />
      <TextField name="password" label="Password" type="password" autoComplete="current-password" required />
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? "Signing in…" : "Sign in"}
      </Button>
    </form>
  );
}
