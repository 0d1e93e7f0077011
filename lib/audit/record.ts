import { auditLog } from "@/db/schema";
import { actorLabel, type Ctx } from "@/lib/auth/actor";

export type AuditInput = {
  action: string;
  entityType: string;
  entityId?: string | null;
  before?: unknown;
  after?: unknown;
};

/** Who made a change: a member, or the system on someone's behalf (e.g. an inbound STOP message). */
export type AuditActor = { workspaceId: string; actorUserId: string | null; actorLabel: string };

type Writer = Pick<Ctx["db"], "insert">;

export async function recordAuditAs(tx: Writer, actor: AuditActor, entry: AuditInput): Promise<void> {
  await tx.insert(auditLog).values({
    ...actor,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId ?? null,
    before: entry.before ?? null,
    after: entry.after ?? null,
  });
}

export function auditActorOf(ctx: Ctx): AuditActor {
  return { workspaceId: ctx.workspaceId, actorUserId: ctx.actor.userId, actorLabel: actorLabel(ctx.actor) };
}

/** Writes one audit entry; call it with the transaction that makes the change. */
export async function recordAudit(tx: Writer, ctx: Ctx, entry: AuditInput): Promise<void> {
  await recordAuditAs(tx, auditActorOf(ctx), entry);
}
