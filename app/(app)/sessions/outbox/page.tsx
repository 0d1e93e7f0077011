import type { Metadata } from "next";
import Link from "next/link";
import { Inbox } from "lucide-react";
import { buttonClass } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requireSignedIn } from "@/lib/auth/server-session";
import { listOutbox } from "@/lib/invites/outbox";
import { CHANNEL_LABELS } from "@/lib/enum-labels";

export const metadata: Metadata = { title: "Outbox" };

export default async function OutboxPage({ searchParams }: { searchParams: Promise<{ page?: string }> }) {
  const ctx = await requireSignedIn();
  const page = Math.max(1, Number.parseInt((await searchParams).page ?? "1", 10) || 1);
  const { rows, total, pages } = await listOutbox(ctx, page);
  return (
    <>
      <PageHeader
        title="Outbox"
        description="Messages handed to the built-in transport. With a real SMS, WhatsApp or email provider connected, they would leave from here."
        actions={<Link href="/sessions" className={buttonClass("secondary")}>← Sessions</Link>}
      />
      {rows.length === 0 ? (
        <EmptyState icon={Inbox} title="Nothing sent yet" />
      ) : (
        <ul className="space-y-3" aria-label="Outbox messages">
          {rows.map((m) => (
            <li key={m.id} className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200" data-testid="outbox-message">
              <p className="text-xs text-slate-500">
                {CHANNEL_LABELS[m.channel]} to <span className="font-medium text-slate-700">{m.recipient}</span> ·{" "}
                {m.createdAt.toLocaleString("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" })} UTC
              </p>
              {m.subject && <p className="mt-1 text-sm font-medium text-slate-900">{m.subject}</p>}
              <p className="mt-1 text-sm text-slate-800">{m.body}</p>
            </li>
          ))}
        </ul>
      )}
      <p className="mt-4 text-sm text-slate-600">{total.toLocaleString("en-US")} messages · page {page} of {pages}</p>
    </>
  );
}
