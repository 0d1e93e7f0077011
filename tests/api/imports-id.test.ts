jest.mock("@/lib/auth/server-session", () => ({ currentCaller: jest.fn() }));

import { GET } from "@/app/api/imports/[id]/route";
import type { DatabaseHandle } from "@/db/client";
import { createTestDatabase } from "../support/db";
import { get, json, routeParams, signIn, uploadedImport, workspaceWithMembers } from "./support";

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(() => handle.close());

async function setup() {
  const a = await workspaceWithMembers(handle.db);
  const { job } = await uploadedImport(handle.db, a.admin.userId);
  return { ...a, job };
}

const status = (id: string) => GET(get(`/api/imports/${id}`), routeParams({ id }));

describe("GET /api/imports/:id", () => {
  test("the job's state, not cached", async () => {
    const { admin, job } = await setup();
    signIn(handle.db, admin.userId);
    const response = await status(job.id);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(await json(response)).toEqual({
      status: 200,
      body: expect.objectContaining({ id: job.id, status: "uploaded", rowsRead: 0, error: null }),
    });
  });

  test("signed out: 401", async () => {
    const { job } = await setup();
    signIn(handle.db, null);
    expect((await status(job.id)).status).toBe(401);
  });

  test("a role that cannot import: 403", async () => {
    const { agent, job } = await setup();
    signIn(handle.db, agent.userId);
    expect((await status(job.id)).status).toBe(403);
  });

  test("another workspace's import: 404", async () => {
    const { job } = await setup();
    const b = await workspaceWithMembers(handle.db);
    signIn(handle.db, b.admin.userId);
    expect(await json(await status(job.id))).toEqual({ status: 404, body: { code: "not_found", message: "Not found." } });
    expect((await status(crypto.randomUUID())).status).toBe(404);
  });

  test("an id that is not a UUID: 400 naming id", async () => {
    const { admin } = await setup();
    signIn(handle.db, admin.userId);
    expect(await json(await status("42"))).toEqual({ status: 400, body: { code: "invalid", message: "Unknown import.", fieldErrors: { id: "Unknown import." } } });
  });
});
