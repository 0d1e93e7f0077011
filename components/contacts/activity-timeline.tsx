import { Ban, MessageSquare, Pencil, ShieldCheck, Video } from "lucide-react";
import { formatDateTime } from "./format";

type Entry = { id: string; kind: "session" | "consent" | "inbound" | "audit"; at: string; title: string; detail: string | null; actor: string | null };

const ICONS = { session: Video, consent: ShieldCheck, inbound: MessageSquare, audit: Pencil };

/** The contact's history, newest first: sessions, consent changes, inbound messages, edits. */
export function ActivityTimeline({ entries }: { entries: Entry[] }) {
  if (entries.length === 0) return <p className="text-sm text-slate-500">No activity yet.</p>;
  return (
    <ol className="space-y-4" aria-label="Activity, newest first">
      {entries.map((e) => {
        const Icon = e.title.startsWith("Blocked") ? Ban : ICONS[e.kind];
        return (
          <li key={e.id} className="flex gap-3" data-testid={`activity-${e.kind}`}>
            <span className="mt-0.5 flex size-7 shrink-0 items-center justify-center rounded-full bg-brand-50 text-brand-700">
              <Icon className="size-3.5" aria-hidden />
            </span>
            <div className="min-w-0">
              <p className="text-sm font-medium text-slate-900">{e.title}</p>
              {e.detail && <p className="text-xs break-words text-slate-600">{e.detail}</p>}
              <p className="text-xs text-slate-500">
                {e.actor ? `${e.actor} · ` : ""}
                <time dateTime={e.at}>{formatDateTime(e.at)}</time>
              </p>
            </div>
          </li>
        );
      })}
    </ol>
  );
}
