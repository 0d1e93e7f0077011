import { parsePhoneNumberFromString, validatePhoneNumberLength, type CountryCode } from "libphonenumber-js/max";

/**
 * Phone identity: every number is parsed against the workspace's default
 * country and stored as E.164, so "(201) 555-0123", "201.555.0123" and
 * "+1 201 555 0123" are one contact. The "max" metadata checks real number
 * ranges, not just lengths.
 */
export type ParsedPhone = { e164: string; digits: string; country: string | null };
export type PhoneResult = { ok: true; phone: ParsedPhone } | { ok: false; message: string };

export const PHONE_EXAMPLE = "like (201) 555-0123 or +44 20 7946 0958";

const LENGTH_MESSAGES: Record<string, string> = {
  TOO_SHORT: "This phone number is too short.",
  TOO_LONG: "This phone number is too long.",
  INVALID_COUNTRY: "Start the number with + and its country code, or check the workspace's default country.",
  INVALID_LENGTH: "This phone number has the wrong number of digits.",
};

export function parsePhone(input: string, defaultCountry: string): PhoneResult {
  const text = input.trim();
  if (/[a-z]/i.test(text)) return { ok: false, message: "Phone numbers can only contain digits, spaces and + ( ) - ." };
  if (!/\d/.test(text)) return { ok: false, message: `Enter a phone number, ${PHONE_EXAMPLE}.` };
  const country = defaultCountry as CountryCode;
  const parsed = parsePhoneNumberFromString(text, country);
  if (parsed && parsed.isValid()) {
    return { ok: true, phone: { e164: parsed.number, digits: parsed.number.slice(1), country: parsed.country ?? null } };
  }
  // Only a number that is not valid is measured, for the most helpful message
  // (a valid number has a valid length; the import parses a million of them).
  const lengthProblem = validatePhoneNumberLength(text, country);
  if (lengthProblem && LENGTH_MESSAGES[lengthProblem]) return { ok: false, message: LENGTH_MESSAGES[lengthProblem] };
  return { ok: false, message: `This is not a valid phone number. Enter it ${PHONE_EXAMPLE}.` };
}

/** National format for the workspace's own country, international otherwise. */
// Formatting is a full libphonenumber parse (about 10 µs): a contacts page
// formats 50–60 numbers per request, and the same ones again and again.
// A bounded memo of the pure result; dropped whole when full.
const FORMATTED_MAX = 20_000;
const formatted = new Map<string, string>();

export function formatPhone(e164: string | null, workspaceCountry: string): string {
  if (!e164) return "";
  const key = `${workspaceCountry}${e164}`;
  let shown = formatted.get(key);
  if (shown === undefined) {
    const parsed = parsePhoneNumberFromString(e164);
    shown = !parsed ? e164 : parsed.country === workspaceCountry ? parsed.formatNational() : parsed.formatInternational();
    if (formatted.size >= FORMATTED_MAX) formatted.clear();
    formatted.set(key, shown);
  }
  return shown;
}

/**
 * What a search box query means as a phone number: the digits to look for
 * anywhere in stored numbers, plus the exact E.164 when the query is a whole
 * valid number (catches "011 1 201 555 0123" and national trunk prefixes).
 */
export function phoneSearchTerms(query: string, defaultCountry: string): { digits: string[]; e164: string | null } | null {
  if (!/^[\d\s()+\-./]+$/.test(query)) return null;
  const digits = query.replace(/\D/g, "");
  if (digits.length < 3) return null;
  const variants = new Set([digits]);
  const withoutTrunk = digits.replace(/^0+/, "");
  if (withoutTrunk.length >= 3) variants.add(withoutTrunk);
  const parsed = parsePhone(query, defaultCountry);
  return { digits: [...variants], e164: parsed.ok ? parsed.phone.e164 : null };
}
