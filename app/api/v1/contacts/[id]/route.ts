import { apiRoute, noContent } from "@/lib/api/api-route";
import { deleteContactApi, getContactApi, updateContactApi } from "@/lib/api/contacts";
import { OP } from "@/lib/api/operations";

export const dynamic = "force-dynamic";

export const GET = apiRoute(OP.getContact, (ctx, { params }) => getContactApi(ctx, params.id));
export const PATCH = apiRoute(OP.updateContact, (ctx, { params, body }) => updateContactApi(ctx, params.id, body));
export const DELETE = apiRoute(OP.deleteContact, async (ctx, { params }) => {
  const deleted = await deleteContactApi(ctx, params.id);
  return deleted.ok ? noContent() : deleted;
});
