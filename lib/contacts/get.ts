import { and, eq } from "drizzle-orm";
import { contacts, type Channel, type Contact } from "@/db/schema";
import type { Db } from "@/db/client";
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

/**
 * The contact of this workspace that owns a normalized phone (E.164) or
 * email (see normalizeReach), if any: whom an invite goes to, whom an
 * inbound message comes from.
 */
export async function findContactByReach(db: Pick<Db, "select">, workspaceId: string, channel: Channel, value: string): Promise<Contact | null> {
  const column = channel === "email" ? contacts.email : contacts.phoneE164;
  const [contact] = await db
    .select()
    .from(contacts)
    .where(and(eq(contacts.workspaceId, workspaceId), eq(column, value)))
    .limit(1);
  return contact ?? null;
}
