import type { Db } from "@/db/client";
import type { Role } from "@/db/schema";
import { createApiKey } from "@/lib/api-keys/keys";
import type { Operation } from "@/lib/api/operation";
import { BASE } from "../support";
import { checkAgainstContract } from "./contract";
import { createMember, createWorkspace, ctxFor } from "../../support/fixtures";

/*
 * /api/v1 tests call a route's exported handler with a real Request carrying
 * `Authorization: Bearer <key>`. Each file mocks only getDb (the API takes
 * the database from it, as a webhook does):
 *
 *   jest.mock("@/db/client", () => ({ ...jest.requireActual("@/db/client"), getDb: jest.fn() }));
 */

export type Handler = ((request: Request, context?: { params: Promise<unknown> }) => Promise<Response>) & { operation?: Operation };

/** A key of `role`, made through the lib function the Settings page calls, by a Super Admin of the workspace. */
export async function keyFor(db: Db, workspaceId: string, role: Role, owner?: { userId: string }, expiresOn?: Date): Promise<{ secret: string; id: string; ownerId: string }> {
  const creator = owner ?? (await createMember(db, workspaceId, "super_admin"));
  const created = await createApiKey(await ctxFor(db, creator.userId), { name: `${role} key`, role, expiresOn });
  if (!created.ok) throw new Error(created.message);
  return { secret: created.data.secret, id: created.data.id, ownerId: creator.userId };
}

/** A workspace with one key per role that matters to the matrix. */
export async function workspaceWithKeys(db: Db, values: { contactsEnabled?: boolean; defaultCountry?: string } = {}) {
  const workspace = await createWorkspace(db, values);
  const owner = await createMember(db, workspace.id, "super_admin");
  const key = (role: Role) => keyFor(db, workspace.id, role, owner);
  return { workspace, owner, admin: await key("administrator"), agent: await key("user"), analyst: await key("data_analyst") };
}

type CallOptions = { key?: string; body?: unknown; params?: Record<string, string>; headers?: Record<string, string>; rawBody?: string };

/** Calls a handler as a client would; `path` may carry a query string. The answer is checked against the OpenAPI document. */
export async function call(handler: Handler, method: string, path: string, options: CallOptions = {}) {
  const headers: Record<string, string> = { ...(options.key ? { authorization: `Bearer ${options.key}` } : {}), ...options.headers };
  const body = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  if (body !== undefined) headers["content-type"] ??= "application/json";
  const response = await handler(new Request(BASE + path, { method, headers, body }), { params: Promise.resolve(options.params ?? {}) });
  const text = await response.text();
  const parsed = text ? (JSON.parse(text) as Record<string, unknown>) : null;
  if (handler.operation) checkAgainstContract(handler.operation, response.status, response.headers.get("content-type"), parsed);
  return { status: response.status, headers: response.headers, body: parsed, response };
}
