"use client";

import { Search, Star } from "lucide-react";
import { Dialog } from "radix-ui";
import { useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { CHANNEL_LABELS } from "@/lib/enum-labels";

type Channel = "sms" | "whatsapp" | "email";

export type PickedContact = {
  id: string;
  name: string;
  company: string | null;
  phone: string;
  phoneE164: string | null;
  email: string | null;
  preferredChannel: "sms" | "whatsapp" | "email" | null;
  status: string;
  starred: boolean;
  unsubscribed: Channel[];
  allowedChannels: Channel[];
};

/**
 * "Select from Contacts": server-side search as you type (debounced), the
 * user's favorites first; arrows move, Enter picks, Esc closes.
 */
export function ContactPicker({ onPick }: { onPick: (contact: PickedContact) => void }) {
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState("");
  const [results, setResults] = useState<PickedContact[]>([]);
  const [active, setActive] = useState(0);
  const [loading, setLoading] = useState(false);
  const listRef = useRef<HTMLUListElement>(null);

  useEffect(() => {
    if (!open) return;
    const controller = new AbortController();
    const timer = setTimeout(async () => {
      setLoading(true);
      try {
        const response = await fetch(`/api/contacts/search?q=${encodeURIComponent(query)}&limit=20`, { signal: controller.signal });
        if (response.ok) {
          setResults(((await response.json()) as { contacts: PickedContact[] }).contacts);
          setActive(0);
        }
      } catch {
        // aborted by the next keystroke
      } finally {
        setLoading(false);
      }
    }, 200);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [query, open]);

  useEffect(() => {
    listRef.current?.querySelector(`[data-index="${active}"]`)?.scrollIntoView({ block: "nearest" });
  }, [active]);

  function pick(contact: PickedContact | undefined) {
    if (!contact) return;
    onPick(contact);
    setOpen(false);
  }

  function onKeyDown(event: React.KeyboardEvent) {
    if (event.key === "ArrowDown") {
      event.preventDefault();
      setActive((i) => Math.min(i + 1, results.length - 1));
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      setActive((i) => Math.max(i - 1, 0));
    } else if (event.key === "Enter") {
      event.preventDefault();
      pick(results[active]);
    }
  }

  return (
    <Dialog.Root open={open} onOpenChange={(next) => { setOpen(next); if (next) setQuery(""); }}>
      <Dialog.Trigger asChild>
        <Button variant="secondary">Select from Contacts</Button>
      </Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-slate-900/40" />
        <Dialog.Content
          className="fixed top-[10vh] left-1/2 z-50 flex max-h-[75vh] w-[min(34rem,calc(100vw-2rem))] -translate-x-1/2 flex-col rounded-lg bg-white shadow-xl"
          onKeyDown={onKeyDown}
        >
          <Dialog.Title className="px-5 pt-5 text-lg font-semibold text-slate-900">Select from Contacts</Dialog.Title>
          <Dialog.Description className="px-5 text-sm text-slate-500">Favorites first. Use ↑ ↓ and Enter.</Dialog.Description>
          <div className="relative px-5 pt-3">
            <Search className="pointer-events-none absolute top-5.5 left-7.5 size-4 text-slate-400" aria-hidden />
            <input
              autoFocus
              role="combobox"
              aria-expanded="true"
              aria-controls="picker-results"
              aria-activedescendant={results[active] ? `picker-${results[active].id}` : undefined}
              aria-label="Search contacts"
              value={query}
              onChange={(e) => setQuery(e.target.value)}
              placeholder="Name, phone, company or email"
              className="block w-full rounded-md border-0 py-2 pr-3 pl-8 text-sm ring-1 ring-slate-300 ring-inset focus:ring-2 focus:ring-brand-600"
            />
          </div>
          {/* Outside the listbox: a listbox may only hold options. */}
          {results.length === 0 && !loading && <p className="mt-3 border-t border-slate-100 px-5 py-6 text-center text-sm text-slate-500">No contacts match.</p>}
          <ul id="picker-results" ref={listRef} role="listbox" aria-label="Contacts" className={`mt-3 min-h-0 flex-1 overflow-y-auto border-t border-slate-100 pb-2 ${results.length === 0 ? "hidden" : ""}`}>
            {results.map((c, index) => (
              <li
                key={c.id}
                id={`picker-${c.id}`}
                data-index={index}
                role="option"
                aria-selected={index === active}
                onMouseEnter={() => setActive(index)}
                onClick={() => pick(c)}
                className={`flex cursor-pointer items-center gap-3 px-5 py-2.5 ${index === active ? "bg-brand-50" : ""}`}
              >
                {c.starred ? <Star className="size-4 shrink-0 fill-amber-400 text-amber-500" aria-label="Favorite" /> : <span className="size-4 shrink-0" />}
                <div className="min-w-0 flex-1">
                  <p className="truncate text-sm font-medium text-slate-900">
                    {c.name}
                    {c.status === "blocked" && <span className="ml-2 text-xs font-normal text-red-700">Blocked</span>}
                    {c.status !== "blocked" && c.unsubscribed.length > 0 && (
                      <span className="ml-2 text-xs font-normal text-amber-800" data-testid="picker-unsubscribed">
                        Unsubscribed: {c.unsubscribed.map((ch) => CHANNEL_LABELS[ch]).join(", ")}
                      </span>
                    )}
                  </p>
                  <p className="truncate text-xs text-slate-600">{[c.phone, c.email, c.company].filter(Boolean).join(" · ")}</p>
                </div>
              </li>
            ))}
          </ul>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
