import { apiRoute } from "@/lib/api/api-route";
import { createListApi, listListsApi } from "@/lib/api/lists";
import { OP } from "@/lib/api/operations";

export const dynamic = "force-dynamic";

export const GET = apiRoute(OP.listLists, (ctx) => listListsApi(ctx));
export const POST = apiRoute(OP.createList, (ctx, { body }) => createListApi(ctx, body));
