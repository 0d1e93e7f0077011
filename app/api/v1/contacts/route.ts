import { apiRoute } from "@/lib/api/api-route";
import { createContactApi, listContactsApi } from "@/lib/api/contacts";
import { OP } from "@/lib/api/operations";
import { queryObject } from "@/lib/auth/route-input";

export const dynamic = "force-dynamic";

export const GET = apiRoute(OP.listContacts, (ctx, { request }) => listContactsApi(ctx, queryObject(new URL(request.url).searchParams)));
export const POST = apiRoute(OP.createContact, (ctx, { body }) => createContactApi(ctx, body));
