import type { z } from "zod";
import type { Permission } from "@/lib/auth/permissions";

/**
 * One documented operation of the public API: its method and path, who may
 * call it, the zod schemas of its input and output, and which refusals it
 * documents. The route handler is built from it (lib/api/api-route.ts) and
 * the OpenAPI document is generated from the list of them
 * (lib/api/openapi.ts), so the two cannot say different things.
 */
export type Operation = {
  id: string;
  method: "get" | "post" | "put" | "patch" | "delete";
  /** The OpenAPI path, e.g. /api/v1/contacts/{id}. */
  path: string;
  tag: "Contacts" | "Consent" | "Lists" | "Attributes";
  summary: string;
  description?: string;
  permission: Permission | readonly [Permission, ...Permission[]];
  params?: z.ZodObject;
  /** Parsed by the route (undefined: the route reads the query itself, as the contacts list does with attribute filters). */
  query?: z.ZodObject;
  /** What the document shows for the query when the route reads it itself. */
  documentedQuery?: z.ZodObject;
  body?: z.ZodType;
  /** Success answers by status; a null schema is an empty body. */
  responses: Record<number, { description: string; schema: z.ZodType | null }>;
  /** Problem statuses beyond the ones every operation can answer (401, 403, 429, 500). */
  problems: number[];
};

export function operation<const O extends Operation>(op: O): O {
  return op;
}
