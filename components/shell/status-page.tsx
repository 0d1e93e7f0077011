import Link from "next/link";
import type { LucideIcon } from "lucide-react";
import { buttonClass } from "@/components/ui/button";

/**
 * The body of the app's own 404 and error pages: a short heading, what
 * happened in plain words and a way back. Server-safe (no hooks), so the
 * not-found pages and the client error boundaries share it.
 */
export function StatusPage({
  icon: Icon,
  code,
  title,
  children,
  actions,
}: {
  icon: LucideIcon;
  code: string;
  title: string;
  children: React.ReactNode;
  actions?: React.ReactNode;
}) {
  return (
    <section aria-labelledby="status-title" className="mx-auto max-w-lg rounded-lg bg-white p-8 text-center shadow-sm ring-1 ring-slate-200">
      <Icon className="mx-auto size-10 text-slate-400" aria-hidden />
      <p className="mt-4 text-sm font-medium text-slate-500">{code}</p>
      <h1 id="status-title" className="mt-1 text-lg font-semibold text-slate-900">
        {title}
      </h1>
      <div className="mt-2 space-y-1 text-sm text-slate-600">{children}</div>
      <div className="mt-6 flex flex-wrap justify-center gap-3">
        {actions ?? (
          <Link href="/" className={buttonClass("primary")}>
            Go to the start page
          </Link>
        )}
      </div>
    </section>
  );
}
