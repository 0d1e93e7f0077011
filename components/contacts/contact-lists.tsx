"use client";

import Link from "next/link";
import { X } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { toast } from "sonner";
import { changeListMembership } from "@/app/(app)/contacts/actions";
import { Button } from "@/components/ui/button";

type ListRef = { id: string; name: string };

/** The contact's lists as chips; editors add and remove memberships here. */
export function ContactLists({ contactId, memberOf, allLists, canEdit }: { contactId: string; memberOf: ListRef[]; allLists: ListRef[]; canEdit: boolean }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [choice, setChoice] = useState("");
  const available = allLists.filter((l) => !memberOf.some((m) => m.id === l.id));

  function change(list: ListRef, mode: "add" | "remove") {
    startTransition(async () => {
      const result = await changeListMembership(list.id, [contactId], mode);
      if (result.ok) {
        toast.success(mode === "add" ? `Added to ${list.name}.` : `Removed from ${list.name}.`);
        setChoice("");
        router.refresh();
      } else toast.error(result.message);
    });
  }

  return (
    <div className="space-y-3">
      {memberOf.length === 0 ? (
        <p className="text-sm text-slate-500">In no list.</p>
      ) : (
        <ul className="flex flex-wrap gap-2" aria-label="Lists this contact is in">
          {memberOf.map((list) => (
            <li key={list.id} className="flex items-center gap-1 rounded-full bg-brand-50 py-1 pr-1 pl-3 text-sm text-brand-700 ring-1 ring-brand-100">
              <Link href={`/lists/${list.id}`} className="hover:underline">{list.name}</Link>
              {canEdit && (
                <button type="button" aria-label={`Remove from ${list.name}`} onClick={() => change(list, "remove")} disabled={pending} className="rounded-full p-0.5 hover:bg-brand-100">
                  <X className="size-3.5" aria-hidden />
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {canEdit && available.length > 0 && (
        <div className="flex gap-2">
          <label htmlFor="add-to-list" className="sr-only">Add to list</label>
          <select id="add-to-list" value={choice} onChange={(e) => setChoice(e.target.value)} className="min-w-0 flex-1 rounded-md border-0 py-1.5 pr-8 pl-2 text-sm ring-1 ring-slate-300 ring-inset">
            <option value="">Add to list…</option>
            {available.map((l) => (
              <option key={l.id} value={l.id}>{l.name}</option>
            ))}
          </select>
          <Button
            variant="secondary"
            disabled={pending || !choice}
            onClick={() => {
              const list = available.find((l) => l.id === choice);
              if (list) change(list, "add");
            }}
          >
            Add
          </Button>
        </div>
      )}
    </div>
  );
}
