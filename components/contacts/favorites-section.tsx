import Link from "next/link";
import type { ContactRow } from "@/lib/contacts/list";
import { SpriteIcon } from "@/components/ui/sprite-icon";
import { StarButton } from "./star-button";
import { SoftNav } from "./soft-nav";

/** The current user's starred contacts, collapsible (a native <details>: keyboard and screen readers for free). */
export function FavoritesSection({ favorites, more }: { favorites: ContactRow[]; more: boolean }) {
  return (
    <details open className="mb-6 rounded-lg bg-white shadow-sm ring-1 ring-slate-200">
      <summary className="flex cursor-pointer items-center gap-2 px-4 py-3 text-sm font-semibold text-slate-900 select-none">
        <SpriteIcon name="star" className="size-4 fill-amber-400 text-amber-500" />
        Favorites
        {more && (
          <Link href="/contacts?favorites=1" className="ml-auto text-xs font-normal text-brand-700 hover:underline">
            All favorites
          </Link>
        )}
      </summary>
      {favorites.length === 0 ? (
        <p className="border-t border-slate-100 px-4 py-3 text-sm text-slate-500">Star a contact to keep it here for quick access.</p>
      ) : (
        // Plain links navigated client-side by SoftNav: no <Link> per favorite.
        <SoftNav>
          <ul className="grid border-t border-slate-100 sm:grid-cols-2 lg:grid-cols-3" aria-label="Favorite contacts">
            {favorites.map((c) => (
              <li key={c.id} className="flex items-center gap-2 border-b border-slate-100 px-4 py-2.5">
                <StarButton contactId={c.id} name={c.displayName} starred />
                <div className="min-w-0">
                  <a href={`/contacts/${c.id}`} className="block truncate text-sm font-medium text-slate-900 hover:text-brand-700 hover:underline">
                    {c.displayName}
                  </a>
                  <p className="truncate text-xs text-slate-500">{[c.phone, c.company ?? c.email].filter(Boolean).join(" · ")}</p>
                </div>
              </li>
            ))}
          </ul>
        </SoftNav>
      )}
    </details>
  );
}
