import type { Metadata } from "next";
import Link from "next/link";
import { UploadForm } from "@/components/import/upload-form";
import { NotAllowed } from "@/components/ui/not-allowed";
import { PageHeader } from "@/components/ui/page-header";
import { buttonClass } from "@/components/ui/button";
import { requirePermission } from "@/lib/auth/server-session";

export const metadata: Metadata = { title: "Import contacts" };

// A file download from a route handler, not a page: a plain link.
const TEMPLATE_URL = "/api/imports/template";

export default async function ImportPage() {
  const access = await requirePermission("contacts.import");
  if (!access.ok) return <NotAllowed message={access.message} />;
  return (
    <>
      <PageHeader
        title="Import contacts"
        description="A CSV (comma, semicolon or tab; UTF-8), an .xlsx workbook or a vCard (.vcf) file, up to 50 MB. You map the columns and see a preview before anything is saved."
        actions={<a href={TEMPLATE_URL} download className={buttonClass("secondary")}>Download template</a>}
      />
      <UploadForm />
      <p className="mt-6 text-sm text-slate-500">
        <Link href="/contacts" className="underline">Back to contacts</Link>
      </p>
    </>
  );
}
