jest.mock("@/db/client", () => ({ ...jest.requireActual("@/db/client"), getDb: jest.fn() }));

import { and, eq } from "drizzle-orm";
import { getDb, type DatabaseHandle } from "@/db/client";
import * as collection from "@/app/api/v1/contacts/route";
import { apiKeys, auditLog, contacts, memberships } from "@/db/schema";
import { createApiKey, listApiKeys, revokeApiKey } from "@/lib/api-keys/keys";
import { createMember, createWorkspace, ctxFor } from "../../support/fixtures";
import { createTestDatabase } from "../../support/db";
import { call, keyFor, workspaceWithKeys } from "./support";

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
  jest.mocked(getDb).mockResolvedValue(handle.db);
});
afterAll(() => handle.close());

const list = (key?: string, headers?: Record<string, string>) => call(collection.GET, "GET", "/api/v1/contacts", { key, headers });

test("a key is stored only as its hash beside a visible prefix, and its secret is shown once", async () => {
  const workspace = await createWorkspace(handle.db);
  const owner = await createMember(handle.db, workspace.id, "super_admin");
  const created = await createApiKey(await ctxFor(handle.db, owner.userId), { name: "CRM sync", role: "user" });
  if (!created.ok) throw new Error(created.message);
  expect(created.data.secret).toMatch(/^sb_live_[A-Za-z0-9_-]{43}$/);
  expect(created.data.secret.startsWith(created.data.prefix)).toBe(true);
  const [row] = await handle.db.select().from(apiKeys).where(eq(apiKeys.id, created.data.id));
  expect(JSON.stringify(row)).not.toContain(created.data.secret.slice(12));
  expect(row.secretHash).toMatch(/^[0-9a-f]{64}$/);
  const listed = await listApiKeys(await ctxFor(handle.db, owner.userId));
  expect(listed).toHaveLength(1);
  expect(JSON.stringify(listed)).not.toContain(created.data.secret);
});

test("no key, a malformed one, an unknown one, or a session cookie alone: 401 problem with WWW-Authenticate", async () => {
  await workspaceWithKeys(handle.db);
  for (const answer of [await list(), await list("not-a-key"), await list("sb_live_" + "x".repeat(43)), await list(undefined, { cookie: "next-auth.session-token=abc" })]) {
    expect(answer.status).toBe(401);
    expect(answer.headers.get("content-type")).toBe("application/problem+json");
    expect(answer.headers.get("www-authenticate")).toContain("Bearer");
    expect(answer.body).toMatchObject({ status: 401, title: "Unauthorized", type: "/api-docs#problem-unauthenticated" });
  }
});

test("a revoked key is refused on its next request; an expired one too", async () => {
  const { workspace, owner, agent } = await workspaceWithKeys(handle.db);
  expect((await list(agent.secret)).status).toBe(200);
  const revoked = await revokeApiKey(await ctxFor(handle.db, owner.userId), { id: agent.id });
  expect(revoked.ok).toBe(true);
  expect((await list(agent.secret)).body).toMatchObject({ status: 401, detail: "This API key has been revoked." });
  const expiring = await keyFor(handle.db, workspace.id, "user", owner, new Date(Date.now() + 86_400_000));
  expect((await list(expiring.secret)).status).toBe(200);
  await handle.db.update(apiKeys).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(apiKeys.id, expiring.id));
  expect((await list(expiring.secret)).body).toMatchObject({ status: 401, detail: "This API key has expired." });
});

test("a key stops working when its creator leaves the workspace or can no longer grant its role", async () => {
  const workspace = await createWorkspace(handle.db);
  const maker = await createMember(handle.db, workspace.id, "administrator");
  const key = await keyFor(handle.db, workspace.id, "user_manager", maker);
  expect((await list(key.secret)).status).toBe(200);
  await handle.db.update(memberships).set({ role: "user_manager" }).where(eq(memberships.userId, maker.userId));
  expect((await list(key.secret)).status).toBe(200);
  await handle.db.update(memberships).set({ role: "user" }).where(eq(memberships.userId, maker.userId));
  expect((await list(key.secret)).body?.detail).toMatch(/can no longer grant its role/);
  await handle.db.delete(memberships).where(and(eq(memberships.workspaceId, workspace.id), eq(memberships.userId, maker.userId)));
  expect((await list(key.secret)).body?.detail).toMatch(/has left the workspace/);
});

test("nobody creates a key with more than they could grant a person; a past expiry is refused", async () => {
  const workspace = await createWorkspace(handle.db);
  const manager = await createMember(handle.db, workspace.id, "user_manager");
  const ctx = await ctxFor(handle.db, manager.userId);
  expect(await createApiKey(ctx, { name: "x", role: "administrator" })).toMatchObject({ ok: false, fieldErrors: { role: expect.any(String) } });
  expect(await createApiKey(ctx, { name: "x", role: "user", expiresOn: new Date(Date.now() - 86_400_000) })).toMatchObject({ ok: false, fieldErrors: { expiresOn: "Choose a date after today." } });
});

test("audit entries name the key as the actor; last use is recorded", async () => {
  const { workspace, agent } = await workspaceWithKeys(handle.db);
  const created = await call(collection.POST, "POST", "/api/v1/contacts", { key: agent.secret, body: { name: "Ann Lee", phone: "+12015550111" } });
  expect(created.status).toBe(201);
  const [entry] = await handle.db.select().from(auditLog).where(and(eq(auditLog.workspaceId, workspace.id), eq(auditLog.action, "contact.created")));
  expect(entry.actorLabel).toMatch(/^API key “user key” \(sb_live_.{8}…\)$/);
  const [row] = await handle.db.select().from(apiKeys).where(eq(apiKeys.id, agent.id));
  expect(row.lastUsedAt).not.toBeNull();
  const [contact] = await handle.db.select().from(contacts).where(eq(contacts.workspaceId, workspace.id));
  expect(contact.source).toBe("api");
});
