import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getDb } from "@/db/client";
import { needsSetup } from "@/lib/setup/first-run";
import { SignInForm } from "@/components/auth/sign-in-form";
import { signInErrorMessage } from "@/lib/auth/sign-in-errors";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ error?: string; email?: string }> }) {
  if (await needsSetup(await getDb())) redirect("/setup");
  const { error, email } = await searchParams;
  return (
    <>
      <h1 className="text-xl font-semibold">Sign in</h1>
      <p className="mt-1 text-sm text-slate-500">Use the email and password your administrator gave you.</p>
      <SignInForm initialError={signInErrorMessage(error)} initialEmail={email} />
    </>
  );
}
