import { and, count, desc, eq, type SQL } from "drizzle-orm";
import { auditLog, type AuditEntry } from "@/db/schema";
import type { Ctx } from "@/lib/auth/actor";

export const AUDIT_PAGE_SIZE = 50;

export type AuditQuery = { page: number; action?: string; entityType?: string };

export async function listAuditEntries(ctx: Ctx, query: AuditQuery): Promise<{ entries: AuditEntry[]; total: number }> {
  const conditions: SQL[] = [eq(auditLog.workspaceId, ctx.workspaceId)];
  if (query.action) conditions.push(eq(auditLog.action, query.action));
  if (query.entityType) conditions.push(eq(auditLog.entityType, query.entityType));
  const where = and(...conditions);
  const [entries, [{ total }]] = await Promise.all([
    ctx.db
      .select()
      .from(auditLog)
      .where(where)
      .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
      .limit(AUDIT_PAGE_SIZE)
      .offset((Math.max(1, query.page) - 1) * AUDIT_PAGE_SIZE),
    ctx.db.select({ total: count() }).from(auditLog).where(where),
  ]);
  return { entries, total };
}

/** The distinct actions recorded in this workspace, for the filter menu. */
export async function auditActions(ctx: Ctx): Promise<string[]> {
  const rows = await ctx.db
    .selectDistinct({ action: auditLog.action })
    .from(auditLog)
    .where(eq(auditLog.workspaceId, ctx.workspaceId))
    .orderBy(auditLog.action);
  return rows.map((r) => r.action);
}
