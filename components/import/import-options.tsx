"use client";

import { Card } from "@/components/ui/card";
import { CHANNEL_LABELS, CONSENT_STATE_LABELS } from "@/lib/enum-labels";

type Consent = "" | "subscribed" | "unsubscribed";
export type OptionsState = {
  listIds: string[];
  timezone: string;
  defaultConsent: { sms: Consent; whatsapp: Consent; email: Consent };
  duplicates: "skip" | "update";
  missing: "keep" | "clear";
  replaceInvalid: boolean;
  removeMissing: boolean;
  removeConfirm: string;
};

type Props = {
  options: OptionsState;
  onChange: (next: OptionsState) => void;
  lists: { id: string; name: string }[];
  workspaceName: string;
  disabled: boolean;
  errors: Record<string, string>;
};

const SELECT = "mt-1 rounded-md border-0 py-1.5 pr-8 pl-2 text-sm ring-1 ring-slate-300 ring-inset";

/** Step 3: every option of SPEC §4. */
export function ImportOptionsPanel({ options, onChange, lists, workspaceName, disabled, errors }: Props) {
  const set = (patch: Partial<OptionsState>) => onChange({ ...options, ...patch });
  return (
    <Card title="Step 3 · Options">
      <fieldset disabled={disabled} className="space-y-6">
        <div>
          <p className="text-sm font-medium text-slate-700">Duplicates (matched by phone, email or external ID)</p>
          <div className="mt-2 space-y-2 text-sm">
            <label className="flex items-start gap-2">
              <input type="radio" name="duplicates" checked={options.duplicates === "skip"} onChange={() => set({ duplicates: "skip" })} className="mt-0.5 accent-brand-600" />
              <span>Skip them: existing contacts are never changed <span className="text-slate-500">(recommended)</span></span>
            </label>
            <label className="flex items-start gap-2">
              <input type="radio" name="duplicates" checked={options.duplicates === "update"} onChange={() => set({ duplicates: "update" })} className="mt-0.5 accent-brand-600" />
              <span>Update existing contacts with the file&apos;s values</span>
            </label>
            {options.duplicates === "update" && (
              <div className="ml-6">
                <label htmlFor="missing" className="block text-xs font-medium text-slate-600">Empty cells</label>
                <select id="missing" value={options.missing} onChange={(e) => set({ missing: e.target.value as OptionsState["missing"] })} className={SELECT}>
                  <option value="keep">Keep the current value</option>
                  <option value="clear">Clear the current value</option>
                </select>
              </div>
            )}
          </div>
        </div>
        <div className="grid gap-4 sm:grid-cols-2">
          <ListChoice lists={lists} chosen={options.listIds} onChange={(listIds) => set({ listIds })} />
          <div>
            <label htmlFor="import-timezone" className="block text-sm font-medium text-slate-700">Time zone for all rows</label>
            <input id="import-timezone" value={options.timezone} onChange={(e) => set({ timezone: e.target.value })} placeholder="America/New_York" className="mt-1 block w-full rounded-md border-0 px-3 py-1.5 text-sm ring-1 ring-slate-300 ring-inset" aria-describedby={errors.timezone ? "timezone-error" : undefined} />
            {errors.timezone && <p id="timezone-error" role="alert" className="mt-1 text-sm text-red-600">{errors.timezone}</p>}
            <p className="mt-1 text-xs text-slate-500">Used where the file has no time zone column.</p>
          </div>
        </div>
        <div>
          <p className="text-sm font-medium text-slate-700">Default consent for rows without a consent value</p>
          <div className="mt-1 flex flex-wrap gap-4">
            {(["sms", "whatsapp", "email"] as const).map((channel) => (
              <div key={channel}>
                <label htmlFor={`consent-${channel}`} className="block text-xs font-medium text-slate-600">{CHANNEL_LABELS[channel]}</label>
                <select
                  id={`consent-${channel}`}
                  value={options.defaultConsent[channel]}
                  onChange={(e) => set({ defaultConsent: { ...options.defaultConsent, [channel]: e.target.value as Consent } })}
                  className={SELECT}
                >
                  <option value="">{CONSENT_STATE_LABELS.not_subscribed}</option>
                  <option value="subscribed">{CONSENT_STATE_LABELS.subscribed}</option>
                  <option value="unsubscribed">{CONSENT_STATE_LABELS.unsubscribed}</option>
                </select>
              </div>
            ))}
          </div>
        </div>
        <label className="flex items-start gap-2 text-sm">
          <input type="checkbox" checked={options.replaceInvalid} onChange={(e) => set({ replaceInvalid: e.target.checked })} className="mt-0.5 size-4 accent-brand-600" />
          <span>Replace invalid values with empty instead of rejecting the row <span className="text-slate-500">(a row still needs a name and a phone or email)</span></span>
        </label>
        <div className="rounded-md border border-red-200 bg-red-50/50 p-4">
          <label className="flex items-start gap-2 text-sm">
            <input type="checkbox" checked={options.removeMissing} onChange={(e) => set({ removeMissing: e.target.checked })} className="mt-0.5 size-4 accent-red-600" />
            <span><strong>Remove contacts that are not in the file.</strong> The preview shows how many; they are deleted permanently.</span>
          </label>
          {options.removeMissing && (
            <div className="mt-3 ml-6">
              <label htmlFor="remove-confirm" className="block text-xs font-medium text-slate-700">Type the workspace name, {workspaceName}, to confirm</label>
              <input id="remove-confirm" value={options.removeConfirm} onChange={(e) => set({ removeConfirm: e.target.value })} className="mt-1 rounded-md border-0 px-3 py-1.5 text-sm ring-1 ring-slate-300 ring-inset" aria-describedby={errors.removeConfirm ? "remove-confirm-error" : undefined} />
              {errors.removeConfirm && <p id="remove-confirm-error" role="alert" className="mt-1 text-sm text-red-600">{errors.removeConfirm}</p>}
            </div>
          )}
        </div>
      </fieldset>
    </Card>
  );
}

/**
 * "Add every row to lists" as checkboxes in a group (a native multi-select
 * showed an empty box when there were no lists and needs Ctrl-click to pick
 * two), with an empty state that says how lists come to exist.
 */
function ListChoice({ lists, chosen, onChange }: { lists: { id: string; name: string }[]; chosen: string[]; onChange: (ids: string[]) => void }) {
  const toggle = (id: string, on: boolean) => onChange(on ? [...chosen, id] : chosen.filter((c) => c !== id));
  return (
    <fieldset>
      <legend className="block text-sm font-medium text-slate-700">Add every row to lists</legend>
      {lists.length === 0 ? (
        <p className="mt-1 rounded-md border border-dashed border-slate-300 px-3 py-3 text-sm text-slate-500" data-testid="import-lists-empty">
          No lists yet — a “Lists” column in the file creates them.
        </p>
      ) : (
        <div className="mt-1 max-h-40 space-y-1 overflow-y-auto rounded-md px-3 py-2 ring-1 ring-slate-300 ring-inset" data-testid="import-lists">
          {lists.map((l) => (
            <label key={l.id} className="flex items-center gap-2 text-sm text-slate-800">
              <input type="checkbox" checked={chosen.includes(l.id)} onChange={(e) => toggle(l.id, e.target.checked)} className="size-4 accent-brand-600" />
              <span className="truncate">{l.name}</span>
            </label>
          ))}
        </div>
      )}
      <p className="mt-1 text-xs text-slate-500">A “Lists” column with names separated by | also works; missing lists are created.</p>
    </fieldset>
  );
}
