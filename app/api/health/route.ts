import { defineRoute } from "@/lib/auth/route";
import { ok } from "@/lib/result";

export const dynamic = "force-dynamic";

/**
 * GET /api/health — liveness for load balancers and orchestrators: 200
 * `{ "status": "ok" }` while the process answers. It opens no database on
 * purpose: a restart cannot fix a database that is down, and /api/ready is
 * the probe that takes an instance out of rotation for that.
 */
export const GET = defineRoute({
  auth: "public",
  run: async () => ok({ status: "ok" }),
});
