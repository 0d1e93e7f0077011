"use client";

import { Download } from "lucide-react";
import { Dialog } from "radix-ui";
import { useState } from "react";
import { Button, buttonClass } from "@/components/ui/button";

type Column = { id: string; label: string };
type Format = "csv" | "xlsx" | "vcf";

const FORMATS: { id: Format; label: string }[] = [
  { id: "csv", label: "CSV" },
  { id: "xlsx", label: "Excel (.xlsx)" },
  { id: "vcf", label: "vCard (.vcf)" },
];

/**
 * Export all contacts or the current filtered view, as CSV or XLSX with the
 * chosen columns, or as vCard (whose cards have fixed fields, so the columns
 * do not apply). The file streams from /api/contacts/export.
 */
export function ExportDialog({ columns, filterQuery }: { columns: Column[]; filterQuery: string }) {
  const [format, setFormat] = useState<Format>("csv");
  const [scope, setScope] = useState<"all" | "filtered">(filterQuery ? "filtered" : "all");
  const [chosen, setChosen] = useState<Set<string>>(new Set(columns.map((c) => c.id)));
  const params = new URLSearchParams(scope === "filtered" ? filterQuery : "");
  params.set("format", format);
  params.set("scope", scope);
  const vcard = format === "vcf";
  if (!vcard && chosen.size < columns.length) params.set("columns", columns.filter((c) => chosen.has(c.id)).map((c) => c.id).join(","));
  const href = `/api/contacts/export?${params}`;
  return (
    <Dialog.Root>
      <Dialog.Trigger asChild>
        <Button variant="secondary"><Download className="size-4" aria-hidden /> Export</Button>
      </Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-slate-900/40" />
        <Dialog.Content className="fixed top-1/2 left-1/2 z-50 flex max-h-[85vh] w-[min(32rem,calc(100vw-2rem))] -translate-x-1/2 -translate-y-1/2 flex-col rounded-lg bg-white p-6 shadow-xl">
          <Dialog.Title className="text-lg font-semibold text-slate-900">Export contacts</Dialog.Title>
          <Dialog.Description className="mt-1 text-sm text-slate-600">
            {vcard
              ? "One card per contact, phones in E.164 and lists as categories: iPhone, Google Contacts, Outlook and Thunderbird import it."
              : "Phones are exported in E.164, lists separated by |. A full export re-imports with no changes."}
          </Dialog.Description>
          <div className="mt-4 min-h-0 flex-1 space-y-4 overflow-y-auto text-sm">
            <fieldset className="flex gap-4">
              <legend className="mb-1 font-medium text-slate-700">Contacts</legend>
              <label className="flex items-center gap-2"><input type="radio" checked={scope === "all"} onChange={() => setScope("all")} className="accent-brand-600" /> All contacts</label>
              <label className="flex items-center gap-2"><input type="radio" checked={scope === "filtered"} onChange={() => setScope("filtered")} disabled={!filterQuery} className="accent-brand-600" /> The current view (search and filters)</label>
            </fieldset>
            <fieldset className="flex flex-wrap gap-x-4 gap-y-1">
              <legend className="mb-1 font-medium text-slate-700">Format</legend>
              {FORMATS.map((f) => (
                <label key={f.id} className="flex items-center gap-2"><input type="radio" checked={format === f.id} onChange={() => setFormat(f.id)} className="accent-brand-600" /> {f.label}</label>
              ))}
            </fieldset>
            <fieldset>
              <legend className="mb-1 font-medium text-slate-700">Columns</legend>
              {/* The choice is kept while vCard is picked, for switching back. */}
              {vcard ? (
                <p className="text-slate-600">The columns apply to CSV and Excel. A vCard has its own fields: name, company, phone, email, address, notes and lists.</p>
              ) : (
                <div className="grid grid-cols-2 gap-1">
                  {columns.map((c) => (
                    <label key={c.id} className="flex items-center gap-2">
                      <input
                        type="checkbox"
                        checked={chosen.has(c.id)}
                        onChange={(e) => {
                          const next = new Set(chosen);
                          if (e.target.checked) next.add(c.id);
                          else next.delete(c.id);
                          setChosen(next);
                        }}
                        className="size-4 accent-brand-600"
                      />
                      {c.label}
                    </label>
                  ))}
                </div>
              )}
            </fieldset>
          </div>
          <div className="mt-6 flex justify-end gap-2">
            <Dialog.Close className={buttonClass("secondary")}>Cancel</Dialog.Close>
            {!vcard && chosen.size === 0 ? (
              <Button disabled>Choose a column</Button>
            ) : (
              <a href={href} download className={buttonClass("primary")}>Download</a>
            )}
          </div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
