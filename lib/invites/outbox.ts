import { count, desc, eq } from "drizzle-orm";
import { outbox } from "@/db/schema";
import type { Ctx } from "@/lib/auth/actor";

export const OUTBOX_PAGE_SIZE = 50;

/** What the built-in transport "sent", newest first. */
export async function listOutbox(ctx: Ctx, page: number) {
  const where = eq(outbox.workspaceId, ctx.workspaceId);
  const [rows, [{ total }]] = await Promise.all([
    ctx.db.select().from(outbox).where(where).orderBy(desc(outbox.createdAt), desc(outbox.id)).limit(OUTBOX_PAGE_SIZE).offset((page - 1) * OUTBOX_PAGE_SIZE),
    ctx.db.select({ total: count() }).from(outbox).where(where),
  ]);
  return { rows, total, pages: Math.max(1, Math.ceil(total / OUTBOX_PAGE_SIZE)) };
}
