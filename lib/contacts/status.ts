import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { contacts, contactStatusEnum, type Contact } from "@/db/schema";
import type { Ctx } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record";
import { notFound, ok, type Result } from "@/lib/result";

export const setStatusInput = z.object({
  id: z.uuid({ error: "Unknown contact." }),
  status: z.enum(contactStatusEnum.enumValues, { error: "Choose a status." }),
});

/** Block, unblock (back to active) or mark inactive. Blocked contacts cannot be invited. */
export async function setContactStatus(ctx: Ctx, input: z.output<typeof setStatusInput>): Promise<Result<Contact>> {
  return ctx.db.transaction(async (tx) => {
    const scope = and(eq(contacts.workspaceId, ctx.workspaceId), eq(contacts.id, input.id));
    const [before] = await tx.select({ status: contacts.status }).from(contacts).where(scope).for("update");
    if (!before) return notFound();
    const [after] = await tx
      .update(contacts)
      .set({ status: input.status, updatedBy: ctx.actor.userId, updatedAt: new Date() })
      .where(scope)
      .returning();
    if (before.status !== input.status) {
      await recordAudit(tx, ctx, {
        action: input.status === "blocked" ? "contact.blocked" : before.status === "blocked" ? "contact.unblocked" : "contact.updated",
        entityType: "contact",
        entityId: input.id,
        before: { status: before.status },
        after: { status: input.status },
      });
    }
    return ok(after);
  });
}
