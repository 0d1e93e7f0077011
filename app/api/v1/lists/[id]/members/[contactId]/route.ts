import { apiRoute } from "@/lib/api/api-route";
import { removeMemberApi } from "@/lib/api/lists";
import { OP } from "@/lib/api/operations";

export const dynamic = "force-dynamic";

export const DELETE = apiRoute(OP.removeListMember, (ctx, { params }) => removeMemberApi(ctx, params.id, params.contactId));
