import type { Metadata } from "next";
import { BookUser } from "lucide-react";
import { EmptyState } from "@/components/ui/empty-state";
import { NotAllowed } from "@/components/ui/not-allowed";
import { PageHeader } from "@/components/ui/page-header";
import { requirePermission } from "@/lib/auth/server-session";

export const metadata: Metadata = { title: "Contacts" };

export default async function ContactsPage() {
  const access = await requirePermission("contacts.view");
  if (!access.ok) return <NotAllowed message={access.message} />;
  return (
    <>
      <PageHeader title="Contacts" description="Your company's shared address book." />
      <EmptyState icon={BookUser} title="No contacts yet" />
    </>
  );
}
