import type { Metadata } from "next";
import Link from "next/link";
import { ScrollText } from "lucide-react";
import { EmptyState } from "@/components/ui/empty-state";
import { NotAllowed } from "@/components/ui/not-allowed";
import { PageHeader } from "@/components/ui/page-header";
import { AuditTable } from "@/components/settings/audit-table";
import { auditActions, AUDIT_PAGE_SIZE, listAuditEntries } from "@/lib/audit/list";
import { requirePermission } from "@/lib/auth/server-session";
import { buttonClass } from "@/components/ui/button";

export const metadata: Metadata = { title: "Audit log" };

type Search = { page?: string; action?: string };

export default async function AuditPage({ searchParams }: { searchParams: Promise<Search> }) {
  const access = await requirePermission("audit.read");
  if (!access.ok) return <NotAllowed message={access.message} />;
  const params = await searchParams;
  const page = Math.max(1, Number.parseInt(params.page ?? "1", 10) || 1);
  const action = params.action || undefined;
  const [{ entries, total }, actions] = await Promise.all([
    listAuditEntries(access.ctx, { page, action }),
    auditActions(access.ctx),
  ]);
  const pages = Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE));
  const href = (p: number) => `/settings/audit?${new URLSearchParams({ ...(action ? { action } : {}), page: String(p) })}`;
  return (
    <>
      <PageHeader title="Audit log" description="Every change in this workspace: who, what, when, before and after." />
      <form className="mb-4 flex flex-wrap items-end gap-2" action="/settings/audit">
        <label className="text-sm font-medium text-slate-700" htmlFor="audit-action">
          Action
        </label>
        <select id="audit-action" name="action" defaultValue={action ?? ""} className="rounded-md border-0 py-1.5 pr-8 pl-2 text-sm ring-1 ring-slate-300 ring-inset">
          <option value="">All actions</option>
          {actions.map((a) => (
            <option key={a} value={a}>
              {a}
            </option>
          ))}
        </select>
        <button type="submit" className={buttonClass("secondary")}>
          Filter
        </button>
      </form>
      {entries.length === 0 ? (
        <EmptyState icon={ScrollText} title="No entries" />
      ) : (
        <AuditTable entries={entries.map((e) => ({ ...e, createdAt: e.createdAt.toISOString() }))} />
      )}
      <nav aria-label="Pagination" className="mt-4 flex items-center justify-between text-sm text-slate-600">
        <span>
          {total.toLocaleString("en-US")} entries · page {page} of {pages}
        </span>
        <span className="flex gap-2">
          {page > 1 && <Link className={buttonClass("secondary")} href={href(page - 1)}>Previous</Link>}
          {page < pages && <Link className={buttonClass("secondary")} href={href(page + 1)}>Next</Link>}
        </span>
      </nav>
    </>
  );
}
