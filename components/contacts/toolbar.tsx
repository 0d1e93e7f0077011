import Link from "next/link";
import { Search, X } from "lucide-react";
import { buttonClass } from "@/components/ui/button";
import { CleanGetForm } from "@/components/ui/clean-get-form";
import { filterChips, filterLabel, isFiltered, type FilterKey } from "@/lib/contacts/filters";
import { contactQueryString, PAGE_SIZES, SORT_LABELS, SORTS, type ContactQuery } from "@/lib/contacts/query";
import { CHANNEL_LABELS, CONSENT_STATE_LABELS, CONTACT_SOURCE_LABELS, CONTACT_STATUS_LABELS, labelOptions } from "@/lib/enum-labels";

const SELECT = "h-9 rounded-md border-0 bg-white py-1.5 pr-8 pl-2 text-sm ring-1 ring-slate-300 ring-inset focus:ring-2 focus:ring-brand-600";
const LABEL = "block text-xs font-medium text-slate-600";

type AttributeFilterDef = { key: string; label: string; type: "text" | "number" | "date" | "dropdown" | "boolean"; options: string[] };

type Props = {
  query: ContactQuery;
  basePath: string;
  lists: { id: string; name: string }[];
  attributes: AttributeFilterDef[];
  columnsButton: React.ReactNode;
};

/**
 * Search, filters, sort and page size as one GET form: submitting it writes
 * them to the URL (page back to 1), so views are shareable and Back works.
 */
