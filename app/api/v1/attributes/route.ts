import { apiRoute } from "@/lib/api/api-route";
import { listAttributesApi } from "@/lib/api/lists";
import { OP } from "@/lib/api/operations";

export const dynamic = "force-dynamic";

export const GET = apiRoute(OP.listAttributes, (ctx) => listAttributesApi(ctx));
