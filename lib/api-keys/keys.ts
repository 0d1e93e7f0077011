import crypto from "node:crypto";
import { and, desc, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import { apiKeys, roleEnum, type ApiKey, type Role } from "@/db/schema";
import { actorLabel, type Ctx } from "@/lib/auth/actor";
import { assignableRoles, ROLE_LABELS } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record";
import { fieldError, notFound, ok, type Result } from "@/lib/result";

/** What every secret starts with, so a leaked one is recognisable (secret scanners, logs). */
export const SECRET_PREFIX = "sb_live_";
/** How much of the secret after SECRET_PREFIX is kept visible, to tell keys apart. */
const VISIBLE = 8;
/** A workspace holds at most this many keys that are not revoked: a list, not a dump. */
export const MAX_ACTIVE_KEYS = 50;

export function hashSecret(secret: string): string {
  return crypto.createHash("sha256").update(secret).digest("hex");
}

/** 32 random bytes as base64url (43 characters): 256 bits, so SHA-256 without a salt or slow hash is enough. */
function newSecret(): string {
  return SECRET_PREFIX + crypto.randomBytes(32).toString("base64url");
}

export type ApiKeySummary = Pick<ApiKey, "id" | "name" | "prefix" | "role" | "createdByLabel" | "createdAt" | "expiresAt" | "lastUsedAt" | "revokedAt">;

const SUMMARY = {
  id: apiKeys.id,
  name: apiKeys.name,
  prefix: apiKeys.prefix,
  role: apiKeys.role,
  createdByLabel: apiKeys.createdByLabel,
  createdAt: apiKeys.createdAt,
  expiresAt: apiKeys.expiresAt,
  lastUsedAt: apiKeys.lastUsedAt,
  revokedAt: apiKeys.revokedAt,
};

/** A date input's value ("2027-01-31"): the key works through the end of that day (UTC). */
const expiryField = z.preprocess(
  (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
  z
    .string({ error: "Enter a date." })
    .regex(/^\d{4}-\d{2}-\d{2}$/, "Enter a date like 2027-01-31.")
    .transform((v, issue) => {
      const end = new Date(`${v}T23:59:59.999Z`);
      if (Number.isNaN(end.getTime())) {
        issue.addIssue({ code: "custom", message: "Enter a real date." });
        return z.NEVER;
      }
      return end;
    })
    .optional(),
);

export const createApiKeyInput = z.object({
  name: z.string({ error: "Name the key." }).trim().min(1, "Name the key, e.g. “CRM sync”.").max(80, "Key names are at most 80 characters."),
  role: z.enum(roleEnum.enumValues, { error: "Choose a role." }),
  expiresOn: expiryField,
});
export const revokeApiKeyInput = z.object({ id: z.uuid({ error: "Unknown key." }) });

export async function listApiKeys(ctx: Ctx): Promise<ApiKeySummary[]> {
  return ctx.db.select(SUMMARY).from(apiKeys).where(eq(apiKeys.workspaceId, ctx.workspaceId)).orderBy(desc(apiKeys.createdAt));
}

/** Creates a key; the secret is in this answer only (it is stored as its hash). */
export async function createApiKey(ctx: Ctx, input: z.output<typeof createApiKeyInput>): Promise<Result<ApiKeySummary & { secret: string }>> {
  // Nobody hands a key more than they could hand a person.
  if (!assignableRoles(ctx.actor.role).includes(input.role as Role)) {
    return fieldError("role", `You cannot create a key with the role ${ROLE_LABELS[input.role]}.`);
  }
  if (input.expiresOn && input.expiresOn.getTime() <= Date.now()) return fieldError("expiresOn", "Choose a date after today.");
  const active = await ctx.db.$count(apiKeys, and(eq(apiKeys.workspaceId, ctx.workspaceId), isNull(apiKeys.revokedAt)));
  if (active >= MAX_ACTIVE_KEYS) return fieldError("name", `A workspace can hold ${MAX_ACTIVE_KEYS} keys. Revoke one you no longer use first.`);
  const secret = newSecret();
  const key = await ctx.db.transaction(async (tx) => {
    const [created] = await tx
      .insert(apiKeys)
      .values({
        workspaceId: ctx.workspaceId,
        name: input.name,
        role: input.role,
        prefix: secret.slice(0, SECRET_PREFIX.length + VISIBLE),
        secretHash: hashSecret(secret),
        createdBy: ctx.actor.userId,
        createdByLabel: actorLabel(ctx.actor),
        expiresAt: input.expiresOn ?? null,
      })
      .returning(SUMMARY);
    await recordAudit(tx, ctx, { action: "api_key.created", entityType: "api_key", entityId: created.id, after: { name: created.name, role: created.role, prefix: created.prefix, expiresAt: created.expiresAt } });
    return created;
  });
  return ok({ ...key, secret });
}

/** Revokes a key at once: its next request is refused (401). */
export async function revokeApiKey(ctx: Ctx, input: z.output<typeof revokeApiKeyInput>): Promise<Result<ApiKeySummary>> {
  return ctx.db.transaction(async (tx) => {
    const [revoked] = await tx
      .update(apiKeys)
      .set({ revokedAt: new Date() })
      .where(and(eq(apiKeys.workspaceId, ctx.workspaceId), eq(apiKeys.id, input.id), isNull(apiKeys.revokedAt)))
      .returning(SUMMARY);
    if (!revoked) return notFound();
    await recordAudit(tx, ctx, { action: "api_key.revoked", entityType: "api_key", entityId: revoked.id, before: { name: revoked.name, prefix: revoked.prefix } });
    return ok(revoked);
  });
}