export function ContactsToolbar({ query, basePath, lists, attributes, columnsButton }: Props) {
  // The search has its own box; with no lists to choose from (a list's own page), the list is fixed.
  const ignored: FilterKey[] = lists.length > 0 ? ["q"] : ["q", "listId"];
  const filtered = isFiltered(query, ignored);
  const chips = filterChips(query, { lists, attributes }, ignored);
  return (
    <CleanGetForm action={basePath} className="mb-4 space-y-3 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200" role="search">
      <div className="flex flex-wrap items-end gap-3">
        <div className="min-w-64 flex-1">
          <label htmlFor="contacts-q" className={LABEL}>
            {filterLabel("q")}
          </label>
          <div className="relative mt-1">
            <Search className="pointer-events-none absolute top-2.5 left-2.5 size-4 text-slate-400" aria-hidden />
            <input
              id="contacts-q"
              name="q"
              type="search"
              defaultValue={query.q}
              placeholder="Name, phone, company or email"
              className="block h-9 w-full rounded-md border-0 py-2 pr-3 pl-8 text-sm ring-1 ring-slate-300 ring-inset placeholder:text-slate-400 focus:ring-2 focus:ring-brand-600"
            />
          </div>
        </div>
        <div>
          <label htmlFor="contacts-sort" className={LABEL}>Sort by</label>
          <select id="contacts-sort" name="sort" defaultValue={query.sort} className={`mt-1 ${SELECT}`}>
            {SORTS.map((s) => (
              <option key={s} value={s}>{SORT_LABELS[s]}</option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="contacts-size" className={LABEL}>Per page</label>
          <select id="contacts-size" name="size" defaultValue={String(query.size)} className={`mt-1 ${SELECT}`}>
            {PAGE_SIZES.map((s) => (
              <option key={s} value={s}>{s}</option>
            ))}
          </select>
        </div>
        <button type="submit" className={buttonClass("primary")}>Search</button>
        {(query.q || filtered) && (
          <Link href={basePath} className={buttonClass("ghost")}>Clear</Link>
        )}
        <div className="ml-auto">{columnsButton}</div>
      </div>
      {chips.length > 0 && (
        <ul aria-label="Active filters" className="flex flex-wrap gap-2">
          {chips.map((chip) => (
            <li key={chip.id}>
              <Link
                href={`${basePath}${contactQueryString(query, { ...chip.without, page: 1 })}`}
                className="inline-flex items-center gap-1 rounded-full bg-brand-50 px-2.5 py-1 text-xs font-medium text-brand-700 ring-1 ring-brand-100 ring-inset hover:bg-brand-100"
              >
                <span className="sr-only">Remove filter </span>
                {chip.label}
                <X className="size-3" aria-hidden />
              </Link>
            </li>
          ))}
        </ul>
      )}
      <details open={filtered} className="group">
        <summary className="cursor-pointer text-sm font-medium text-slate-600 select-none">Filters</summary>
        <div className="mt-3 flex flex-wrap items-end gap-3">
          <div>
            <label htmlFor="filter-status" className={LABEL}>{filterLabel("status")}</label>
            <select id="filter-status" name="status" defaultValue={query.status ?? ""} className={`mt-1 ${SELECT}`}>
              <option value="">Any</option>
              <Options labels={CONTACT_STATUS_LABELS} />
            </select>
          </div>
          <div>
            <label htmlFor="filter-source" className={LABEL}>{filterLabel("source")}</label>
            <select id="filter-source" name="source" defaultValue={query.source ?? ""} className={`mt-1 ${SELECT}`}>
              <option value="">Any</option>
              <Options labels={CONTACT_SOURCE_LABELS} />
            </select>
          </div>
          <div>
            <label htmlFor="filter-country" className={LABEL}>{filterLabel("country")}</label>
            <input
              id="filter-country"
              name="country"
              defaultValue={query.country ?? ""}
              placeholder="e.g. GB"
              maxLength={2}
              title="Two-letter country code"
              className={`mt-1 w-24 ${SELECT} pr-2 uppercase`}
            />
          </div>
          <div>
            <label htmlFor="filter-from" className={LABEL}>{filterLabel("activityFrom")}</label>
            <input id="filter-from" name="from" type="date" defaultValue={query.activityFrom} className={`mt-1 ${SELECT} pr-2`} />
          </div>
          <div>
            <label htmlFor="filter-to" className={LABEL}>to</label>
            <input id="filter-to" name="to" type="date" defaultValue={query.activityTo} className={`mt-1 ${SELECT} pr-2`} />
          </div>
          {lists.length > 0 && (
            <div>
              <label htmlFor="filter-list" className={LABEL}>{filterLabel("listId")}</label>
              <select id="filter-list" name="list" defaultValue={query.listId ?? ""} className={`mt-1 max-w-48 ${SELECT}`}>
                <option value="">Any</option>
                {lists.map((l) => (
                  <option key={l.id} value={l.id}>{l.name}</option>
                ))}
              </select>
            </div>
          )}
          {(["sms", "whatsapp", "email"] as const).map((channel) => (
            <div key={channel}>
              <label htmlFor={`filter-consent-${channel}`} className={LABEL}>{CHANNEL_LABELS[channel]} consent</label>
              <select id={`filter-consent-${channel}`} name={`consent.${channel}`} defaultValue={query.consent[channel] ?? ""} className={`mt-1 ${SELECT}`}>
                <option value="">Any</option>
                <Options labels={CONSENT_STATE_LABELS} only={["subscribed", "unsubscribed", "not_subscribed"]} />
              </select>
            </div>
          ))}
          {attributes.map((def) => (
            <AttributeFilter key={def.key} def={def} values={query.attributes} />
          ))}
          <label className="flex items-center gap-2 pb-1.5 text-sm text-slate-700">
            <input type="checkbox" name="favorites" value="1" defaultChecked={query.favorites} className="size-4 accent-brand-600" />
            {filterLabel("favorites")}
          </label>
        </div>
      </details>
    </CleanGetForm>
  );
}

function Options<T extends string>({ labels, only }: { labels: Record<T, string>; only?: readonly T[] }) {
  return labelOptions(labels, only).map((o) => <option key={o.value} value={o.value}>{o.label}</option>);
}

/** One custom attribute's filter control(s), named `a.<key>` (or `.min`/`.max`, `.from`/`.to`) in the URL. */
function AttributeFilter({ def, values }: { def: AttributeFilterDef; values: Record<string, string> }) {
  const id = `filter-attr-${def.key}`;
  if (def.type === "number" || def.type === "date") {
    const [low, high] = def.type === "number" ? ["min", "max"] : ["from", "to"];
    const inputType = def.type === "number" ? "number" : "date";
    // A date input needs room for mm/dd/yyyy and its calendar button (w-32 cut the year off).
    const width = def.type === "number" ? "w-32" : "w-44";
    return (
      <fieldset className="flex items-end gap-1">
        <legend className={LABEL}>{def.label}</legend>
        <input aria-label={`${def.label} ${low}`} name={`a.${def.key}.${low}`} type={inputType} step="any" defaultValue={values[`${def.key}.${low}`]} className={`mt-1 ${width} ${SELECT} pr-2`} />
        <span className="pb-1.5 text-xs text-slate-500">–</span>
        <input aria-label={`${def.label} ${high}`} name={`a.${def.key}.${high}`} type={inputType} step="any" defaultValue={values[`${def.key}.${high}`]} className={`${width} ${SELECT} pr-2`} />
      </fieldset>
    );
  }
  if (def.type === "dropdown" || def.type === "boolean") {
    const options = def.type === "boolean" ? [{ v: "yes", l: "Yes" }, { v: "no", l: "No" }] : def.options.map((o) => ({ v: o, l: o }));
    return (
      <div>
        <label htmlFor={id} className={LABEL}>{def.label}</label>
        <select id={id} name={`a.${def.key}`} defaultValue={values[def.key] ?? ""} className={`mt-1 max-w-48 ${SELECT}`}>
          <option value="">Any</option>
          {options.map((o) => (
            <option key={o.v} value={o.v}>{o.l}</option>
          ))}
        </select>
      </div>
    );
  }
  return (
    <div>
      <label htmlFor={id} className={LABEL}>{def.label} contains</label>
      <input id={id} name={`a.${def.key}`} defaultValue={values[def.key]} className={`mt-1 w-40 ${SELECT} pr-2`} />
    </div>
  );
}
