"use client";

import Link, { useLinkStatus } from "next/link";
import { usePathname } from "next/navigation";

/**
 * Shown beside a nav link while the page it leads to loads. The app has no
 * loading.tsx on purpose: a Suspense boundary above the pages starts every
 * response streaming as 200, so notFound() (another workspace's id, a part
 * of the app switched off) could no longer answer 404.
 */
function PendingDot() {
  const { pending } = useLinkStatus();
  return (
    <span
      aria-hidden
      // Placed over the link's right padding, so it takes no room and the label stays centred.
      className={`absolute top-1/2 right-1 size-1.5 -translate-y-1/2 rounded-full bg-current transition-opacity ${pending ? "animate-pulse opacity-100" : "opacity-0"}`}
    />
  );
}

/** The main navigation: a row in the header, or a column in the phone menu. */
export function NavLinks({ links, vertical = false }: { links: { href: string; label: string }[]; vertical?: boolean }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Main" className={vertical ? "flex flex-col gap-1" : "flex items-center gap-1"}>
      {links.map((link) => {
        const active = pathname === link.href || pathname.startsWith(`${link.href}/`);
        return (
          <Link
            key={link.href}
            href={link.href}
            aria-current={active ? "page" : undefined}
            className={`relative rounded-md px-3 py-1.5 text-sm font-medium ${active ? "bg-brand-50 text-brand-700" : "text-slate-600 hover:bg-slate-100 hover:text-slate-900"}`}
          >
            {link.label}
            <PendingDot />
          </Link>
        );
      })}
    </nav>
  );
}
