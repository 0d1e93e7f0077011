"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

export function SettingsTabs({ sections }: { sections: { href: string; label: string }[] }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Settings" className="flex gap-1 md:flex-col">
      <h2 className="mb-2 hidden px-3 text-xs font-semibold tracking-wide text-slate-500 uppercase md:block">Settings</h2>
      {sections.map((section) => {
        const active = pathname.startsWith(section.href);
        return (
          <Link
            key={section.href}
            href={section.href}
            aria-current={active ? "page" : undefined}
            className={`rounded-md px-3 py-2 text-sm font-medium ${active ? "bg-white text-brand-700 shadow-sm ring-1 ring-slate-200" : "text-slate-600 hover:bg-slate-100"}`}
          >
            {section.label}
          </Link>
        );
      })}
    </nav>
  );
}
