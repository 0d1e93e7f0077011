import { OpenAPIRegistry, OpenApiGeneratorV31 } from "@asteasolutions/zod-to-openapi";
import { z } from "zod";
import { PERMISSIONS, ROLE_LABELS } from "@/lib/auth/permissions";
import type { Operation } from "./operation";
import { OPERATIONS } from "./operations";
import { problemSchema } from "./schemas";

const COMMON_PROBLEMS: Record<number, string> = {
  401: "No key, or a key that is unknown, revoked or expired.",
  403: "The key's role does not allow this.",
  404: "Not found in this workspace (another workspace's ids are not found either), or Contacts Management is switched off for it.",
  409: "A duplicate (see `existing`), or a request with this Idempotency-Key still running.",
  422: "The request's content was refused: see `fieldErrors`. Also: an Idempotency-Key reused with a different request.",
  429: "Over the key's rate limit: wait `Retry-After` seconds.",
  500: "Something failed on our side; nothing was saved.",
};

function permissionText(op: Operation): string {
  const permissions = typeof op.permission === "string" ? [op.permission] : op.permission;
  return permissions
    .map((p) => `Needs a key whose role may ${PERMISSIONS[p].label}: ${PERMISSIONS[p].roles.map((r) => ROLE_LABELS[r]).join(", ")}.`)
    .join(" ");
}

function register(registry: OpenAPIRegistry, op: Operation) {
  const permissions = typeof op.permission === "string" ? [op.permission] : op.permission;
  // A contact feature does not exist (404) while the workspace has Contacts Management off.
  const feature = permissions.some((p) => PERMISSIONS[p].contacts) ? [404] : [];
  const problems = [...new Set([401, 403, 429, 500, ...feature, ...op.problems])].sort();
  const writes = ["post", "put", "patch"].includes(op.method);
  registry.registerPath({
    operationId: op.id,
    method: op.method,
    path: op.path,
    tags: [op.tag],
    summary: op.summary,
    description: [op.description, permissionText(op)].filter(Boolean).join("\n\n"),
    security: [{ apiKey: [] }],
    request: {
      params: op.params,
      query: op.query ?? op.documentedQuery,
      headers: writes ? z.object({ "Idempotency-Key": z.string().optional().meta({ description: "Replays the first answer for 24 hours; a different request with the same key answers 422." }) }) : undefined,
      body: op.body ? { required: true, content: { "application/json": { schema: op.body } } } : undefined,
    },
    responses: {
      ...Object.fromEntries(
        Object.entries(op.responses).map(([status, r]) => [status, r.schema ? { description: r.description, content: { "application/json": { schema: r.schema } } } : { description: r.description }]),
      ),
      ...Object.fromEntries(problems.map((status) => [String(status), { description: COMMON_PROBLEMS[status], content: { "application/problem+json": { schema: problemSchema } } }])),
    },
  });
}

let cached: ReturnType<OpenApiGeneratorV31["generateDocument"]> | null = null;

/** The OpenAPI 3.1 document of /api/v1, generated from the operations' zod schemas (once per process). */
export function openApiDocument() {
  if (cached) return cached;
  const registry = new OpenAPIRegistry();
  registry.registerComponent("securitySchemes", "apiKey", {
    type: "http",
    scheme: "bearer",
    description: "An API key from Settings → API keys: `Authorization: Bearer sb_live_…`.",
  });
  for (const op of OPERATIONS) register(registry, op as Operation);
  cached = new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: "3.1.0",
    info: {
      title: "Switchboard API",
      version: "1.0.0",
      description: "The shared address book's contacts, consent and lists. Every key acts inside its own workspace, with one role. Errors are RFC 9457 problem details.",
    },
    servers: [{ url: "/" }],
  });
  return cached;
}
