import { ShieldX } from "lucide-react";

/** Shown in place of a page the signed-in role may not use. */
export function NotAllowed({ message }: { message: string }) {
  return (
    <div className="mx-auto max-w-lg rounded-lg bg-white p-8 text-center shadow-sm ring-1 ring-slate-200">
      <ShieldX className="mx-auto size-10 text-slate-400" aria-hidden />
      <h1 className="mt-4 text-lg font-semibold">Not allowed</h1>
      <p className="mt-2 text-sm text-slate-600">{message}</p>
      <p className="mt-1 text-sm text-slate-600">Ask an administrator of your workspace if you need access.</p>
    </div>
  );
}
