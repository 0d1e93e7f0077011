import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ImportWizard } from "@/components/import/import-wizard";
import { NotAllowed } from "@/components/ui/not-allowed";
import { PageHeader } from "@/components/ui/page-header";
import { listAttributeDefinitions } from "@/lib/attributes/definitions";
import { isUuid } from "@/lib/auth/actor";
import { requirePermission } from "@/lib/auth/server-session";
import { autoMap, IMPORT_FIELDS } from "@/lib/import/fields";
import { recognizeFormat } from "@/lib/import/header-map";
import { importStatus, getImportJob } from "@/lib/import/jobs";
import type { ImportOptions } from "@/lib/import/options";
import { listLists } from "@/lib/lists/lists";

export const metadata: Metadata = { title: "Import contacts" };

export default async function ImportJobPage({ params }: { params: Promise<{ id: string }> }) {
  const access = await requirePermission("contacts.import");
  if (!access.ok) return <NotAllowed message={access.message} />;
  const { ctx } = access;
  const { id } = await params;
  const job = isUuid(id) ? await getImportJob(ctx, id) : null;
  if (!job) notFound();
  const [defs, lists, status] = await Promise.all([listAttributeDefinitions(ctx), listLists(ctx), importStatus(ctx, job.id)]);
  const saved = job.options as ImportOptions | null;
  return (
    <>
      <PageHeader title="Import contacts" description={job.format === "vcf" ? `${job.fileName} · vCard` : `${job.fileName} · ${job.columns.length} columns`} />
      <ImportWizard
        jobId={job.id}
        workspaceName={ctx.actor.workspace.name}
        columns={job.columns}
        sample={job.sample}
        initialMapping={saved?.mapping ?? autoMap(job.columns, defs, job.sample)}
        recognized={recognizeFormat(job.columns)?.name ?? null}
        initialOptions={saved}
        initialStatus={JSON.parse(JSON.stringify(status))}
        fields={IMPORT_FIELDS.map((f) => ({ id: f.id, label: f.label }))}
        attributes={defs.map((d) => ({ key: d.key, label: d.label }))}
        lists={lists.map((l) => ({ id: l.id, name: l.name }))}
      />
    </>
  );
}
