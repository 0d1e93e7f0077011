import type { ContactStatus } from "@/db/schema";
import { CONTACT_STATUS_LABELS } from "@/lib/enum-labels";

export const STATUS_STYLES: Record<ContactStatus, string> = {
  active: "bg-emerald-50 text-emerald-700 ring-emerald-200",
  inactive: "bg-slate-100 text-slate-600 ring-slate-200",
  blocked: "bg-red-50 text-red-700 ring-red-200",
};

export function StatusBadge({ status, className = "" }: { status: ContactStatus; className?: string }) {
  return (
    <span className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${STATUS_STYLES[status]} ${className}`}>
      {CONTACT_STATUS_LABELS[status]}
    </span>
  );
}
