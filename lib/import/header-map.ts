import { z } from "zod";
import table from "./header-map.json";

// Reads the mapping table (header-map.json: every synonym, pattern and
// format lives there, not here) and applies it: which format a header line
// is, which target each column gets, how a lists cell splits.

const tableSchema = z.object({
  fields: z.record(z.string(), z.array(z.string())),
  ambiguousName: z.object({ headers: z.array(z.string()), nameIsSurnameBeside: z.array(z.string()) }),
  mobileLabels: z.array(z.string()),
  listSeparators: z.array(z.string()),
  multiValueSeparator: z.string(),
  patterns: z.array(z.object({ pattern: z.string(), target: z.string() })),
  formats: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      signature: z.array(z.string()).min(1),
      anyOf: z.array(z.string()).optional(),
      columns: z.record(z.string(), z.string()),
      listSeparators: z.array(z.string()).optional(),
      systemLabels: z.array(z.string()).optional(),
    }),
  ),
});

/** The table, checked once when the module loads: a typo in the JSON fails every test, not one import. */
export const HEADER_MAP = tableSchema.parse(table);
export type FileFormat = (typeof HEADER_MAP.formats)[number];

/** "E-mail 1 - Value" → "e mail 1 value"; "Prénom" → "prenom"; "Straße" → "strasse". */
export function normalizeHeader(header: string): string {
  return header
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/ß/g, "ss")
    .replace(/[_\-./]+/g, " ")
    .replace(/[^\p{L}\p{N} ]/gu, "")
    .replace(/\s+/g, " ")
    .trim();
}

const SYNONYMS = new Map<string, string>();
for (const [target, headers] of Object.entries(HEADER_MAP.fields)) {
  for (const header of headers) SYNONYMS.set(normalizeHeader(header), target);
}
const PATTERNS = HEADER_MAP.patterns.map((p) => ({ regex: new RegExp(p.pattern), target: p.target }));
/** A bare "name" word, until the other columns say which name it is. */
const AMBIGUOUS = "?name";
const AMBIGUOUS_NAME = new Set(HEADER_MAP.ambiguousName.headers.map(normalizeHeader));
const MOBILE = new RegExp(`\\b(${HEADER_MAP.mobileLabels.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|")})\\b`);
const SURNAME_BESIDE = new Set(HEADER_MAP.ambiguousName.nameIsSurnameBeside);
/** Google's several values in one cell: "+1 201 555 0100 ::: +1 201 555 0101". */
export const MULTI_VALUE = HEADER_MAP.multiValueSeparator;
/** The most choices a phone or email can have (a ranked candidate beyond it is ignored). */
export const MAX_CHOICES = 20;

/** The export format a header line comes from (every signature header present), or null. */
export function recognizeFormat(headers: string[]): FileFormat | null {
  const present = new Set(headers.map(normalizeHeader));
  return (
    HEADER_MAP.formats.find((f) => f.signature.every((h) => present.has(h)) && (!f.anyOf || f.anyOf.some((h) => present.has(h)))) ?? null
  );
}

/**
 * A saved mapping's phone or email choice: "phone" is the 1st, "phone:2" …
 * "phone:20" the next ("phone:1", "phone:02" are not targets: each choice has
 * one spelling, so "map each field once" holds).
 */
export function candidateOf(target: string): { field: "phone" | "email"; tier: number } | null {
  const match = /^(phone|email)(?::([2-9]|1\d|20))?$/.exec(target);
  return match ? { field: match[1] as "phone" | "email", tier: match[2] ? Number(match[2]) : 1 } : null;
}

/** A tier in the table ("phone:1" … "phone:N", or Google's numbered "phone:{n}"): any number. */
function tierOf(target: string): { field: "phone" | "email"; tier: number } | null {
  const match = /^(phone|email)(?::(\d{1,4}))?$/.exec(target);
  return match ? { field: match[1] as "phone" | "email", tier: match[2] ? Number(match[2]) : 1 } : null;
}

/** What a target fills: "phone:3" fills phone; a phone's label fills nothing by itself. */
export function baseTarget(target: string): string {
  return candidateOf(target)?.field ?? (target === "phoneType" ? "" : target);
}

type AttributeRef = { key: string; label: string };

/**
 * One target per header: the recognised format's own columns first, then
 * the numbered patterns, the workspace's attributes (by key or label) and
 * the synonyms. A field is used once; phone and email columns are ranked
 * candidates ("phone", "phone:2", …: tier, then column order). With the
 * sample rows, a column empty in all of them is not made a new attribute.
 */
