import { stringify } from "csv-stringify/sync";
import { listAttributeDefinitions } from "@/lib/attributes/definitions";
import { defineRoute } from "@/lib/auth/route";
import { IMPORT_FIELDS } from "@/lib/import/fields";

export const dynamic = "force-dynamic";

const EXAMPLE: Record<string, string> = {
  firstName: "Jane",
  lastName: "Doe",
  company: "Acme Inc.",
  phone: "+1 201 555 0123",
  email: "jane@example.com",
  lists: "Customers|VIP",
  status: "active",
  preferredChannel: "sms",
  timezone: "America/New_York",
};

/** GET /api/imports/template — the standard columns plus this workspace's custom attributes, with one example row. */
export const GET = defineRoute({
  permission: "contacts.import",
  run: async (ctx) => {
    const fields = IMPORT_FIELDS.filter((f) => f.id !== "name");
    const defs = await listAttributeDefinitions(ctx);
    const header = [...fields.map((f) => f.label), ...defs.map((d) => d.label)];
    const example = [...fields.map((f) => EXAMPLE[f.id] ?? ""), ...defs.map(() => "")];
    return new Response(`\uFEFF${stringify([header, example])}`, {
      headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": 'attachment; filename="contacts-template.csv"' },
    });
  },
});
