import { Card } from "@/components/ui/card";
import { CHANNEL_LABELS, CONSENT_STATE_LABELS } from "@/lib/enum-labels";
import type { OptionsState } from "./import-options";

type Props = {
  columns: string[];
  mapping: string[];
  targetLabel: (value: string) => string;
  options: OptionsState;
  lists: { id: string; name: string }[];
};

/** "New number attribute “Loyalty Points”": the attribute an import created is named after its column. */
function importedAs(column: string, target: string, targetLabel: (value: string) => string): string {
  if (!target.startsWith("new:")) return targetLabel(target);
  const type = targetLabel(target).replace(/^New attribute: /, "");
  return `New ${type} attribute “${column}”`;
}

/**
 * What a finished import did, as text: each used column and what it filled,
 * and the options it ran with. Replaces the mapping and option controls once
 * the import has run, which looked editable while they could not change.
 */
export function ImportSettingsSummary({ columns, mapping, targetLabel, options, lists }: Props) {
  const used = columns.map((column, index) => ({ column, target: mapping[index] ?? "" })).filter((c) => c.target !== "");
  const ignored = columns.length - used.length;
  const listNames = options.listIds.map((id) => lists.find((l) => l.id === id)?.name).filter(Boolean);
  const consent = (["sms", "whatsapp", "email"] as const)
    .filter((channel) => options.defaultConsent[channel])
    .map((channel) => `${CHANNEL_LABELS[channel]}: ${CONSENT_STATE_LABELS[options.defaultConsent[channel] as "subscribed" | "unsubscribed"]}`);
  const settings: [string, string][] = [
    ["Duplicates", options.duplicates === "skip" ? "Skipped: existing contacts were not changed" : `Existing contacts updated; empty cells ${options.missing === "keep" ? "kept the current value" : "cleared it"}`],
    ["Every row added to", listNames.length > 0 ? listNames.join(", ") : "No list chosen (a Lists column still adds its own)"],
    ["Time zone for all rows", options.timezone || "None"],
    ["Default consent", consent.length > 0 ? consent.join(" · ") : "Not set: rows without a consent value left it unrecorded"],
    ["Invalid values", options.replaceInvalid ? "Replaced with empty" : "Rejected the row"],
    ["Contacts not in the file", options.removeMissing ? "Removed" : "Kept"],
  ];
  return (
    <Card title="What this import used" description={`${used.length} of ${columns.length} columns imported${ignored > 0 ? `, ${ignored} ignored` : ""}.`}>
      <div className="grid gap-6 md:grid-cols-2">
        <table className="w-full text-sm" data-testid="import-used-mapping">
          <thead className="text-left text-xs font-semibold tracking-wide text-slate-500 uppercase">
            <tr>
              <th scope="col" className="py-1.5 pr-4">Column in file</th>
              <th scope="col" className="py-1.5">Imported as</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {used.map((c, index) => (
              <tr key={`${c.column}-${index}`}>
                <td className="py-1.5 pr-4 font-medium text-slate-900">{c.column}</td>
                <td className="py-1.5 text-slate-700">{importedAs(c.column, c.target, targetLabel)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <dl className="space-y-2 text-sm" data-testid="import-used-options">
          {settings.map(([label, value]) => (
            <div key={label}>
              <dt className="text-xs font-medium text-slate-500">{label}</dt>
              <dd className="text-slate-800">{value}</dd>
            </div>
          ))}
        </dl>
      </div>
    </Card>
  );
}
