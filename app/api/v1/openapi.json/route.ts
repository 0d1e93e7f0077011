import { openApiDocument } from "@/lib/api/openapi";
import { defineRoute } from "@/lib/auth/route";
import { ok } from "@/lib/result";

export const dynamic = "force-dynamic";

/** GET /api/v1/openapi.json — the contract, generated from the operations' zod schemas; public, like any API's reference. */
export const GET = defineRoute({ auth: "public", run: async () => ok(openApiDocument()) });
