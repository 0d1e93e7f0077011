import { auditLog } from "@/db/schema";
import type { Ctx } from "@/lib/auth/actor";

export type AuditInput = {
  action: string;
  entityType: string;
  entityId?: string | null;
  before?: unknown;
  after?: unknown;
};

type Writer = Pick<Ctx["db"], "insert">;

/** Writes one audit entry; call it with the transaction that makes the change. */
export async function recordAudit(tx: Writer, ctx: Ctx, entry: AuditInput): Promise<void> {
  await tx.insert(auditLog).values({
    workspaceId: ctx.workspaceId,
    actorUserId: ctx.actor.userId,
    actorLabel: `${ctx.actor.name} <${ctx.actor.email}>`,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId ?? null,
    before: entry.before ?? null,
    after: entry.after ?? null,
  });
}
