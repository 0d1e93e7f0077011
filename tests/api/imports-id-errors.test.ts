jest.mock("@/lib/auth/server-session", () => ({ currentCaller: jest.fn() }));

import { GET } from "@/app/api/imports/[id]/errors/route";
import type { DatabaseHandle } from "@/db/client";
import { importFile } from "../import/support";
import { createTestDatabase } from "../support/db";
import { ctxFor } from "../support/fixtures";
import { get, json, routeParams, signIn, workspaceWithMembers } from "./support";

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(() => handle.close());

/** A completed import with one row refused (no phone or email). */
async function setup() {
  const a = await workspaceWithMembers(handle.db);
  const result = await importFile(await ctxFor(handle.db, a.admin.userId), "Name,Phone\nJane Doe,+1 201 555 0123\nNo Way,\n");
  if (!result.run) throw new Error("the import did not run");
  return { ...a, job: result.run };
}

const errors = (id: string) => GET(get(`/api/imports/${id}/errors`), routeParams({ id }));

describe("GET /api/imports/:id/errors", () => {
  test("the refused rows as CSV, with their reasons", async () => {
    const { admin, job } = await setup();
    signIn(handle.db, admin.userId);
    const response = await errors(job.id);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toBe(`attachment; filename="import-errors-${job.id.slice(0, 8)}.csv"`);
    const lines = (await response.text()).replace(/^\uFEFF/, "").trim().split(/\r?\n/);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain("No Way");
  });

  test("signed out: 401", async () => {
    const { job } = await setup();
    signIn(handle.db, null);
    expect((await errors(job.id)).status).toBe(401);
  });

  test("a role that cannot import: 403", async () => {
    const { agent, job } = await setup();
    signIn(handle.db, agent.userId);
    expect((await errors(job.id)).status).toBe(403);
  });

  test("another workspace's import: 404", async () => {
    const { job } = await setup();
    const b = await workspaceWithMembers(handle.db);
    signIn(handle.db, b.admin.userId);
    expect(await json(await errors(job.id))).toEqual({ status: 404, body: { code: "not_found", message: "Not found." } });
  });

  test("an id that is not a UUID: 400 naming id", async () => {
    const { admin } = await setup();
    signIn(handle.db, admin.userId);
    expect(await json(await errors("../etc"))).toMatchObject({ status: 400, body: { fieldErrors: { id: "Unknown import." } } });
  });
});
