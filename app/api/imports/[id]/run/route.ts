import { z } from "zod";
import { defineRoute } from "@/lib/auth/route";
import { startImport } from "@/lib/import/jobs";

export const dynamic = "force-dynamic";

/** POST /api/imports/:id/run — run a previewed import (202; poll GET /api/imports/:id). */
export const POST = defineRoute({
  permission: "contacts.import",
  params: z.object({ id: z.uuid({ error: "Unknown import." }) }),
  status: 202,
  run: (ctx, { params }) => startImport(ctx, params.id, "run"),
});
