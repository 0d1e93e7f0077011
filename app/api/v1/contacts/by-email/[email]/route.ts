import { apiRoute, segment } from "@/lib/api/api-route";
import { findContactApi, upsertContactApi } from "@/lib/api/contacts";
import { OP } from "@/lib/api/operations";

export const dynamic = "force-dynamic";

export const GET = apiRoute(OP.getContactByEmail, (ctx, { params }) => findContactApi(ctx, { kind: "email", value: segment(params.email) }));
export const PUT = apiRoute(OP.upsertContactByEmail, (ctx, { params, body }) => upsertContactApi(ctx, { kind: "email", value: segment(params.email) }, body));
