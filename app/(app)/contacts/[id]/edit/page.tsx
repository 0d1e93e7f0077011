import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ContactForm } from "@/components/contacts/contact-form";
import { NotAllowed } from "@/components/ui/not-allowed";
import { PageHeader } from "@/components/ui/page-header";
import { isUuid } from "@/lib/auth/actor";
import { requirePermission } from "@/lib/auth/server-session";
import { getContact } from "@/lib/contacts/get";
import { formatPhone } from "@/lib/contacts/phone";
import { attributeFormValues, contactFormOptions } from "@/lib/contacts/form-support";
import { timeZones } from "@/lib/contacts/time-zones";
import { listsOfContact } from "@/lib/lists/lists";
import { updateContactForm } from "../../actions";

export const metadata: Metadata = { title: "Edit contact" };

export default async function EditContactPage({ params }: { params: Promise<{ id: string }> }) {
  const access = await requirePermission("contacts.edit");
  if (!access.ok) return <NotAllowed message={access.message} />;
  const { id } = await params;
  const contact = isUuid(id) ? await getContact(access.ctx, id) : null;
  if (!contact) notFound();
  const [options, memberOf] = await Promise.all([contactFormOptions(access.ctx), listsOfContact(access.ctx, contact.id)]);
  const initial = {
    ...attributeFormValues(options.attributes, contact.attributes),
    lists: memberOf.map((l) => l.id).join(","),
    id: contact.id,
    firstName: contact.firstName ?? "",
    lastName: contact.lastName ?? "",
    company: contact.company ?? "",
    phone: formatPhone(contact.phoneE164, access.ctx.actor.workspace.defaultCountry),
    email: contact.email ?? "",
    notes: contact.notes ?? "",
    externalId: contact.externalId ?? "",
    status: contact.status,
    preferredChannel: contact.preferredChannel ?? "",
    timezone: contact.timezone ?? "",
    addressStreet: contact.addressStreet ?? "",
    addressCity: contact.addressCity ?? "",
    addressState: contact.addressState ?? "",
    addressZip: contact.addressZip ?? "",
    addressCountry: contact.addressCountry ?? "",
  };
  return (
    <>
      <PageHeader title={`Edit ${contact.displayName}`} />
      <ContactForm
        mode="edit"
        action={updateContactForm}
        initial={initial}
        timeZones={timeZones()}
        cancelHref={`/contacts/${contact.id}`}
        {...options}
      />
    </>
  );
}
