import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Pencil } from "lucide-react";
import { ContactActions } from "@/components/contacts/contact-actions";
import { ActivityTimeline } from "@/components/contacts/activity-timeline";
import { formatDate, formatDateTime } from "@/components/contacts/format";
import { StarButton } from "@/components/contacts/star-button";
import { StatusBadge } from "@/components/contacts/status-badge";
import { buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { NotAllowed } from "@/components/ui/not-allowed";
import { isUuid } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { requirePermission } from "@/lib/auth/server-session";
import { getContact } from "@/lib/contacts/get";
import { contactTimeline } from "@/lib/contacts/timeline";
import { consentHistory } from "@/lib/consent/consent";
import { CHANNELS, consentOf, keywordLockReason } from "@/lib/contacts/consent-rules";
import type { Channel } from "@/db/schema";
import { ConsentDialog } from "@/components/contacts/consent-dialog";
import { formatPhone } from "@/lib/contacts/phone";
import { listAttributeDefinitions } from "@/lib/attributes/definitions";
import { formatAttributeValue } from "@/lib/contacts/columns";
import { listLists, listsOfContact } from "@/lib/lists/lists";
import { ContactLists } from "@/components/contacts/contact-lists";
import { CHANNEL_LABELS, CONSENT_SOURCE_LABELS, CONSENT_STATE_LABELS, CONTACT_SOURCE_LABELS } from "@/lib/enum-labels";

export const metadata: Metadata = { title: "Contact" };

function Detail({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <dt className="text-xs font-medium text-slate-500">{label}</dt>
      <dd className="mt-0.5 text-sm break-words text-slate-900">{children || <span className="text-slate-500">—</span>}</dd>
    </div>
  );
}

export default async function ContactPage({ params }: { params: Promise<{ id: string }> }) {
  const access = await requirePermission("contacts.view");
  if (!access.ok) return <NotAllowed message={access.message} />;
  const { ctx } = access;
  const { id } = await params;
  const contact = isUuid(id) ? await getContact(ctx, id) : null;
  if (!contact) notFound();
  const [activity, defs, memberOf, allLists, consentEvents] = await Promise.all([
    contactTimeline(ctx, contact.id),
    listAttributeDefinitions(ctx),
    listsOfContact(ctx, contact.id),
    listLists(ctx),
    consentHistory(ctx, contact.id),
  ]);
  const role = ctx.actor.role;
  const locks = Object.fromEntries(CHANNELS.map((channel) => [channel, keywordLockReason(contact, channel)])) as Record<Channel, string | null>;
  const address = [contact.addressStreet, contact.addressCity, contact.addressState, contact.addressZip, contact.addressCountry].filter(Boolean).join(", ");

  return (
    <>
      <div className="mb-6 flex flex-wrap items-start justify-between gap-4">
        <div>
          <Link href="/contacts" className="text-sm text-slate-500 hover:text-slate-800">← Contacts</Link>
          <h1 className="mt-1 flex items-center gap-2 text-2xl font-semibold tracking-tight text-slate-900">
            {contact.displayName}
            <StarButton contactId={contact.id} name={contact.displayName} starred={contact.starred} />
            <StatusBadge status={contact.status} />
          </h1>
          {contact.company && <p className="text-sm text-slate-500">{contact.company}</p>}
        </div>
        <div className="flex flex-wrap gap-2">
          {can(role, "contacts.edit") && (
            <Link href={`/contacts/${contact.id}/edit`} className={buttonClass("secondary")}>
              <Pencil className="size-4" aria-hidden /> Edit
            </Link>
          )}
          <ContactActions
            id={contact.id}
            name={contact.displayName}
            status={contact.status}
            canEdit={can(role, "contacts.edit")}
            canDelete={can(role, "contacts.delete")}
          />
        </div>
      </div>
      <div className="grid items-start gap-6 lg:grid-cols-[1fr_22rem]">
        <div className="space-y-6">
          <Card title="Details">
            <dl className="grid gap-4 sm:grid-cols-2">
              <Detail label="First name">{contact.firstName}</Detail>
              <Detail label="Last name">{contact.lastName}</Detail>
              <Detail label="Phone">{formatPhone(contact.phoneE164, ctx.actor.workspace.defaultCountry)}</Detail>
              <Detail label="Email">{contact.email}</Detail>
              <Detail label="Company">{contact.company}</Detail>
              <Detail label="Preferred channel">{contact.preferredChannel ? CHANNEL_LABELS[contact.preferredChannel] : null}</Detail>
              <Detail label="External ID">{contact.externalId}</Detail>
              <Detail label="Time zone">{contact.timezone}</Detail>
              <Detail label="Address">{address}</Detail>
              <Detail label="Source">{CONTACT_SOURCE_LABELS[contact.source]}</Detail>
              <Detail label="Last activity">{contact.lastActivityAt ? formatDate(contact.lastActivityAt) : null}</Detail>
              <Detail label="Sessions">{String(contact.sessionCount)}</Detail>
              <Detail label="Created">{formatDate(contact.createdAt)}</Detail>
              <Detail label="Updated">{formatDate(contact.updatedAt)}</Detail>
            </dl>
            {contact.notes && (
              <div className="mt-4 border-t border-slate-100 pt-4">
                <Detail label="Notes"><span className="whitespace-pre-wrap">{contact.notes}</span></Detail>
              </div>
            )}
          </Card>
          {defs.length > 0 && (
            <Card title="Custom attributes">
              <dl className="grid gap-4 sm:grid-cols-2">
                {defs.map((def) => (
                  <Detail key={def.key} label={def.label}>{formatAttributeValue(def, contact.attributes[def.key])}</Detail>
                ))}
              </dl>
            </Card>
          )}
          <Card title="Consent">
            <div className="flex flex-wrap items-start justify-between gap-4">
              <dl className="grid flex-1 gap-4 sm:grid-cols-3" data-testid="consent-states">
                {CHANNELS.map((channel) => (
                  <Detail key={channel} label={CHANNEL_LABELS[channel]}>
                    {CONSENT_STATE_LABELS[consentOf(contact, channel).state]}
                    {locks[channel] && <span className="mt-1 block text-xs font-normal text-slate-500">{locks[channel]}</span>}
                  </Detail>
                ))}
              </dl>
              {can(role, "contacts.edit") && (
                <ConsentDialog
                  contactId={contact.id}
                  current={{ sms: contact.consentSms, whatsapp: contact.consentWhatsapp, email: contact.consentEmail }}
                  locks={locks}
                />
              )}
            </div>
            {consentEvents.length > 0 && (
              <table className="mt-4 w-full text-sm">
                <caption className="mb-2 text-left text-xs font-semibold tracking-wide text-slate-500 uppercase">History</caption>
                <thead className="sr-only">
                  <tr><th>When</th><th>Channel</th><th>Change</th><th>Source</th><th>By</th></tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {consentEvents.map((e) => (
                    <tr key={e.id}>
                      <td className="py-1.5 pr-3 whitespace-nowrap text-slate-500"><time dateTime={e.createdAt.toISOString()}>{formatDateTime(e.createdAt)}</time></td>
                      <td className="py-1.5 pr-3">{CHANNEL_LABELS[e.channel]}</td>
                      <td className="py-1.5 pr-3">{CONSENT_STATE_LABELS[e.oldState]} → {CONSENT_STATE_LABELS[e.newState]}</td>
                      <td className="py-1.5 pr-3 text-slate-600">{CONSENT_SOURCE_LABELS[e.source]}</td>
                      <td className="py-1.5 text-slate-600">{e.actorLabel?.replace(/ <.*>$/, "")}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </Card>
        </div>
        <div className="space-y-6">
        <Card title="Lists">
          <ContactLists
            contactId={contact.id}
            memberOf={memberOf}
            allLists={allLists.map((l) => ({ id: l.id, name: l.name }))}
            canEdit={can(role, "contacts.edit")}
          />
        </Card>
        <Card title="Activity">
          <ActivityTimeline entries={activity.map((e) => ({ ...e, at: e.at.toISOString() }))} />
        </Card>
        </div>
      </div>
    </>
  );
}
