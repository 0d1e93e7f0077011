import type { Metadata } from "next";
import { ContactForm } from "@/components/contacts/contact-form";
import { NotAllowed } from "@/components/ui/not-allowed";
import { PageHeader } from "@/components/ui/page-header";
import { requirePermission } from "@/lib/auth/server-session";
import { contactFormOptions } from "@/lib/contacts/form-support";
import { timeZones } from "@/lib/contacts/time-zones";
import { createContactForm } from "../actions";

export const metadata: Metadata = { title: "Add contact" };

export default async function NewContactPage() {
  const access = await requirePermission("contacts.edit");
  if (!access.ok) return <NotAllowed message={access.message} />;
  const options = await contactFormOptions(access.ctx);
  return (
    <>
      <PageHeader title="Add contact" description="A name, and a phone number or an email address, are enough." />
      <ContactForm mode="create" action={createContactForm} initial={{}} timeZones={timeZones()} cancelHref="/contacts" {...options} />
    </>
  );
}
