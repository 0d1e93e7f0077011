import { z } from "zod";
import table from "./header-map.json";

// Reads the mapping table (header-map.json: every synonym, pattern and
// format lives there, not here) and applies it: which format a header line
// is, which target each column gets, how a lists cell splits.

const tableSchema = z.object({
  fields: z.record(z.string(), z.array(z.string())),
  ambiguousName: z.object({ headers: z.array(z.string()) }),
  mobileLabels: z.array(z.string()),
  listSeparators: z.array(z.string()),
  systemLabels: z.array(z.string()),
  patterns: z.array(z.object({ pattern: z.string(), target: z.string() })),
  formats: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      signature: z.array(z.string()).min(1),
      anyOf: z.array(z.string()).optional(),
      columns: z.record(z.string(), z.string()),
      listSeparators: z.array(z.string()).optional(),
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
const SYSTEM_LABELS = new Set(HEADER_MAP.systemLabels.map((l) => l.toLowerCase()));

/** The export format a header line comes from (every signature header present), or null. */
export function recognizeFormat(headers: string[]): FileFormat | null {
  const present = new Set(headers.map(normalizeHeader));
  return (
    HEADER_MAP.formats.find((f) => f.signature.every((h) => present.has(h)) && (!f.anyOf || f.anyOf.some((h) => present.has(h)))) ?? null
  );
}

/** A phone or email candidate of a tier: "phone:2" → { field: "phone", tier: 2 }; "phone" is tier 1. */
export function candidateOf(target: string): { field: "phone" | "email"; tier: number } | null {
  const match = /^(phone|email)(?::(\d+))?$/.exec(target);
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
  const proposed = normalized.map((header) => {
    const own = format?.columns[header];
    const attribute = byAttribute.get(header);
    // An attribute the workspace already has beats a format's "new attribute".
    if (own !== undefined) return own.startsWith("new:") && attribute ? attribute : own;
    for (const { regex, target } of PATTERNS) {
      const match = regex.exec(header);
      if (match) return target.replace("{n}", match[1]);
    }
    return attribute ?? (AMBIGUOUS_NAME.has(header) ? AMBIGUOUS : SYNONYMS.get(header) ?? "");
  });
  const used = new Set<string>();
  // A new attribute is proposed only for a column with something in it: a vCard's Birthday column is there for every file.
  const empty = (index: number) => sample !== undefined && sample.every((row) => !(row[index] ?? "").trim());
  const mapping = proposed.map((target, index) => {
    if (target.startsWith("new:") && empty(index)) return "";
    if (!target || target === AMBIGUOUS || candidateOf(target) || target === "phoneType" || target.startsWith("new:")) return target;
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
      .map((target, index) => ({ index, candidate: candidateOf(target) }))
      .filter((c) => c.candidate?.field === field)
      .sort((a, b) => a.candidate!.tier - b.candidate!.tier || a.index - b.index);
    candidates.forEach(({ index }, rank) => (mapping[index] = rank === 0 ? field : `${field}:${rank + 1}`));
  }
  // A phone label with no phone column after it labels nothing.
  for (let i = mapping.length - 1, phoneAfter = false; i >= 0; i--) {
    if (candidateOf(mapping[i])?.field === "phone") phoneAfter = true;
    else if (mapping[i] === "phoneType" && !phoneAfter) mapping[i] = "";
  }
}

/** Whether a phone's label (Google's "Mobile", vCard's TYPE=CELL, "Handy") says it is a mobile. */
export function isMobileLabel(label: string): boolean {
  // Words, not a header: "CELL,VOICE" is two of them.
  return label !== "" && MOBILE.test(normalizeHeader(label.replace(/[^\p{L}\p{N}]+/gu, " ")));
}

/**
 * A lists cell's names: split on "|" (ours) and " ::: " (Google's), or on the
 * format's own separator; Google's system groups ("* myContacts") dropped.
 */
export function splitListNames(cell: string, separators: readonly string[] = HEADER_MAP.listSeparators): string[] {
  let parts = [cell];
  for (const separator of separators) parts = parts.flatMap((p) => p.split(separator));
  return parts
    .map((n) => n.trim().replace(/^"|"$/g, "").trim())
    .filter((n) => n !== "" && !SYSTEM_LABELS.has(n.toLowerCase()));
}

/** The list separators for a file with these headers (a format's own, else ours and Google's). */
export function listSeparatorsFor(headers: string[]): string[] {
  return recognizeFormat(headers)?.listSeparators ?? HEADER_MAP.listSeparators;
}
