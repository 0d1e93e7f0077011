/** The live bar: share of the file read, rows so far, and the phase. */
export function ImportProgressBar({
  status,
}: {
  status: { status: string; phase: string | null; rowsRead: number; bytesRead: number; totalBytes: number; ahead?: number | null };
}) {
  if (status.phase === "queued") return <QueuedNotice ahead={status.ahead ?? null} />;
  const reading = status.phase === "reading" || !status.phase;
  const percent = status.totalBytes > 0 ? Math.min(100, Math.round((status.bytesRead / status.totalBytes) * (reading ? 90 : 100))) : 0;
  const shown = reading ? percent : Math.max(percent, 95);
  return (
    <div className="rounded-lg bg-white p-5 shadow-sm ring-1 ring-slate-200" aria-live="polite">
      <div className="flex justify-between text-sm">
        <span className="font-medium text-slate-900">{status.status === "previewing" ? "Previewing…" : "Importing…"} {status.phase && status.phase !== "reading" ? `(${status.phase})` : ""}</span>
        <span className="text-slate-600" data-testid="rows-read">{status.rowsRead.toLocaleString("en-US")} rows read</span>
      </div>
      <div className="mt-3 h-2.5 overflow-hidden rounded-full bg-slate-100" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={shown} aria-label="Import progress">
        <div className="h-full rounded-full bg-brand-600 transition-all" style={{ width: `${shown}%` }} />
      </div>
    </div>
  );
}

/** A workspace runs one import at a time: the others wait their turn. */
function QueuedNotice({ ahead }: { ahead: number | null }) {
  return (
    <div className="rounded-lg bg-white p-5 shadow-sm ring-1 ring-slate-200" aria-live="polite">
      <p className="text-sm font-medium text-slate-900" data-testid="import-queued">
        {ahead ? `Queued, ${ahead.toLocaleString("en-US")} ahead` : "Queued, starting soon"}
      </p>
      <p className="mt-1 text-sm text-slate-600">This workspace runs one import at a time. You can leave this page; the import runs on.</p>
    </div>
  );
}
