type Entry = { id: string; action: string; actor: string; at: string; after: unknown };

const LABELS: Record<string, string> = {
  "contact.created": "Created",
  "contact.updated": "Edited",
  "contact.blocked": "Blocked",
  "contact.unblocked": "Unblocked",
  "contact.starred": "Starred",
  "contact.unstarred": "Unstarred",
};

function changedFields(after: unknown): string {
  if (!after || typeof after !== "object") return "";
  const keys = Object.keys(after).filter((k) => !["id", "createdAt", "createdBy", "contactIds"].includes(k));
  return keys.length > 0 && keys.length <= 6 ? keys.join(", ") : "";
}

/** The contact's history, newest first. */
export function ActivityTimeline({ entries }: { entries: Entry[] }) {
  if (entries.length === 0) return <p className="text-sm text-slate-500">No activity yet.</p>;
  return (
    <ol className="space-y-4 border-l border-slate-200 pl-4" aria-label="Activity, newest first">
      {entries.map((e) => (
        <li key={e.id} className="relative">
          <span className="absolute top-1.5 -left-[1.3rem] size-2.5 rounded-full bg-brand-600 ring-4 ring-white" aria-hidden />
          <p className="text-sm font-medium text-slate-900">{LABELS[e.action] ?? e.action}</p>
          {e.action === "contact.updated" && changedFields(e.after) && (
            <p className="text-xs text-slate-600">Changed: {changedFields(e.after)}</p>
          )}
          <p className="text-xs text-slate-500">
            {e.actor.replace(/ <.*>$/, "")} · {new Date(e.at).toLocaleString("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" })} UTC
          </p>
        </li>
      ))}
    </ol>
  );
}
