import crypto from "node:crypto";
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { workspaces } from "@/db/schema";
import type { Ctx } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record";
import { displaySecret } from "@/lib/inbound/signature";
import { notFound, ok, type Result } from "@/lib/result";
import { checkboxField, countryField, workspaceNameField } from "@/lib/validation/fields";

export const MAX_CONTACT_LIMIT = 100_000_000;

const WHOLE_NUMBER = "Enter a whole number, or leave empty for no limit.";

// Empty means no limit; "5,000" and "5 000" are read as 5000.
const contactLimitField = z.preprocess(
  (v) => {
    const text = v === undefined || v === null ? "" : String(v).replace(/[\s,]/g, "");
    return text === "" ? null : Number(text);
  },
  z
    .number({ error: WHOLE_NUMBER })
    .int(WHOLE_NUMBER)
    .min(1, "The limit must be at least 1, or empty for no limit.")
    .max(MAX_CONTACT_LIMIT, `The limit can be at most ${MAX_CONTACT_LIMIT.toLocaleString("en-US")}.`)
    .nullable(),
);

export const workspaceSettingsInput = z.object({
  name: workspaceNameField,
  defaultCountry: countryField,
  contactsEnabled: checkboxField,
  contactLimit: contactLimitField,
});

export type WorkspaceSettings = z.output<typeof workspaceSettingsInput>;

export async function updateWorkspaceSettings(ctx: Ctx, input: WorkspaceSettings): Promise<Result<WorkspaceSettings>> {
  return ctx.db.transaction(async (tx) => {
    const [before] = await tx
      .select({
        name: workspaces.name,
        defaultCountry: workspaces.defaultCountry,
        contactsEnabled: workspaces.contactsEnabled,
        contactLimit: workspaces.contactLimit,
      })
      .from(workspaces)
      .where(eq(workspaces.id, ctx.workspaceId))
      .for("update");
    if (!before) return notFound();
    await tx
      .update(workspaces)
      .set({ ...input, updatedAt: new Date() })
      .where(and(eq(workspaces.id, ctx.workspaceId)));
    await recordAudit(tx, ctx, {
      action: "workspace.settings_updated",
      entityType: "workspace",
      entityId: ctx.workspaceId,
      before,
      after: input,
    });
    return ok(input);
  });
}

/** A new inbound-webhook secret (returned as settings show it); the old one stops working at once. */
export async function regenerateInboundSecret(ctx: Ctx): Promise<Result<{ secret: string }>> {
  const secret = crypto.randomBytes(32).toString("hex");
  return ctx.db.transaction(async (tx) => {
    await tx.update(workspaces).set({ inboundSecret: secret, updatedAt: new Date() }).where(eq(workspaces.id, ctx.workspaceId));
    await recordAudit(tx, ctx, { action: "workspace.inbound_secret_regenerated", entityType: "workspace", entityId: ctx.workspaceId });
    return ok({ secret: displaySecret(secret) });
  });
}
