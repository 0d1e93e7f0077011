import { and, eq } from "drizzle-orm";
import { contacts, type Contact } from "@/db/schema";
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
