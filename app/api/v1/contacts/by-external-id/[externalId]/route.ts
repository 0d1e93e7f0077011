import { apiRoute, segment } from "@/lib/api/api-route";
import { findContactApi, upsertContactApi } from "@/lib/api/contacts";
import { OP } from "@/lib/api/operations";

export const dynamic = "force-dynamic";

export const GET = apiRoute(OP.getContactByExternalId, (ctx, { params }) => findContactApi(ctx, { kind: "externalId", value: segment(params.externalId) }));
export const PUT = apiRoute(OP.upsertContactByExternalId, (ctx, { params, body }) => upsertContactApi(ctx, { kind: "externalId", value: segment(params.externalId) }, body));
