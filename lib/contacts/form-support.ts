import type { AttributeDefinition } from "@/db/schema";
import type { Ctx } from "@/lib/auth/actor";
import { listAttributeDefinitions } from "@/lib/attributes/definitions";
import { listLists } from "@/lib/lists/lists";

/** What the contact form needs beyond the contact: attribute definitions and the workspace's lists. */
export async function contactFormOptions(ctx: Ctx) {
  const [defs, lists] = await Promise.all([listAttributeDefinitions(ctx), listLists(ctx)]);
  return {
    attributes: defs.map((d) => ({ key: d.key, label: d.label, type: d.type, options: d.options })),
    lists: lists.map((l) => ({ id: l.id, name: l.name })),
  };
}

/** Stored attribute values as the form's `attr.<key>` strings. */
export function attributeFormValues(defs: Pick<AttributeDefinition, "key" | "type">[], values: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const def of defs) {
    const value = values[def.key];
    if (value === undefined || value === null) continue;
    out[`attr.${def.key}`] = def.type === "boolean" ? (value ? "yes" : "no") : String(value);
  }
  return out;
}
