import { defineRoute } from "@/lib/auth/route";
import { checkReadiness } from "@/lib/health/readiness";

export const dynamic = "force-dynamic";

/**
 * GET /api/ready — readiness for load balancers and orchestrators: 200 when
 * the database answers, every migration is applied and this process's job
 * queue runs; 503 otherwise. The body names each check with one word
 * (`{ "status": "not_ready", "checks": { "database": "ok", "migrations":
 * "ok", "jobs": "not_running" } }`) and nothing else; the reason is logged.
 */
export const GET = defineRoute({
  auth: "public",
  run: async () => {
    const readiness = await checkReadiness();
    return Response.json(readiness, { status: readiness.status === "ready" ? 200 : 503, headers: { "cache-control": "no-store" } });
  },
});
