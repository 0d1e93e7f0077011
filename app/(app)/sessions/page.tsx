import type { Metadata } from "next";
import Link from "next/link";
import { Download, Inbox, Plus, Video } from "lucide-react";
import { buttonClass } from "@/components/ui/button";
import { CleanGetForm } from "@/components/ui/clean-get-form";
import { EmptyState } from "@/components/ui/empty-state";
import { FormAlert } from "@/components/ui/form-alert";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/permissions";
import { requireSignedIn } from "@/lib/auth/server-session";
import { formatPhone } from "@/lib/contacts/phone";
import { CHANNEL_LABELS, labelOptions } from "@/lib/enum-labels";
import { listMembers } from "@/lib/members/members";
import { listSessions, parseSessionFilters } from "@/lib/sessions/list";

export const metadata: Metadata = { title: "Sessions" };

const SELECT = "mt-1 rounded-md border-0 bg-white py-1.5 pr-8 pl-2 text-sm ring-1 ring-slate-300 ring-inset";

type Search = Record<string, string | string[] | undefined>;

export default async function SessionsPage({ searchParams }: { searchParams: Promise<Search> }) {
  const ctx = await requireSignedIn();
  const params = await searchParams;
  const filters = parseSessionFilters(params);
  const [{ rows, total, pages }, members] = await Promise.all([listSessions(ctx, filters), listMembers(ctx)]);
  const role = ctx.actor.role;
  const country = ctx.actor.workspace.defaultCountry;
  const query = new URLSearchParams(
    Object.entries({ agent: filters.agent, channel: filters.channel, from: filters.from, to: filters.to }).filter((e): e is [string, string] => Boolean(e[1])),
  );
  const pageHref = (p: number) => `/sessions?${new URLSearchParams([...query, ["page", String(p)]])}`;
  return (
    <>
      <PageHeader
        title="Sessions"
        description="The Agent Portal: every invite your team sent, with the contact beside the number or address."
        actions={
          <>
            <Link href="/sessions/outbox" className={buttonClass("secondary")}><Inbox className="size-4" aria-hidden /> Outbox</Link>
            {can(role, "reports.download") && (
              <a href={`/api/sessions/report?${query}`} className={buttonClass("secondary")}><Download className="size-4" aria-hidden /> Download report</a>
            )}
            {can(role, "invites.send") && (
              <Link href="/sessions/new" className={buttonClass("primary")}><Plus className="size-4" aria-hidden /> New Session</Link>
            )}
          </>
        }
      />
      {typeof params.sent === "string" && <div className="mb-4"><FormAlert tone="success">Invite sent.</FormAlert></div>}
      <CleanGetForm action="/sessions" className="mb-4 flex flex-wrap items-end gap-3 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200">
        <div>
          <label htmlFor="f-agent" className="block text-xs font-medium text-slate-600">Agent</label>
          <select id="f-agent" name="agent" defaultValue={filters.agent ?? ""} className={SELECT}>
            <option value="">Anyone</option>
            {members.map((m) => <option key={m.userId} value={m.userId}>{m.name}</option>)}
          </select>
        </div>
        <div>
          <label htmlFor="f-channel" className="block text-xs font-medium text-slate-600">Channel</label>
          <select id="f-channel" name="channel" defaultValue={filters.channel ?? ""} className={SELECT}>
            <option value="">Any</option>
            {labelOptions(CHANNEL_LABELS).map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
          </select>
        </div>
        <div>
          <label htmlFor="f-from" className="block text-xs font-medium text-slate-600">From</label>
          <input id="f-from" type="date" name="from" defaultValue={filters.from} className={`${SELECT} pr-2`} />
        </div>
        <div>
          <label htmlFor="f-to" className="block text-xs font-medium text-slate-600">To</label>
          <input id="f-to" type="date" name="to" defaultValue={filters.to} className={`${SELECT} pr-2`} />
        </div>
        <button type="submit" className={buttonClass("primary")}>Filter</button>
      </CleanGetForm>
      {rows.length === 0 ? (
        <EmptyState icon={Video} title="No sessions yet">
          {can(role, "invites.send") ? "Start one with New Session." : "Sessions your team starts appear here."}
        </EmptyState>
      ) : (
        <div className="relative overflow-x-auto rounded-lg bg-white shadow-sm ring-1 ring-slate-200">
          <table className="min-w-full divide-y divide-slate-200 text-sm">
            <caption className="sr-only">Sessions, newest first</caption>
            <thead className="bg-slate-50 text-left text-xs font-semibold tracking-wide text-slate-500 uppercase">
              <tr>
                <th scope="col" className="px-4 py-3">Sent</th>
                <th scope="col" className="px-4 py-3">Session</th>
                <th scope="col" className="px-4 py-3">Agent</th>
                <th scope="col" className="px-4 py-3">Channel</th>
                <th scope="col" className="px-4 py-3">Sent to</th>
                <th scope="col" className="px-4 py-3">Contact</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rows.map((r) => (
                <tr key={r.inviteId} data-testid="session-row">
                  <td className="px-4 py-2.5 whitespace-nowrap text-slate-600">
                    {r.createdAt.toLocaleString("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" })} UTC
                  </td>
                  <td className="px-4 py-2.5 text-slate-900">
                    {r.title}
                    {r.reference && <span className="ml-2 text-xs text-slate-500">{r.reference}</span>}
                  </td>
                  <td className="px-4 py-2.5 text-slate-700">{r.agentName}</td>
                  <td className="px-4 py-2.5 text-slate-700">{CHANNEL_LABELS[r.channel]}</td>
                  <td className="px-4 py-2.5 whitespace-nowrap text-slate-700 tabular-nums">
                    {r.channel === "email" ? r.destination : formatPhone(r.destination, country)}
                  </td>
                  <td className="px-4 py-2.5 text-slate-900">
                    {r.contactName ? (
                      ctx.actor.workspace.contactsEnabled && r.contactId ? <Link href={`/contacts/${r.contactId}`} className="hover:underline">{r.contactName}</Link> : r.contactName
                    ) : (
                      <span className="text-slate-500">—</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <nav aria-label="Pagination" className="mt-4 flex items-center justify-between text-sm text-slate-600">
        <span>{total.toLocaleString("en-US")} invites · page {Math.min(filters.page, pages)} of {pages}</span>
        <span className="flex gap-2">
          {filters.page > 1 && <Link className={buttonClass("secondary")} href={pageHref(filters.page - 1)}>Previous</Link>}
          {filters.page < pages && <Link className={buttonClass("secondary")} href={pageHref(filters.page + 1)}>Next</Link>}
        </span>
      </nav>
    </>
  );
}
