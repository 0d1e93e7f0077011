"use client";

import { ArrowDown, ArrowUp, Columns3 } from "lucide-react";
import { Dialog } from "radix-ui";
import { useState, useTransition } from "react";
import { toast } from "sonner";
import { saveColumns } from "@/app/(app)/contacts/actions";
import { Button, buttonClass } from "@/components/ui/button";
import { DEFAULT_COLUMNS } from "@/lib/contacts/columns";

type Column = { id: string; label: string };

/** Pick and order the table's columns; remembered per member and workspace. */
export function ColumnsDialog({ available, chosen }: { available: Column[]; chosen: string[] }) {
  const [open, setOpen] = useState(false);
  const [order, setOrder] = useState<string[]>(chosen);
  const [pending, startTransition] = useTransition();
  const labels = new Map(available.map((c) => [c.id, c.label]));
  const unchosen = available.filter((c) => !order.includes(c.id));

  function move(index: number, delta: number) {
    setOrder((current) => {
      const next = [...current];
      const [item] = next.splice(index, 1);
      next.splice(index + delta, 0, item);
      return next;
    });
  }

  function save() {
    startTransition(async () => {
      const result = await saveColumns(order);
      if (result.ok) {
        toast.success("Columns saved.");
        setOpen(false);
      } else toast.error(result.message);
    });
  }

  return (
    <Dialog.Root open={open} onOpenChange={(next) => { setOpen(next); if (next) setOrder(chosen); }}>
      <Dialog.Trigger asChild>
        <Button variant="secondary">
          <Columns3 className="size-4" aria-hidden /> Columns
        </Button>
      </Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-slate-900/40" />
        <Dialog.Content className="fixed top-1/2 left-1/2 z-50 flex max-h-[85vh] w-[min(28rem,calc(100vw-2rem))] -translate-x-1/2 -translate-y-1/2 flex-col rounded-lg bg-white p-6 shadow-xl">
          <Dialog.Title className="text-lg font-semibold text-slate-900">Columns</Dialog.Title>
          <Dialog.Description className="mt-1 text-sm text-slate-600">Name always comes first. Choose the other columns and their order.</Dialog.Description>
          <div className="mt-4 min-h-0 flex-1 space-y-4 overflow-y-auto">
            <ol className="space-y-1" aria-label="Shown columns, in order">
              {order.map((id, index) => (
                <li key={id} className="flex items-center gap-2 rounded-md bg-slate-50 px-2 py-1.5 text-sm">
                  <input type="checkbox" checked aria-label={`Show ${labels.get(id)}`} onChange={() => setOrder(order.filter((c) => c !== id))} className="size-4 accent-brand-600" />
                  <span className="flex-1">{labels.get(id)}</span>
                  <button type="button" aria-label={`Move ${labels.get(id)} up`} disabled={index === 0} onClick={() => move(index, -1)} className="rounded p-1 text-slate-500 hover:bg-slate-200 disabled:opacity-30">
                    <ArrowUp className="size-4" aria-hidden />
                  </button>
                  <button type="button" aria-label={`Move ${labels.get(id)} down`} disabled={index === order.length - 1} onClick={() => move(index, 1)} className="rounded p-1 text-slate-500 hover:bg-slate-200 disabled:opacity-30">
                    <ArrowDown className="size-4" aria-hidden />
                  </button>
                </li>
              ))}
            </ol>
            {unchosen.length > 0 && (
              <ul className="space-y-1 border-t border-slate-100 pt-3" aria-label="Hidden columns">
                {unchosen.map((c) => (
                  <li key={c.id} className="flex items-center gap-2 px-2 py-1 text-sm text-slate-600">
                    <input type="checkbox" checked={false} aria-label={`Show ${c.label}`} onChange={() => setOrder([...order, c.id])} className="size-4 accent-brand-600" />
                    {c.label}
                  </li>
                ))}
              </ul>
            )}
          </div>
          <div className="mt-6 flex justify-between gap-2">
            <Button variant="ghost" onClick={() => setOrder(DEFAULT_COLUMNS)}>
              Reset to default
            </Button>
            <span className="flex gap-2">
              <Dialog.Close className={buttonClass("secondary")}>Cancel</Dialog.Close>
              <Button onClick={save} disabled={pending}>{pending ? "Saving…" : "Save columns"}</Button>
            </span>
          </div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
