import { apiRoute } from "@/lib/api/api-route";
import { addMembersApi } from "@/lib/api/lists";
import { OP } from "@/lib/api/operations";

export const dynamic = "force-dynamic";

export const POST = apiRoute(OP.addListMembers, (ctx, { params, body }) => addMembersApi(ctx, params.id, body.contactIds));
