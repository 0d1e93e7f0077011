"use client";

import Link from "next/link";
import { useEffect, useState, useTransition } from "react";
import { previewImport, runImport } from "@/app/(app)/contacts/import/actions";
import { Button, buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { FormAlert } from "@/components/ui/form-alert";
import { candidateOf, MAX_CHOICES } from "@/lib/import/header-map";
import type { ImportOptions, ImportSummary } from "@/lib/import/options";
import { ImportOptionsPanel, type OptionsState } from "./import-options";
import { ImportProgressBar } from "./progress-bar";
import { ImportSettingsSummary } from "./settings-summary";
import { SummaryTable } from "./summary-table";

type Status = {
  id: string;
  status: "uploaded" | "previewing" | "previewed" | "queued" | "running" | "completed" | "failed";
  phase: string | null;
  rowsRead: number;
  bytesRead: number;
  totalBytes: number;
  preview: ImportSummary | null;
  result: ImportSummary | null;
  error: string | null;
  /** While queued: the workspace's imports running or waiting before this one. */
  ahead?: number | null;
};

type Props = {
  jobId: string;
  workspaceName: string;
  columns: string[];
  sample: string[][];
  initialMapping: string[];
  /** The export format the header line was recognised as ("a Google Contacts export"), or null. */
  recognized: string | null;
  initialOptions: ImportOptions | null;
  initialStatus: Status;
  fields: { id: string; label: string }[];
  attributes: { key: string; label: string }[];
  lists: { id: string; name: string }[];
};

const NEW_TYPES = [
  { value: "new:text", label: "New attribute: text" },
  { value: "new:number", label: "New attribute: number" },
  { value: "new:date", label: "New attribute: date" },
  { value: "new:boolean", label: "New attribute: yes/no" },
];

const ordinal = (n: number) => `${n}${n % 10 === 2 && n !== 12 ? "nd" : n % 10 === 3 && n !== 13 ? "rd" : "th"}`;

/** "Phone", "Phone (2nd choice)", …: one more choice than the mapping uses, at least three, at most MAX_CHOICES. */
function choices(field: "phone" | "email", label: string, mapping: string[]): { value: string; label: string }[] {
  const used = mapping.map((t) => (candidateOf(t)?.field === field ? candidateOf(t)!.tier : 0));
  const count = Math.min(MAX_CHOICES, Math.max(3, Math.max(...used, 0) + 1));
  return [{ value: field, label }, ...Array.from({ length: count - 1 }, (_, i) => ({ value: `${field}:${i + 2}`, label: `${label} (${ordinal(i + 2)} choice)` }))];
}

function hasChoices(mapping: string[]): boolean {
  return mapping.some((t) => (candidateOf(t)?.tier ?? 1) > 1);
}

/** Steps 2–5: map columns, choose options, preview (dry run), run with a live progress bar, summary. */
export function ImportWizard(props: Props) {
  const [mapping, setMapping] = useState(props.initialMapping);
  const [options, setOptions] = useState<OptionsState>(() => ({
    listIds: props.initialOptions?.listIds ?? [],
    timezone: props.initialOptions?.timezone ?? "",
    defaultConsent: { sms: props.initialOptions?.defaultConsent?.sms ?? "", whatsapp: props.initialOptions?.defaultConsent?.whatsapp ?? "", email: props.initialOptions?.defaultConsent?.email ?? "" },
    duplicates: props.initialOptions?.duplicates ?? "skip",
    missing: props.initialOptions?.missing ?? "keep",
    replaceInvalid: props.initialOptions?.replaceInvalid ?? false,
    removeMissing: props.initialOptions?.removeMissing ?? false,
    removeConfirm: "",
  }));
  const [status, setStatus] = useState<Status>(props.initialStatus);
  const [error, setError] = useState<string>();
  const [fieldError, setFieldError] = useState<Record<string, string>>({});
  const [pending, startTransition] = useTransition();
  const [showEmpty, setShowEmpty] = useState(false);
  const busy = status.status === "previewing" || status.status === "running" || status.status === "queued";
  const locked = busy || status.status === "completed";

  // Follow the job while it runs (the state lives in the database: reload-safe).
  useEffect(() => {
    if (!busy) return;
    const timer = setInterval(async () => {
      const response = await fetch(`/api/imports/${props.jobId}`, { cache: "no-store" });
      if (response.ok) setStatus((await response.json()) as Status);
    }, 700);
    return () => clearInterval(timer);
  }, [busy, props.jobId]);

  function preview() {
    setError(undefined);
    setFieldError({});
    startTransition(async () => {
      const result = await previewImport(props.jobId, {
        mapping,
        ...options,
        timezone: options.timezone || undefined,
        removeConfirm: options.removeConfirm || undefined,
      });
      if (result.ok) setStatus((s) => ({ ...s, status: "previewing", phase: "queued", ahead: null, rowsRead: 0, bytesRead: 0, preview: null, error: null }));
      else {
        setError(result.message);
        setFieldError(result.fieldErrors ?? {});
      }
    });
  }

  function run() {
    setError(undefined);
    startTransition(async () => {
      const result = await runImport(props.jobId);
      if (result.ok) setStatus((s) => ({ ...s, status: "running", phase: "queued", ahead: null, rowsRead: 0, bytesRead: 0 }));
      else setError(result.message);
    });
  }

  const targets = [
    { value: "", label: "Ignore this column" },
    ...props.fields.flatMap((f) => (f.id === "phone" || f.id === "email" ? choices(f.id, f.label, mapping) : [{ value: f.id, label: f.label }])),
    { value: "phoneType", label: "Phone type (of the phone column after it)" },
    ...props.attributes.map((a) => ({ value: `attr.${a.key}`, label: `Attribute: ${a.label}` })),
    ...NEW_TYPES,
  ];
  const targetLabel = (value: string) => targets.find((t) => t.value === value)?.label ?? value;
  // Columns with nothing in the sample rows that are ignored anyway (an
  // export from Google Contacts has dozens): folded away so the preview and
  // the summary are not pushed far down the page.
  const isEmptyIgnored = (index: number) => (mapping[index] ?? "") === "" && props.sample.every((r) => !r[index]?.trim());
  const emptyIgnored = props.columns.filter((_, index) => isEmptyIgnored(index)).length;

  return (
    <div className="space-y-6">
      {error && <FormAlert tone="error">{error}</FormAlert>}
      {status.status === "failed" && status.error && <FormAlert tone="error">{status.error}</FormAlert>}
      {status.status !== "completed" && (
        <>
          <Card title="Step 2 · Map columns" description="Each column of your file fills a contact field, a custom attribute, a new attribute, or nothing.">
            {props.recognized && (
              <p className="mb-3 rounded-md bg-brand-50 px-3 py-2 text-sm text-brand-700" data-testid="recognized-format">
                This looks like {props.recognized}: its columns are mapped for you. Change any of them below.
              </p>
            )}
            {fieldError.mapping && <p role="alert" className="mb-3 text-sm text-red-600">{fieldError.mapping}</p>}
            <div className="overflow-x-auto">
              <table className="min-w-full text-sm">
                <thead className="text-left text-xs font-semibold tracking-wide text-slate-500 uppercase">
                  <tr>
                    <th scope="col" className="py-2 pr-4">Column in file</th>
                    <th scope="col" className="py-2 pr-4">Sample values</th>
                    <th scope="col" className="py-2">Import as</th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {props.columns.map((column, index) => (showEmpty || !isEmptyIgnored(index)) && (
                    <tr key={`${column}-${index}`}>
                      <td className="py-2 pr-4 font-medium text-slate-900">{column}</td>
                      <td className="max-w-xs truncate py-2 pr-4 text-slate-500">{props.sample.map((r) => r[index]).filter(Boolean).slice(0, 3).join(" · ")}</td>
                      <td className="py-2">
                        <select
                          aria-label={`Import “${column}” as`}
                          value={mapping[index] ?? ""}
                          disabled={locked}
                          onChange={(e) => setMapping(mapping.map((m, i) => (i === index ? e.target.value : m)))}
                          className="rounded-md border-0 py-1.5 pr-8 pl-2 text-sm ring-1 ring-slate-300 ring-inset"
                        >
                          {targets.map((t) => (
                            <option key={t.value} value={t.value}>{t.label}</option>
                          ))}
                        </select>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {hasChoices(mapping) && (
              <p className="mt-3 text-sm text-slate-600">
                A contact keeps one phone number and one email. Where a row has several, it keeps the one whose type says mobile, else the 1st choice that is filled; the preview counts the rows whose other numbers or emails are not imported. To keep them, map those columns to an attribute.
              </p>
            )}
            {emptyIgnored > 0 && (
              <p className="mt-3 text-sm text-slate-600">
                {emptyIgnored === 1 ? "1 empty column ignored" : `${emptyIgnored} empty columns ignored`}
                {" — "}
                <button type="button" className="font-medium text-brand-700 underline" aria-expanded={showEmpty} onClick={() => setShowEmpty(!showEmpty)}>
                  {showEmpty ? "hide" : "show"}
                </button>
              </p>
            )}
          </Card>
          <ImportOptionsPanel options={options} onChange={setOptions} lists={props.lists} workspaceName={props.workspaceName} disabled={locked} errors={fieldError} />
        </>
      )}
      {busy && <ImportProgressBar status={status} />}
      {status.status === "previewed" && status.preview && (
        <Card title="Step 4 · Preview" description="A dry run over the whole file. Nothing has been saved yet.">
          <SummaryTable summary={status.preview} future />
        </Card>
      )}
      {status.status === "completed" && status.result && (
        <Card title="Done">
          <SummaryTable summary={status.result} />
          <div className="mt-4 flex flex-wrap gap-2">
            {status.result.failed + (status.result.keptUnsubscribed ?? 0) > 0 && <a href={`/api/imports/${props.jobId}/errors`} className={buttonClass("secondary")}>Download error CSV</a>}
            <Link href="/contacts" className={buttonClass("primary")}>Go to contacts</Link>
          </div>
        </Card>
      )}
      {status.status === "completed" && (
        <ImportSettingsSummary columns={props.columns} mapping={mapping} targetLabel={targetLabel} options={options} lists={props.lists} />
      )}
      {!locked && (
        <div className="flex justify-end gap-2">
          <Button variant={status.status === "previewed" ? "secondary" : "primary"} onClick={preview} disabled={pending}>
            {status.status === "previewed" ? "Preview again" : "Preview import"}
          </Button>
          {status.status === "previewed" && (
            <Button onClick={run} disabled={pending}>Import now</Button>
          )}
        </div>
      )}
    </div>
  );
}
