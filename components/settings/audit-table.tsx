type Entry = {
  id: string;
  createdAt: string;
  actorLabel: string;
  action: string;
  entityType: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
};

function Json({ value }: { value: unknown }) {
  if (value === null || value === undefined) return <span className="text-slate-500">—</span>;
  return <pre className="max-w-xs overflow-x-auto text-xs whitespace-pre-wrap text-slate-700">{JSON.stringify(value, null, 1)}</pre>;
}

export function AuditTable({ entries }: { entries: Entry[] }) {
  return (
    <div className="relative overflow-x-auto rounded-lg bg-white shadow-sm ring-1 ring-slate-200">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="sr-only">Audit entries, newest first</caption>
        <thead className="bg-slate-50 text-left text-xs font-semibold tracking-wide text-slate-500 uppercase">
          <tr>
            <th scope="col" className="px-4 py-3">When</th>
            <th scope="col" className="px-4 py-3">Who</th>
            <th scope="col" className="px-4 py-3">Action</th>
            <th scope="col" className="px-4 py-3">Before</th>
            <th scope="col" className="px-4 py-3">After</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 align-top">
          {entries.map((e) => (
            <tr key={e.id}>
              <td className="px-4 py-3 whitespace-nowrap text-slate-600">
                {new Date(e.createdAt).toLocaleString("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" })} UTC
              </td>
              <td className="px-4 py-3 text-slate-900">{e.actorLabel}</td>
              <td className="px-4 py-3">
                <code className="rounded bg-slate-100 px-1.5 py-0.5 text-xs">{e.action}</code>
              </td>
              <td className="px-4 py-3"><Json value={e.before} /></td>
              <td className="px-4 py-3"><Json value={e.after} /></td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
