import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { columnPreferences } from "@/db/schema";
import type { Ctx } from "@/lib/auth/actor";
import { listAttributeDefinitions } from "@/lib/attributes/definitions";
import { fieldError, ok, type Result } from "@/lib/result";
import { availableColumns } from "./columns";

export const saveColumnsInput = z.object({
  columns: z.preprocess(
    (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]),
    z.array(z.string().max(60)).max(30, "Choose at most 30 columns."),
  ),
});

/** The member's saved column choice for this workspace, or null for the default. */
export async function getColumnPreferences(ctx: Ctx): Promise<string[] | null> {
  const [row] = await ctx.db
    .select({ columns: columnPreferences.columns })
    .from(columnPreferences)
    .where(and(eq(columnPreferences.workspaceId, ctx.workspaceId), eq(columnPreferences.userId, ctx.actor.userId)));
  return row?.columns ?? null;
}

export async function saveColumnPreferences(ctx: Ctx, input: z.output<typeof saveColumnsInput>): Promise<Result<string[]>> {
  const known = new Set(availableColumns(await listAttributeDefinitions(ctx)).map((c) => c.id));
  const unknown = input.columns.find((c) => !known.has(c));
  if (unknown) return fieldError("columns", `There is no column “${unknown}”.`);
  const columns = [...new Set(input.columns)];
  await ctx.db
    .insert(columnPreferences)
    .values({ workspaceId: ctx.workspaceId, userId: ctx.actor.userId, columns })
    .onConflictDoUpdate({ target: [columnPreferences.workspaceId, columnPreferences.userId], set: { columns, updatedAt: new Date() } });
  return ok(columns);
}
