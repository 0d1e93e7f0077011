import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getDb } from "@/db/client";
import { needsSetup } from "@/lib/setup/first-run";
import { COUNTRIES } from "@/lib/workspaces/countries";
import { SetupForm } from "@/components/auth/setup-form";

export const metadata: Metadata = { title: "Set up Switchboard" };

// First run only: once a user exists this page does not exist.
export default async function SetupPage() {
  if (!(await needsSetup(await getDb()))) notFound();
  return (
    <>
      <h1 className="text-xl font-semibold">Set up your workspace</h1>
      <p className="mt-1 text-sm text-slate-500">Create your company&apos;s workspace and your Super Admin account.</p>
      <SetupForm countries={COUNTRIES.map((c) => ({ value: c.code, label: `${c.name} (${c.code})` }))} />
    </>
  );
}
