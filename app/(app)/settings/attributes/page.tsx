import type { Metadata } from "next";
import { AttributeRow } from "@/components/attributes/attribute-row";
import { CreateAttributeForm } from "@/components/attributes/create-attribute-form";
import { NotAllowed } from "@/components/ui/not-allowed";
import { PageHeader } from "@/components/ui/page-header";
import { listAttributeDefinitions } from "@/lib/attributes/definitions";
import { requirePermission } from "@/lib/auth/server-session";

export const metadata: Metadata = { title: "Custom attributes" };

export default async function AttributesPage() {
  const access = await requirePermission("attributes.manage");
  if (!access.ok) return <NotAllowed message={access.message} />;
  const defs = await listAttributeDefinitions(access.ctx);
  return (
    <>
      <PageHeader title="Custom attributes" description="Extra fields on every contact: shown in forms, details, columns, filters, search, imports and exports." />
      <div className="space-y-6">
        {defs.length > 0 && (
          <ul className="divide-y divide-slate-100 rounded-lg bg-white shadow-sm ring-1 ring-slate-200" aria-label="Custom attributes">
            {defs.map((def) => (
              <AttributeRow key={`${def.id}-${def.label}-${def.options.join("|")}`} def={{ id: def.id, key: def.key, label: def.label, type: def.type, options: def.options }} />
            ))}
          </ul>
        )}
        <CreateAttributeForm />
      </div>
    </>
  );
}
