import type { ImportSummary } from "@/lib/import/options";

/** Counts of a preview (future tense) or a finished run, and the first failures. */
export function SummaryTable({ summary, future }: { summary: ImportSummary; future?: boolean }) {
  const rows: [string, number][] = [
    [future ? "Will be created" : "Created", summary.created],
    [future ? "Will be updated" : "Updated", summary.updated],
    ["Unchanged (already up to date)", summary.unchanged],
    ["Skipped: already in contacts", summary.skippedExisting],
    ["Skipped: repeated in the file", summary.skippedInFile],
    [future ? "Will fail" : "Failed", summary.failed],
    [future ? "Will be removed (not in the file)" : "Removed (not in the file)", summary.removed],
    // Results saved before this count existed lack it.
    ["Kept unsubscribed: opted out by keyword", summary.keptUnsubscribed ?? 0],
  ];
  return (
    <div className="space-y-4">
      <dl className="grid gap-3 sm:grid-cols-4" data-testid="import-summary">
        <div className="rounded-md bg-slate-50 p-3">
          <dt className="text-xs text-slate-500">Rows in file</dt>
          <dd className="text-lg font-semibold">{summary.rows.toLocaleString("en-US")}</dd>
        </div>
        {rows.filter(([, n], i) => n > 0 || i === 0).map(([label, n]) => (
          <div key={label} className="rounded-md bg-slate-50 p-3">
            <dt className="text-xs text-slate-500">{label}</dt>
            <dd className="text-lg font-semibold">{n.toLocaleString("en-US")}</dd>
          </div>
        ))}
      </dl>
      {((summary.extraPhones ?? 0) > 0 || (summary.extraEmails ?? 0) > 0) && (
        <p className="text-sm text-slate-600" data-testid="import-extra-values">
          {extraSentence(summary, future)}
        </p>
      )}
      {summary.failures.length > 0 && (
        <div>
          <h3 className="text-sm font-semibold text-slate-900">{future ? "First rows that will fail" : "First failed rows"}</h3>
          <ul className="mt-2 space-y-1 text-sm text-slate-700">
            {summary.failures.map((f) => (
              <li key={f.row}><span className="font-medium">Row {f.row}:</span> {f.reason}</li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}

const rowCount = (n: number) => (n === 1 ? "1 row has" : `${n.toLocaleString("en-US")} rows have`);

/** Which rows held more phones or emails than the one their contact keeps, and how to keep the rest. */
function extraSentence(summary: ImportSummary, future?: boolean): string {
  const parts = [
    (summary.extraPhones ?? 0) > 0 ? `${rowCount(summary.extraPhones!)} more than one phone number` : "",
    (summary.extraEmails ?? 0) > 0 ? `${rowCount(summary.extraEmails!)} more than one email` : "",
  ].filter(Boolean);
  const verb = future ? "will be imported" : "was imported";
  return `${parts.join("; ")}. Only one of each ${verb} (the mobile, else the 1st choice); to keep the others, map their columns to an attribute.`;
}
