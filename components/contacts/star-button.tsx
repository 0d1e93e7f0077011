"use client";

import { Star } from "lucide-react";
import { useOptimistic, useTransition } from "react";
import { toast } from "sonner";
import { starContacts } from "@/app/(app)/contacts/actions";

/** Toggles the current user's star on one contact, optimistically. */
export function StarButton({ contactId, name, starred }: { contactId: string; name: string; starred: boolean }) {
  const [optimistic, setOptimistic] = useOptimistic(starred);
  const [, startTransition] = useTransition();
  function toggle() {
    startTransition(async () => {
      setOptimistic(!optimistic);
      const result = await starContacts([contactId], !optimistic);
      if (!result.ok) toast.error(result.message);
    });
  }
  return (
    <button
      type="button"
      onClick={toggle}
      aria-pressed={optimistic}
      aria-label={optimistic ? `Unstar ${name}` : `Star ${name}`}
      title={optimistic ? "Remove from favorites" : "Add to favorites"}
      className="rounded p-1 text-slate-400 hover:bg-slate-100 hover:text-amber-500 focus-visible:outline-2 focus-visible:outline-brand-600"
    >
      <Star className={`size-4 ${optimistic ? "fill-amber-400 text-amber-500" : ""}`} aria-hidden />
    </button>
  );
}
