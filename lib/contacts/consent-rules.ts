import type { Channel, Contact, ConsentSource, ConsentState } from "@/db/schema";
import { CHANNEL_LABELS } from "@/lib/enum-labels";

// A contact's consent and block rules, for every path that writes consent or
// sends to a contact. The database holds the one that must never break (a
// keyword opt-out is re-subscribed only by the person's own keyword: the
// consent guard trigger, db/sql); these functions give the reason in words
// before any writer gets that far.

export const CHANNELS: readonly Channel[] = ["sms", "whatsapp", "email"];
export const CONSENT_COLUMN = { sms: "consent_sms", whatsapp: "consent_whatsapp", email: "consent_email" } as const;

/** The consent a contact row carries, channel by channel: state, who set it last, when. */
export type ConsentRecord = Pick<
  Contact,
  | "consentSms"
  | "consentSmsSource"
  | "consentSmsChangedAt"
  | "consentWhatsapp"
  | "consentWhatsappSource"
  | "consentWhatsappChangedAt"
  | "consentEmail"
  | "consentEmailSource"
  | "consentEmailChangedAt"
>;

export function consentOf(contact: ConsentRecord, channel: Channel): { state: ConsentState; source: ConsentSource | null; changedAt: Date | null } {
  switch (channel) {
    case "sms":
      return { state: contact.consentSms, source: contact.consentSmsSource, changedAt: contact.consentSmsChangedAt };
    case "whatsapp":
      return { state: contact.consentWhatsapp, source: contact.consentWhatsappSource, changedAt: contact.consentWhatsappChangedAt };
    case "email":
      return { state: contact.consentEmail, source: contact.consentEmailSource, changedAt: contact.consentEmailChangedAt };
  }
}

/** True when the channel was unsubscribed by the person's own keyword (STOP and the other §5 words). */
export function isKeywordLocked(state: ConsentState, source: ConsentSource | null): boolean {
  return state === "unsubscribed" && source === "keyword";
}

// The app's one date style (components/contacts/format.ts): "Dec 3, 2026".
const DAY = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeZone: "UTC" });

/**
 * Why nobody but the person may re-subscribe this channel, or null when
 * anyone allowed to edit consent may: "Replied STOP on Dec 3, 2026; only a
 * START from this number re-subscribes SMS."
 */
export function keywordLockReason(contact: ConsentRecord, channel: Channel): string | null {
  const { state, source, changedAt } = consentOf(contact, channel);
  if (!isKeywordLocked(state, source)) return null;
  const when = changedAt ? ` on ${DAY.format(changedAt)}` : "";
  const from = channel === "email" ? "this address" : "this number";
  return `Replied STOP${when}; only a START from ${from} re-subscribes ${CHANNEL_LABELS[channel]}.`;
}

/** What an import reports for a row whose consent value it did not apply. */
export const KEPT_UNSUBSCRIBED = "kept unsubscribed: opted out by keyword";

/**
 * Whether a change of consent by `source` may be applied: only the person's
 * own keyword lifts a keyword opt-out. Returns the refusal, or null.
 */
export function consentChangeRefusal(contact: ConsentRecord, channel: Channel, next: ConsentState, source: ConsentSource): string | null {
  const current = consentOf(contact, channel);
  if (current.state === next || source === "keyword") return null;
  return keywordLockReason(contact, channel);
}

// Consent as written in an import cell (or an API string).
const CONSENT_WORDS: Record<string, ConsentState | null> = {
  subscribed: "subscribed", yes: "subscribed", true: "subscribed", "opted in": "subscribed", "1": "subscribed",
  unsubscribed: "unsubscribed", no: "unsubscribed", false: "unsubscribed", "opted out": "unsubscribed", "0": "unsubscribed",
  "not subscribed": null, not_subscribed: null, "": null,
};

export const CONSENT_WORD_MESSAGE = (channel: Channel) => `${CHANNEL_LABELS[channel]} consent must be subscribed or unsubscribed.`;

/** A consent cell: the state it records, null for none ("not subscribed" or empty), or a message. */
export function parseConsentWord(text: string, channel: Channel): { ok: true; state: ConsentState | null } | { ok: false; message: string } {
  const state = CONSENT_WORDS[text.trim().toLowerCase()];
  return state === undefined ? { ok: false, message: CONSENT_WORD_MESSAGE(channel) } : { ok: true, state };
}

/** Why an invite over `channel` must not go to this contact, or null. Holds whether Contacts Management is on or off. */
export function inviteRefusal(contact: Pick<Contact, "displayName" | "status"> & ConsentRecord, channel: Channel): string | null {
  if (contact.status === "blocked") return `${contact.displayName} is blocked and cannot be invited. Unblock the contact first.`;
  const { state } = consentOf(contact, channel);
  if (state !== "unsubscribed") return null;
  const lock = keywordLockReason(contact, channel);
  return lock
    ? `${contact.displayName} unsubscribed from ${CHANNEL_LABELS[channel]}. ${lock}`
    : `${contact.displayName} unsubscribed from ${CHANNEL_LABELS[channel]}. Invite them another way, or record their new consent first.`;
}

type Invitable = Pick<Contact, "displayName" | "status" | "phoneE164" | "email"> & ConsentRecord;

/**
 * The channels an invite to this contact may use: it has the reach (a phone
 * for SMS and WhatsApp, an address for email) and inviteRefusal allows it.
 * What the invite form offers before Send instead of only refusing at Send.
 */
export function invitableChannels(contact: Invitable): Channel[] {
  return CHANNELS.filter((channel) => (channel === "email" ? contact.email : contact.phoneE164) && inviteRefusal(contact, channel) === null);
}

/** The channels this contact unsubscribed from, by any source. */
export function unsubscribedChannels(contact: ConsentRecord): Channel[] {
  return CHANNELS.filter((channel) => consentOf(contact, channel).state === "unsubscribed");
}
