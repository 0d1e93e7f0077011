"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { CheckboxField } from "@/components/ui/field";
import { FormAlert } from "@/components/ui/form-alert";
import { TextAreaField } from "@/components/ui/textarea-field";
import { WhichFile } from "./which-file";

const MAX_BYTES = 50 * 1024 * 1024;

/** Step 1: the file (sent as the raw request body, so the server can stream it) or pasted CSV text. */
export function UploadForm() {
  const router = useRouter();
  const [error, setError] = useState<string>();
  const [pending, setPending] = useState(false);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const file = form.get("file");
    const pasted = String(form.get("pasted") ?? "");
    const hasFile = file instanceof File && file.size > 0;
    if (!hasFile && !pasted.trim()) return setError("Choose a file, or paste CSV text.");
    if (hasFile && file.size > MAX_BYTES) return setError("The file is larger than 50 MB. Split it into smaller files and import them one after another.");
    setError(undefined);
    setPending(true);
    const params = new URLSearchParams({ fileName: hasFile ? file.name : "pasted.csv", header: form.get("header") === "on" ? "1" : "0" });
    try {
      const response = await fetch(`/api/imports?${params}`, { method: "POST", body: hasFile ? file : pasted, headers: { "content-type": "application/octet-stream" } });
      const body = (await response.json()) as { id?: string; message?: string };
      if (!response.ok || !body.id) throw new Error(body.message ?? "The upload failed. Try again.");
      router.push(`/contacts/import/${body.id}`);
    } catch (e) {
      setError((e as Error).message);
      setPending(false);
    }
  }

  return (
    <form onSubmit={onSubmit} className="max-w-3xl space-y-6" noValidate>
      {error && <FormAlert tone="error">{error}</FormAlert>}
      <Card title="Step 1 · Upload">
        <div className="space-y-5">
          <div className="space-y-1.5">
            <label htmlFor="import-file" className="block text-sm font-medium text-slate-700">File (.csv, .xlsx or .vcf)</label>
            <input id="import-file" name="file" type="file" accept=".csv,.txt,.tsv,.xlsx,.vcf,text/csv,text/vcard,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" className="block w-full text-sm text-slate-700 file:mr-3 file:rounded-md file:border-0 file:bg-brand-50 file:px-3 file:py-2 file:text-sm file:font-medium file:text-brand-700" />
          </div>
          <WhichFile />
          <TextAreaField name="pasted" label="…or paste CSV text" rows={5} placeholder={"First name,Last name,Phone,Email\nJane,Doe,+1 201 555 0123,jane@example.com"} />
          <CheckboxField name="header" label="First row is a header" defaultChecked hint="Turn off when the first row is already a contact: columns are then mapped by position." />
        </div>
      </Card>
      <div className="flex justify-end">
        <Button type="submit" disabled={pending}>{pending ? "Uploading…" : "Continue to mapping"}</Button>
      </div>
    </form>
  );
}
