"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { FormAlert } from "@/components/ui/form-alert";
import { signInErrorMessage } from "@/lib/auth/sign-in-errors";

/** `initialError` is already a fixed message (the page maps the code in the URL), never text from the URL. */
export function SignInForm({ initialError, initialEmail }: { initialError?: string; initialEmail?: string }) {
  const router = useRouter();
  const [error, setError] = useState(initialError);
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
      setError(signInErrorMessage(response?.error ?? "failed"));
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
