import { z } from "zod";
import { defineRoute } from "@/lib/auth/route";
import { searchForPicker } from "@/lib/contacts/picker";
import { ok } from "@/lib/result";

export const dynamic = "force-dynamic";

const LIMIT = { error: "The limit must be a whole number from 1 to 50." };

/** GET /api/contacts/search?q=…&limit=20 — the invite picker's search (favorites first). */
export const GET = defineRoute({
  permission: "contacts.view",
  query: z.object({
    q: z.string().trim().max(200, { error: "Search for at most 200 characters." }).default(""),
    limit: z.coerce.number(LIMIT).int(LIMIT).min(1, LIMIT).max(50, LIMIT).default(20),
  }),
  run: async (ctx, { query }) => ok({ contacts: await searchForPicker(ctx, query.q, query.limit) }),
});
