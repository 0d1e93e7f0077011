import { z } from "zod";
import type { Channel } from "@/db/schema";
import { parsePhone } from "@/lib/contacts/phone";

const email = z.email();

export type Destination = { ok: true; value: string; country: string | null } | { ok: false; message: string };

/** The invite's recipient, normalized for the channel: E.164 for SMS/WhatsApp, lower-case address for email. */
export function normalizeDestination(channel: Channel, raw: string, defaultCountry: string): Destination {
  const text = raw.trim();
  if (channel === "email") {
    if (!text) return { ok: false, message: "Enter the email address to send the invite to." };
    return email.safeParse(text).success
      ? { ok: true, value: text.toLowerCase(), country: null }
      : { ok: false, message: "Enter a valid email address, like name@example.com." };
  }
  if (!text) return { ok: false, message: "Enter the phone number to send the invite to." };
  const phone = parsePhone(text, defaultCountry);
  return phone.ok ? { ok: true, value: phone.phone.e164, country: phone.phone.country } : { ok: false, message: phone.message };
}
