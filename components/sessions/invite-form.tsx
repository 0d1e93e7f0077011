"use client";

import Link from "next/link";
import { useActionState, useEffect, useState } from "react";
import { sendInviteForm } from "@/app/(app)/sessions/actions";
import { Button, buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { CheckboxField, TextField } from "@/components/ui/field";
import { FormAlert } from "@/components/ui/form-alert";
import { CHANNEL_LABELS, labelOptions } from "@/lib/enum-labels";
import { fieldErrorOf, formErrorOf, type FormState } from "@/lib/form-state";
import { ContactPicker, type PickedContact } from "./contact-picker";

type Channel = "sms" | "whatsapp" | "email";
const CHANNELS = labelOptions(CHANNEL_LABELS);

type Match = { id: string; name: string; company: string | null; refusal: string | null; allowedChannels: Channel[]; phone: string | null; email: string | null };
type Lookup = { ok: false; message: string } | { ok: true; normalized: string; match: Match | null };

/** New Session: step 1 the session, step 2 "Share Invite" with the contact picker and live number lookup. */
export function InviteForm({ contactsEnabled }: { contactsEnabled: boolean }) {
  const [state, action, pending] = useActionState<FormState, FormData>(sendInviteForm, {});
  const v = state.values ?? {};
  const [channel, setChannel] = useState<Channel>((v.channel as Channel) ?? "sms");
  const [destination, setDestination] = useState(v.destination ?? "");
  const [lookup, setLookup] = useState<Lookup | null>(null);
  const [saveAsNew, setSaveAsNew] = useState(v.saveAsNew === "on");
  const error = (field: string) => fieldErrorOf(state, field);
  const formError = formErrorOf(state);

  // Look the typed recipient up as the agent types (debounced).
  useEffect(() => {
    if (!contactsEnabled || destination.trim().length < 3) return;
    const controller = new AbortController();
    const timer = setTimeout(async () => {
      try {
        const response = await fetch(`/api/contacts/lookup?channel=${channel}&value=${encodeURIComponent(destination)}`, { signal: controller.signal });
        if (response.ok) setLookup((await response.json()) as Lookup);
      } catch {
        // superseded by the next keystroke
      }
    }, 300);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [channel, destination, contactsEnabled]);

  const shownLookup = destination.trim().length >= 3 ? lookup : null;
  const match = shownLookup?.ok ? shownLookup.match : null;
  const canSave = contactsEnabled && shownLookup?.ok && !match;

  function switchTo(next: Channel, reach: { phone: string | null; email: string | null }) {
    setChannel(next);
    setDestination(next === "email" ? (reach.email ?? "") : (reach.phone ?? ""));
    setSaveAsNew(false);
  }

  // The preferred channel when it is allowed, else the current one, else any
  // allowed one; a contact no channel allows is still filled in, and the
  // lookup line says why Send would refuse it.
  function onPick(contact: PickedContact) {
    const allowed = contact.allowedChannels;
    const preferred = contact.preferredChannel;
    const reachable = (c: Channel) => Boolean(c === "email" ? contact.email : contact.phoneE164);
    const nextChannel: Channel =
      [preferred, channel, ...allowed].find((c): c is Channel => c !== null && allowed.includes(c)) ??
      (preferred && reachable(preferred) ? preferred : contact.phoneE164 ? (channel === "email" ? "sms" : channel) : "email");
    switchTo(nextChannel, { phone: contact.phone, email: contact.email });
  }

  return (
    <form action={action} className="max-w-3xl space-y-6" noValidate>
      {formError && <FormAlert tone="error">{formError}</FormAlert>}
      <Card title="Step 1 · Session details">
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField name="title" label="Session title" placeholder="Router setup" defaultValue={v.title} error={error("title")} />
          <TextField name="reference" label="Reference (optional)" placeholder="Ticket #4821" defaultValue={v.reference} error={error("reference")} />
        </div>
      </Card>
      <Card title="Step 2 · Share Invite">
        <fieldset>
          <legend className="text-sm font-medium text-slate-700">Channel</legend>
          <div className="mt-2 inline-flex rounded-md shadow-sm ring-1 ring-slate-300" role="radiogroup" aria-label="Channel">
            {CHANNELS.map((c) => (
              <label key={c.value} className={`cursor-pointer px-4 py-2 text-sm first:rounded-l-md last:rounded-r-md ${channel === c.value ? "bg-brand-600 text-white" : "bg-white text-slate-700 hover:bg-slate-50"}`}>
                <input type="radio" name="channel" value={c.value} checked={channel === c.value} onChange={() => setChannel(c.value)} className="sr-only" />
                {c.label}
              </label>
            ))}
          </div>
        </fieldset>
        <div className="mt-4 flex flex-wrap items-start gap-3">
          <div className="min-w-64 flex-1">
            <TextField
              name="destination"
              label={channel === "email" ? "Email address" : "Phone number"}
              type={channel === "email" ? "email" : "tel"}
              autoComplete="off"
              value={destination}
              onChange={(e) => setDestination(e.target.value)}
              error={error("destination")}
            />
          </div>
          {contactsEnabled && <div className="sm:mt-6.5"><ContactPicker onPick={onPick} /></div>}
        </div>
        {contactsEnabled && <input type="hidden" name="contactId" value={match?.id ?? ""} />}
        <div className="mt-2 min-h-6 text-sm" aria-live="polite" data-testid="lookup">
          {match && !match.refusal && (
            <p className="text-emerald-700">
              In contacts: <Link href={`/contacts/${match.id}`} className="font-medium underline">{match.name}</Link>
              {match.company ? ` · ${match.company}` : ""}
            </p>
          )}
          {match?.refusal && (
            <div className="rounded-md bg-amber-50 px-3 py-2 text-amber-900 ring-1 ring-amber-200" data-testid="lookup-refusal">
              <p>
                {/* After Send the field's own error says the same sentence: not twice. */}
                {match.refusal !== error("destination") && <>{match.refusal} </>}
                <Link href={`/contacts/${match.id}`} className="font-medium underline">View {match.name}</Link>
              </p>
              {match.allowedChannels.length > 0 && (
                <p className="mt-1.5 flex flex-wrap items-center gap-2">
                  <span>Allowed:</span>
                  {match.allowedChannels.map((c) => (
                    <Button key={c} variant="secondary" className="px-2.5 py-1 text-xs" onClick={() => switchTo(c, match)}>
                      Invite by {CHANNEL_LABELS[c]}
                    </Button>
                  ))}
                </p>
              )}
            </div>
          )}
          {shownLookup && !shownLookup.ok && !error("destination") && <p className="text-slate-500">{shownLookup.message}</p>}
        </div>
        {canSave && (
          <div className="mt-3 space-y-4 rounded-md border border-slate-200 p-4">
            <CheckboxField name="saveAsNew" label="Save as new contact" checked={saveAsNew} onChange={(e) => setSaveAsNew(e.target.checked)} />
            {saveAsNew && (
              <div className="grid gap-4 sm:grid-cols-3">
                <TextField name="firstName" label="First name" defaultValue={v.firstName} error={error("firstName")} />
                <TextField name="lastName" label="Last name" defaultValue={v.lastName} error={error("lastName")} />
                <TextField name="company" label="Company" defaultValue={v.company} error={error("company")} />
              </div>
            )}
          </div>
        )}
      </Card>
      <div className="flex justify-end gap-2">
        <Link href="/sessions" className={buttonClass("secondary")}>Cancel</Link>
        <Button type="submit" disabled={pending}>{pending ? "Sending…" : "Send invite"}</Button>
      </div>
    </form>
  );
}
