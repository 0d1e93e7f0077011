"use client";

import { useOptimistic, useTransition } from "react";
import { toast } from "sonner";
import { starContacts } from "@/app/(app)/contacts/actions";
import { SpriteIcon } from "@/components/ui/sprite-icon";
import { starLabels } from "./row-html";

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
  const labels = starLabels(optimistic, name);
  return (
    <button type="button" onClick={toggle} aria-pressed={optimistic} aria-label={labels.label} title={labels.title} className="sb-star">
      <SpriteIcon name="star" />
    </button>
  );
}
