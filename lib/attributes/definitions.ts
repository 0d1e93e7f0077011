import { and, asc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { isUniqueViolation } from "@/db/errors";
import { queryRows } from "@/db/query";
import { attributeDefinitions, attributeTypeEnum, type AttributeDefinition } from "@/db/schema";
import type { Ctx } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record";
import { refreshAttributeText } from "./search-text";
import { dropAttributeValueCounts, rebuildAttributeValueCounts } from "./value-counts";
import { checkboxField } from "@/lib/validation/fields";
import { fail, fieldError, notFound, ok, type Result } from "@/lib/result";

export async function listAttributeDefinitions(ctx: Pick<Ctx, "db" | "workspaceId">): Promise<AttributeDefinition[]> {
  return ctx.db
    .select()
    .from(attributeDefinitions)
    .where(eq(attributeDefinitions.workspaceId, ctx.workspaceId))
    .orderBy(asc(attributeDefinitions.createdAt), asc(attributeDefinitions.key));
}

const labelField = z.string({ error: "Enter a label." }).trim().min(1, "Enter a label.").max(80, "Labels are at most 80 characters.");

/** Dropdown options, one per line (or an array); blanks dropped, duplicates refused. */
const optionsField = z.preprocess(
  (v) => (typeof v === "string" ? v.split(/\r?\n/) : v ?? []),
  z
    .array(z.string().trim().max(100, "Options are at most 100 characters."))
    .transform((list) => list.filter(Boolean))
    .refine((list) => new Set(list.map((o) => o.toLowerCase())).size === list.length, "Each option must be different."),
);

export const createAttributeInput = z
  .object({
    key: z
      .string({ error: "Enter a key." })
      .trim()
      .min(1, "Enter a key.")
      .max(40, "Keys are at most 40 characters.")
      .regex(/^[a-z][a-z0-9_]*$/, "Keys use lower-case letters, digits and _, starting with a letter (e.g. renewal_date)."),
    label: labelField,
    type: z.enum(attributeTypeEnum.enumValues, { error: "Choose a type." }),
    options: optionsField,
  })
  .superRefine((v, ctx) => {
    if (v.type === "dropdown" && v.options.length === 0) ctx.addIssue({ code: "custom", path: ["options"], message: "Add at least one option." });
  });

export const updateAttributeInput = z.object({
  id: z.uuid({ error: "Unknown attribute." }),
  label: labelField,
  options: optionsField,
  confirmed: checkboxField.optional(),
});

export const deleteAttributeInput = z.object({ id: z.uuid({ error: "Unknown attribute." }), confirmed: checkboxField.optional() });

export async function createAttribute(ctx: Ctx, input: z.output<typeof createAttributeInput>): Promise<Result<AttributeDefinition>> {
  try {
    return await ctx.db.transaction(async (tx) => {
      const [created] = await tx
        .insert(attributeDefinitions)
        .values({
          workspaceId: ctx.workspaceId,
          key: input.key,
          label: input.label,
          type: input.type,
          options: input.type === "dropdown" ? input.options : [],
        })
        .returning();
      if (created.type === "dropdown" || created.type === "boolean") await rebuildAttributeValueCounts(tx, ctx.workspaceId, created.key);
      await recordAudit(tx, ctx, { action: "attribute.created", entityType: "attribute", entityId: created.id, after: created });
      return ok(created);
    });
  } catch (error) {
    if (isUniqueViolation(error, "attribute_definitions_key")) return fieldError("key", `The key "${input.key}" is already used.`);
    throw error;
  }
}

async function loadForUpdate(tx: Pick<Ctx["db"], "select">, ctx: Ctx, id: string) {
  const [def] = await tx
    .select()
    .from(attributeDefinitions)
    .where(and(eq(attributeDefinitions.workspaceId, ctx.workspaceId), eq(attributeDefinitions.id, id)))
    .for("update");
  return def;
}

async function countHolding(tx: Pick<Ctx["db"], "execute">, ctx: Ctx, key: string, values?: string[]): Promise<number> {
  const holding = values
    ? sql`c.attributes ->> ${key} IN ${sqlList(values)}`
    : sql`c.attributes ? ${key}`;
  const [row] = await queryRows<{ n: number | string }>(tx, sql`SELECT count(*) AS n FROM contacts c WHERE c.workspace_id = ${ctx.workspaceId} AND ${holding}`);
  return Number(row.n);
}

/** `(v1, v2, …)` as bound parameters. */
function sqlList(values: string[]) {
  return sql`(${sql.join(values.map((v) => sql`${v}`), sql`, `)})`;
}

const plural = (n: number) => `${n.toLocaleString("en-US")} contact${n === 1 ? "" : "s"}`;
const verb = (n: number) => (n === 1 ? "holds" : "hold");

/**
 * Renames an attribute or changes its dropdown options. Removing options that
 * contacts hold needs `confirmed`: the answer says how many, and on
 * confirmation those values are cleared in the same transaction.
 */
export async function updateAttribute(ctx: Ctx, input: z.output<typeof updateAttributeInput>): Promise<Result<AttributeDefinition>> {
  return ctx.db.transaction(async (tx) => {
    const def = await loadForUpdate(tx, ctx, input.id);
    if (!def) return notFound();
    const options = def.type === "dropdown" ? input.options : [];
    if (def.type === "dropdown" && options.length === 0) return fieldError("options", "Add at least one option.");
    const kept = new Set(options.map((o) => o.toLowerCase()));
    const removed = def.options.filter((o) => !kept.has(o.toLowerCase()));
    let clearedAny = false;
    if (removed.length > 0) {
      const holding = await countHolding(tx, ctx, def.key, removed);
      if (holding > 0 && !input.confirmed) {
        return fail("conflict", `${plural(holding)} ${verb(holding)} ${removed.map((o) => `“${o}”`).join(", ")}. Saving clears those values.`, {
          options: `${plural(holding)} ${verb(holding)} a removed option. Confirm to clear their values.`,
        });
      }
      if (holding > 0) {
        await tx.execute(
          sql`UPDATE contacts SET attributes = attributes - ${def.key}, updated_at = now()
              WHERE workspace_id = ${ctx.workspaceId} AND attributes ->> ${def.key} IN ${sqlList(removed)}`,
        );
        clearedAny = true;
      }
    }
    if (clearedAny) await refreshAttributeText(tx, ctx.workspaceId, sql`c.attribute_text IS NOT NULL`);
    const [after] = await tx
      .update(attributeDefinitions)
      .set({ label: input.label, options })
      .where(and(eq(attributeDefinitions.workspaceId, ctx.workspaceId), eq(attributeDefinitions.id, def.id)))
      .returning();
    await recordAudit(tx, ctx, {
      action: "attribute.updated",
      entityType: "attribute",
      entityId: def.id,
      before: { label: def.label, options: def.options },
      after: { label: after.label, options: after.options, clearedOptions: removed },
    });
    return ok(after);
  });
}

/** Deletes an attribute; if contacts hold values, only with `confirmed`, and their values go too. */
export async function deleteAttribute(ctx: Ctx, input: z.output<typeof deleteAttributeInput>): Promise<Result<{ cleared: number }>> {
  return ctx.db.transaction(async (tx) => {
    const def = await loadForUpdate(tx, ctx, input.id);
    if (!def) return notFound();
    const holding = await countHolding(tx, ctx, def.key);
    if (holding > 0 && !input.confirmed) {
      return fail("conflict", `${plural(holding)} ${verb(holding)} a value for ${def.label}. Deleting the attribute deletes those values.`);
    }
    if (holding > 0) {
      await tx.execute(
        sql`UPDATE contacts SET attributes = attributes - ${def.key}, updated_at = now()
            WHERE workspace_id = ${ctx.workspaceId} AND attributes ? ${def.key}`,
      );
    }
    await tx.delete(attributeDefinitions).where(and(eq(attributeDefinitions.workspaceId, ctx.workspaceId), eq(attributeDefinitions.id, def.id)));
    await dropAttributeValueCounts(tx, ctx.workspaceId, def.key);
    if (holding > 0 && (def.type === "text" || def.type === "dropdown")) {
      await refreshAttributeText(tx, ctx.workspaceId, sql`c.attribute_text IS NOT NULL`);
    }
    await recordAudit(tx, ctx, { action: "attribute.deleted", entityType: "attribute", entityId: def.id, before: { ...def, contactsHolding: holding } });
    return ok({ cleared: holding });
  });
}
