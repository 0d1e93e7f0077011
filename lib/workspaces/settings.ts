import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { workspaces } from "@/db/schema";
import type { Ctx } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record";
import { notFound, ok, type Result } from "@/lib/result";
import { checkboxField, countryField, workspaceNameField } from "@/lib/validation/fields";

export const MAX_CONTACT_LIMIT = 100_000_000;

const contactLimitField = z.preprocess(
  (v) => (typeof v === "string" ? v.replace(/[\s,]/g, "") : v),
  z.union([
    z.literal("").transform(() => null),
    z.null(),
    z.coerce
      .number({ error: "Enter a whole number, or leave empty for no limit." })
      .int("Enter a whole number, or leave empty for no limit.")
      .min(1, "The limit must be at least 1, or empty for no limit.")
      .max(MAX_CONTACT_LIMIT, `The limit can be at most ${MAX_CONTACT_LIMIT.toLocaleString("en-US")}.`),
  ]),
);

export const workspaceSettingsInput = z.object({
  name: workspaceNameField,
  defaultCountry: countryField,
  contactsEnabled: checkboxField,
  contactLimit: contactLimitField.optional().transform((v) => v ?? null),
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
