"use client";

import { Menu, X } from "lucide-react";
import { useEffect, useState } from "react";
import { NavLinks } from "./nav-links";
import { SignOutButton } from "./sign-out-button";

/**
 * The header's navigation on a phone: one Menu button that opens the links,
 * the signed-in user and Sign out as a panel under the header (at 390 px the
 * full header wrapped to three lines). Closes when a link in it is followed
 * and on Escape.
 */
export function MobileMenu({ links, userName, roleLabel }: { links: { href: string; label: string }[]; userName: string; roleLabel: string }) {
  const [open, setOpen] = useState(false);
  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => event.key === "Escape" && setOpen(false);
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [open]);
  return (
    <div>
      <button
        type="button"
        aria-expanded={open}
        aria-controls="mobile-menu"
        onClick={() => setOpen(!open)}
        className="rounded-md p-2 text-slate-700 ring-1 ring-slate-300 ring-inset hover:bg-slate-50"
      >
        {open ? <X className="size-5" aria-hidden /> : <Menu className="size-5" aria-hidden />}
        <span className="sr-only">{open ? "Close menu" : "Menu"}</span>
      </button>
      {open && (
        <div
          id="mobile-menu"
          className="absolute inset-x-0 top-full z-30 space-y-3 border-b border-slate-200 bg-white px-4 pt-2 pb-4 shadow-md"
          onClick={(event) => (event.target as Element).closest("a") && setOpen(false)}
        >
          <NavLinks links={links} vertical />
          <div className="flex items-center justify-between border-t border-slate-100 pt-3">
            <div className="text-sm leading-tight">
              <div className="font-medium text-slate-900">{userName}</div>
              <div className="text-xs text-slate-500">{roleLabel}</div>
            </div>
            <SignOutButton />
          </div>
        </div>
      )}
    </div>
  );
}
