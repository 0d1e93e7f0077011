import { apiRoute } from "@/lib/api/api-route";
import { createContactApi, listContactsApi } from "@/lib/api/contacts";
import { OP } from "@/lib/api/operations";

export const dynamic = "force-dynamic";

export const GET = apiRoute(OP.listContacts, (ctx, { request }) => listContactsApi(ctx, queryOf(request)));
export const POST = apiRoute(OP.createContact, (ctx, { body }) => createContactApi(ctx, body));

/** The query string as defineRoute hands it to a schema (a repeated name becomes an array). */
function queryOf(request: Request): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [key, value] of new URL(request.url).searchParams) {
    const previous = out[key];
    out[key] = previous === undefined ? value : Array.isArray(previous) ? [...previous, value] : [previous, value];
  }
  return out;
}
