"use client";

import { AlertDialog } from "radix-ui";
import { useRef } from "react";
import { Button, buttonClass } from "./button";

type ConfirmDialogProps = {
  /** The button that opens it; leave out to control it with `open`. */
  trigger?: React.ReactNode;
  open?: boolean;
  onOpenChange?: (open: boolean) => void;
  title: string;
  description: React.ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  pending?: boolean;
  /** Where focus goes on close when the element that had it at opening is gone (re-rendered rows). */
  returnFocus?: () => HTMLElement | null | undefined;
};

/**
 * A destructive action behind an explicit confirmation (Radix traps focus and
 * handles Escape). Radix gives focus back to its Trigger on close; a dialog
 * opened by `open` has none, so it gives focus back to whatever had it when
 * the dialog opened (a table row's own Delete button, say), if still there,
 * else to `returnFocus()`.
 */
export function ConfirmDialog({ trigger, open, onOpenChange, title, description, confirmLabel, onConfirm, pending, returnFocus }: ConfirmDialogProps) {
  const opener = useRef<HTMLElement | null>(null);
  return (
    <AlertDialog.Root open={open} onOpenChange={onOpenChange}>
      {trigger && <AlertDialog.Trigger asChild>{trigger}</AlertDialog.Trigger>}
      <AlertDialog.Portal>
        <AlertDialog.Overlay className="fixed inset-0 z-40 bg-slate-900/40" />
        <AlertDialog.Content
          onOpenAutoFocus={() => {
            const active = document.activeElement;
            opener.current = active instanceof HTMLElement && active !== document.body ? active : null;
          }}
          onCloseAutoFocus={(event) => {
            if (trigger) return;
            event.preventDefault();
            (opener.current?.isConnected ? opener.current : returnFocus?.())?.focus();
            opener.current = null;
          }}
          className="fixed top-1/2 left-1/2 z-50 w-[min(28rem,calc(100vw-2rem))] -translate-x-1/2 -translate-y-1/2 rounded-lg bg-white p-6 shadow-xl">
          <AlertDialog.Title className="text-lg font-semibold text-slate-900">{title}</AlertDialog.Title>
          <AlertDialog.Description className="mt-2 text-sm text-slate-600">{description}</AlertDialog.Description>
          <div className="mt-6 flex justify-end gap-2">
            <AlertDialog.Cancel className={buttonClass("secondary")}>Cancel</AlertDialog.Cancel>
            <AlertDialog.Action asChild>
              <Button variant="danger" onClick={onConfirm} disabled={pending}>
                {confirmLabel}
              </Button>
            </AlertDialog.Action>
          </div>
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}
