import { apiRoute, segment } from "@/lib/api/api-route";
import { findContactApi, upsertContactApi } from "@/lib/api/contacts";
import { OP } from "@/lib/api/operations";

export const dynamic = "force-dynamic";

export const GET = apiRoute(OP.getContactByPhone, (ctx, { params }) => findContactApi(ctx, { kind: "phone", value: segment(params.phone) }));
export const PUT = apiRoute(OP.upsertContactByPhone, (ctx, { params, body }) => upsertContactApi(ctx, { kind: "phone", value: segment(params.phone) }, body));
