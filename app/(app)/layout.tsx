import Link from "next/link";
import { Radio } from "lucide-react";
import { can, ROLE_LABELS, SETTINGS_PERMISSIONS } from "@/lib/auth/permissions";
import { requireSignedIn } from "@/lib/auth/server-session";
import { MobileMenu } from "@/components/shell/mobile-menu";
import { NavLinks } from "@/components/shell/nav-links";
import { SignOutButton } from "@/components/shell/sign-out-button";
import { IconSprite } from "@/components/ui/sprite-icon";

export const dynamic = "force-dynamic";

export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const { actor } = await requireSignedIn();
  const links = [
    ...(actor.workspace.contactsEnabled && can(actor.role, "contacts.view") ? [{ href: "/contacts", label: "Contacts" }] : []),
    { href: "/sessions", label: "Sessions" },
    ...(SETTINGS_PERMISSIONS.some((p) => can(actor.role, p)) ? [{ href: "/settings", label: "Settings" }] : []),
  ];
  return (
    <div className="min-h-screen">
      <IconSprite />
      {/* The first stop for Tab: past the header to the page itself (shown only when focused). */}
      <a href="#main" className="sr-only rounded-md bg-white px-3 py-2 text-sm font-medium text-brand-700 shadow focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-50">
        Skip to content
      </a>
      <header className="relative border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3 sm:px-6">
          <Link href="/" className="flex items-center gap-2 font-semibold text-slate-900">
            <Radio className="size-5 text-brand-600" aria-hidden />
            Switchboard
            <span className="hidden text-sm font-normal text-slate-500 sm:inline">· {actor.workspace.name}</span>
          </Link>
          <div className="hidden sm:block">
            <NavLinks links={links} />
          </div>
          <div className="ml-auto sm:hidden">
            <MobileMenu links={links} userName={actor.name} roleLabel={ROLE_LABELS[actor.role]} />
          </div>
          <div className="ml-auto hidden items-center gap-3 sm:flex">
            <div className="text-right text-sm leading-tight">
              <div className="font-medium text-slate-900" data-testid="current-user">{actor.name}</div>
              <div className="text-xs text-slate-500" data-testid="current-role">{ROLE_LABELS[actor.role]}</div>
            </div>
            <SignOutButton />
          </div>
        </div>
      </header>
      <main id="main" tabIndex={-1} className="mx-auto max-w-7xl px-4 py-8 outline-none sm:px-6">{children}</main>
    </div>
  );
}
