// "Which file do I have?": where each product puts its export, and what we
// read of it. The formats listed are the ones header-map.json recognises.

const SOURCES: [string, string][] = [
  ["Google Contacts", "contacts.google.com → Export → Google CSV. Labels become lists; the mobile number is the one kept."],
  ["iPhone, iCloud, Android", "Share or export the contacts as a vCard (.vcf) file: one file with every card."],
  ["Outlook", "File → Open & Export → Import/Export → Export to a file → Comma Separated Values."],
  ["HubSpot, Salesforce, Zoho, Pipedrive", "Export the contacts (or a contacts report) as CSV or .xlsx."],
  ["Mailchimp", "Audience → All contacts → Export audience. Tags become lists."],
  ["Excel or another spreadsheet", "Save as .xlsx or “CSV UTF-8”. Headers in English, German, French, Spanish, Portuguese, Italian or Dutch map themselves, or start from the template."],
];

export function WhichFile() {
  return (
    <details className="rounded-md bg-slate-50 px-3 py-2 text-sm text-slate-700">
      <summary className="cursor-pointer font-medium text-slate-900">Which file do I have?</summary>
      <dl className="mt-2 space-y-2">
        {SOURCES.map(([source, how]) => (
          <div key={source}>
            <dt className="font-medium text-slate-900">{source}</dt>
            <dd>{how}</dd>
          </div>
        ))}
      </dl>
      <p className="mt-2 text-slate-600">These are recognised and mapped for you; you can change any column before anything is imported.</p>
    </details>
  );
}
