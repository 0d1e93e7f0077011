import type { LucideIcon } from "lucide-react";

export function EmptyState({ icon: Icon, title, children }: { icon: LucideIcon; title: string; children?: React.ReactNode }) {
  return (
    <div className="rounded-lg border border-dashed border-slate-300 bg-white px-6 py-14 text-center">
      <Icon className="mx-auto size-10 text-slate-400" aria-hidden />
      <h2 className="mt-3 text-base font-semibold text-slate-900">{title}</h2>
      {children && <div className="mt-1 text-sm text-slate-500">{children}</div>}
    </div>
  );
}
