import { CircleAlert, CircleCheck, Info } from "lucide-react";

const TONES = {
  error: { styles: "bg-red-50 text-red-800 ring-red-200", Icon: CircleAlert, role: "alert" },
  success: { styles: "bg-emerald-50 text-emerald-800 ring-emerald-200", Icon: CircleCheck, role: "status" },
  info: { styles: "bg-sky-50 text-sky-900 ring-sky-200", Icon: Info, role: "note" },
} as const;

/** The form-level message: an error summary, a confirmation, or why something cannot be done. */
export function FormAlert({ tone, children }: { tone: keyof typeof TONES; children: React.ReactNode }) {
  const { styles, Icon, role } = TONES[tone];
  return (
    <div role={role} className={`flex items-start gap-2 rounded-md p-3 text-sm ring-1 ${styles}`}>
      <Icon className="mt-0.5 size-4 shrink-0" aria-hidden />
      <div>{children}</div>
    </div>
  );
}
