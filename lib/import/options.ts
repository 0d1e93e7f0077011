import { z } from "zod";
import { attributeTypeEnum } from "@/db/schema";

const consentDefault = z.enum(["", "subscribed", "unsubscribed"]).optional().transform((v) => (v ? v : undefined));

/** Everything the mapping screen decides, validated once and stored on the job. */
export const importOptionsSchema = z.object({
  // One target per file column: a field id, `attr.<key>`, `new:<type>` or "" (ignore).
  mapping: z.array(z.string().max(80)).max(1000),
  newAttributeTypes: z.record(z.string(), z.enum(attributeTypeEnum.enumValues)).optional(),
  listIds: z.array(z.uuid()).max(50).default([]),
  timezone: z.string().trim().max(64).optional().transform((v) => v || undefined),
  defaultConsent: z.object({ sms: consentDefault, whatsapp: consentDefault, email: consentDefault }).default({ sms: undefined, whatsapp: undefined, email: undefined }),
  duplicates: z.enum(["skip", "update"]).default("skip"),
  missing: z.enum(["keep", "clear"]).default("keep"),
  replaceInvalid: z.boolean().default(false),
  removeMissing: z.boolean().default(false),
  removeConfirm: z.string().optional(),
});

export type ImportOptions = z.output<typeof importOptionsSchema>;

export type ImportCounts = {
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  skippedExisting: number;
  skippedInFile: number;
  failed: number;
  removed: number;
  /** Rows whose consent value was not applied: the person had opted out by keyword. */
  keptUnsubscribed: number;
  /** Rows holding more phone numbers (or emails) than the one a contact keeps: the others were not imported. Absent in results saved before. */
  extraPhones?: number;
  extraEmails?: number;
};

export type ImportSummary = ImportCounts & { failures: { row: number; reason: string }[] };
