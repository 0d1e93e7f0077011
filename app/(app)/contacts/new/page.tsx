import type { Metadata } from "next";
import { ContactForm } from "@/components/contacts/contact-form";
import { NotAllowed } from "@/components/ui/not-allowed";
import { PageHeader } from "@/components/ui/page-header";
import { requirePermission } from "@/lib/auth/server-session";
import { timeZones } from "@/lib/contacts/time-zones";
import { createContactForm } from "../actions";

export const metadata: Metadata = { title: "Add contact" };

export default async function NewContactPage() {
  const access = await requirePermission("contacts.edit");
  if (!access.ok) return <NotAllowed message={access.message} />;
  return (
    <>
      <PageHeader title="Add contact" description="A name, and a phone number or an email address, are enough." />
      <ContactForm mode="create" action={createContactForm} initial={{}} timeZones={timeZones()} cancelHref="/contacts" />
    </>
  );
}