export function mapHeaders(headers: string[], defs: AttributeRef[], sample?: string[][]): { mapping: string[]; format: FileFormat | null } {
  const format = recognizeFormat(headers);
  const byAttribute = new Map<string, string>();
  for (const def of defs) {
    byAttribute.set(normalizeHeader(def.key), `attr.${def.key}`);
    byAttribute.set(normalizeHeader(def.label), `attr.${def.key}`);
  }
  const normalized = headers.map(normalizeHeader);
  // A string, or an attribute proposed for the header's meaning (kept only if the sample has values).
  const proposed = normalized.map((header): string | { target: string; proposed: true } => {
    const own = format?.columns[header];
    const attribute = byAttribute.get(header);
    // An attribute the workspace already has beats a format's "new attribute".
    if (own !== undefined) return own.startsWith("new:") && attribute ? { target: attribute, proposed: true } : own;
    for (const { regex, target } of PATTERNS) {
      const match = regex.exec(header);
      if (match) return target.replace("{n}", match[1]);
    }
    const synonym = SYNONYMS.get(header);
    if (attribute) return synonym?.startsWith("new:") ? { target: attribute, proposed: true } : attribute;
    return AMBIGUOUS_NAME.has(header) || (header === "name" && normalized.some((h) => SURNAME_BESIDE.has(h))) ? AMBIGUOUS : synonym ?? "";
  });
  const used = new Set<string>();
  // An attribute is proposed (new, or one the workspace has under that name) only for a column with something in its
  // sample rows: a vCard's Birthday column is there in every file, and an empty one would clear the attribute on "update".
  const empty = (index: number) => sample !== undefined && sample.every((row) => !(row[index] ?? "").trim());
  const mapping = proposed.map((entry, index) => {
    const target = typeof entry === "string" ? entry : entry.target;
    if ((target.startsWith("new:") || typeof entry !== "string") && empty(index)) return "";
    if (!target || target === AMBIGUOUS || tierOf(target) || target === "phoneType" || target.startsWith("new:")) return target;
    if (used.has(target)) return "";
    used.add(target);
    return target;
  });
  resolveAmbiguousNames(mapping);
  rankCandidates(mapping);
  return { mapping, format };
}

/** "Nom" beside "Prénom" is the surname; "Nombre" beside "Apellidos" the first name; alone, the whole name. */
function resolveAmbiguousNames(mapping: string[]): void {
  mapping.forEach((target, index) => {
    if (target !== AMBIGUOUS) return;
    const meant = mapping.includes("firstName") ? "lastName" : mapping.includes("lastName") ? "firstName" : "name";
    mapping[index] = mapping.includes(meant) ? "" : meant;
  });
}

/** Renumbers each field's candidates 1, 2, 3… by tier, then column order; the first is plain "phone" / "email". */
function rankCandidates(mapping: string[]): void {
  for (const field of ["phone", "email"] as const) {
    const candidates = mapping
      .map((target, index) => ({ index, candidate: tierOf(target) }))
      .filter((c) => c.candidate?.field === field)
      .sort((a, b) => a.candidate!.tier - b.candidate!.tier || a.index - b.index);
    candidates.forEach(({ index }, rank) => (mapping[index] = rank === 0 ? field : rank < MAX_CHOICES ? `${field}:${rank + 1}` : ""));
  }
  // A phone label with no phone column after it labels nothing.
  for (let i = mapping.length - 1, phoneAfter = false; i >= 0; i--) {
    if (candidateOf(mapping[i])?.field === "phone") phoneAfter = true;
    else if (mapping[i] === "phoneType" && !phoneAfter) mapping[i] = "";
  }
}

/** Labels already read: a file repeats a handful ("Mobile", "Work") on every row, and this runs per phone per row. */
const mobileLabels = new Map<string, boolean>();

/** Whether a phone's label (Google's "Mobile", vCard's TYPE=CELL, "Handy") says it is a mobile. */
export function isMobileLabel(label: string): boolean {
  if (label === "") return false;
  let mobile = mobileLabels.get(label);
  if (mobile === undefined) {
    // Words, not a header: "CELL,VOICE" is two of them.
    mobile = MOBILE.test(normalizeHeader(label.replace(/[^\p{L}\p{N}]+/gu, " ")));
    // Bounded: a hostile file can hold a different label on every row.
    if (mobileLabels.size >= 1000) mobileLabels.clear();
    mobileLabels.set(label, mobile);
  }
  return mobile;
}

/** How a file's lists cell reads: its separators, and the names its program gives every contact (dropped). */
export type ListRules = { separators: readonly string[]; systemLabels: ReadonlySet<string> };

const DEFAULT_LISTS: ListRules = { separators: HEADER_MAP.listSeparators, systemLabels: new Set() };

/** A lists cell's names, split as the file's format writes them; Mailchimp's quoted names ("VIP","Customers") unquoted. */
export function splitListNames(cell: string, rules: ListRules = DEFAULT_LISTS): string[] {
  let parts = [cell];
  for (const separator of rules.separators) parts = parts.flatMap((p) => p.split(separator));
  const quoted = rules.separators.includes('","');
  return parts
    .map((n) => (quoted ? n.trim().replace(/^"|"$/g, "") : n).trim())
    .filter((n) => n !== "" && !rules.systemLabels.has(n.toLowerCase()));
}

/** The list rules for a file with these headers: its format's, else "|" (ours) and " ::: " (Google's). */
export function listRulesFor(headers: string[]): ListRules {
  const format = recognizeFormat(headers);
  if (!format) return DEFAULT_LISTS;
  return { separators: format.listSeparators ?? HEADER_MAP.listSeparators, systemLabels: new Set((format.systemLabels ?? []).map((l) => l.toLowerCase())) };
}
