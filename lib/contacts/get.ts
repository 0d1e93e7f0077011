import { and, desc, eq } from "drizzle-orm";
import { auditLog, contacts, type AuditEntry, type Contact } from "@/db/schema";
import type { Ctx } from "@/lib/auth/actor";
import { isFavorite } from "./favorites";

export type ContactDetails = Contact & { starred: boolean };

/** One contact of this workspace, or null (another workspace's id is simply not found). */
export async function getContact(ctx: Ctx, id: string): Promise<ContactDetails | null> {
  const [contact] = await ctx.db
    .select()
    .from(contacts)
    .where(and(eq(contacts.workspaceId, ctx.workspaceId), eq(contacts.id, id)));
  if (!contact) return null;
  return { ...contact, starred: await isFavorite(ctx, id) };
}

/** The contact's activity so far: its audit entries, newest first. */
export async function contactActivity(ctx: Ctx, id: string, limit = 50): Promise<AuditEntry[]> {
  return ctx.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.workspaceId, ctx.workspaceId), eq(auditLog.entityType, "contact"), eq(auditLog.entityId, id)))
    .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
    .limit(limit);
}
