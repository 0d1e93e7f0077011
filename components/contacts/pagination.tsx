import Link from "next/link";
import { contactQueryString, type ContactQuery } from "@/lib/contacts/query";
import { formatApproximate, formatCount } from "./format";

/** Page numbers around the current one, plus first and last: 1 … 4 5 [6] 7 8 … 20. */
function pageWindow(page: number, pages: number): (number | "gap")[] {
  const wanted = new Set([1, pages, page - 2, page - 1, page, page + 1, page + 2].filter((p) => p >= 1 && p <= pages));
  const sorted = [...wanted].sort((a, b) => a - b);
  const out: (number | "gap")[] = [];
  for (const p of sorted) {
    const last = out[out.length - 1];
    if (typeof last === "number" && p - last > 1) out.push("gap");
    out.push(p);
  }
  return out;
}

type Props = { basePath: string; query: ContactQuery; page: number; pages: number; total: number; totalExact: boolean; shown: number };

export function Pagination({ basePath, query, page, pages, total, totalExact, shown }: Props) {
  const first = shown === 0 ? 0 : (page - 1) * query.size + 1;
  const href = (p: number) => `${basePath}${contactQueryString(query, { page: p })}`;
  const link = "rounded-md px-3 py-1.5 text-sm ring-1 ring-inset ring-slate-300 bg-white hover:bg-slate-50";
  return (
    <nav aria-label="Pagination" className="mt-4 flex flex-wrap items-center justify-between gap-3 text-sm text-slate-600">
      <p data-testid="contacts-total">
        {shown === 0
          ? "No contacts match."
          : totalExact && total === 1
            ? "1 contact"
            : `${formatCount(first)}–${formatCount(first + shown - 1)} of ${totalExact ? formatCount(total) : formatApproximate(total)} contacts`}
      </p>
      {pages > 1 && (
        <ul className="flex flex-wrap items-center gap-1">
          {page > 1 && (
            <li><Link className={link} href={href(page - 1)} rel="prev">Previous</Link></li>
          )}
          {pageWindow(page, pages).map((p, i) =>
            p === "gap" ? (
              <li key={`gap-${i}`} className="px-1 text-slate-400" aria-hidden>…</li>
            ) : (
              <li key={p}>
                <Link
                  className={p === page ? "rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white" : link}
                  href={href(p)}
                  aria-current={p === page ? "page" : undefined}
                  aria-label={`Page ${p}`}
                >
                  {formatCount(p)}
                </Link>
              </li>
            ),
          )}
          {page < pages && (
            <li><Link className={link} href={href(page + 1)} rel="next">Next</Link></li>
          )}
        </ul>
      )}
    </nav>
  );
}
