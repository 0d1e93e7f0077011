jest.mock("@/lib/auth/server-session", () => ({ currentCaller: jest.fn() }));

import { POST } from "@/app/api/imports/[id]/preview/route";
import type { DatabaseHandle } from "@/db/client";
import { createTestDatabase } from "../support/db";
import { json, post, postJson, routeParams, settledImport, signIn, uploadedImport, workspaceWithMembers } from "./support";

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

const OPTIONS = { options: { mapping: ["name", "phone"] } };
const preview = (id: string, body: unknown = OPTIONS, headers: Record<string, string> = {}) =>
  POST(postJson(`/api/imports/${id}/preview`, body, headers), routeParams({ id }));

describe("POST /api/imports/:id/preview", () => {
  test("saves the options and starts the dry run: 202, then previewed", async () => {
    const { admin, workspace, job } = await setup();
    signIn(handle.db, admin.userId);
    expect(await json(await preview(job.id))).toEqual({ status: 202, body: { status: "previewing" } });
    const done = await settledImport(handle.db, workspace.id, job.id);
    expect(done).toMatchObject({ status: "previewed", mapping: ["name", "phone"], preview: expect.objectContaining({ created: 2 }) });
  });

  test("options the file cannot take: 400 with the reason, nothing started", async () => {
    const { admin, workspace, job } = await setup();
    signIn(handle.db, admin.userId);
    const { status, body } = await json(await preview(job.id, { options: { mapping: ["name", ""] } }));
    expect(status).toBe(400);
    expect(body).toMatchObject({ code: "invalid", fieldErrors: { mapping: expect.stringContaining("Phone or Email") } });
    expect((await settledImport(handle.db, workspace.id, job.id))?.status).toBe("uploaded");
  });

  test("a body that is not JSON: 400 naming the body", async () => {
    const { admin, job } = await setup();
    signIn(handle.db, admin.userId);
    const response = await POST(post(`/api/imports/${job.id}/preview`, "mapping=name", { "content-type": "application/json" }), routeParams({ id: job.id }));
    expect(await json(response)).toEqual({ status: 400, body: { code: "invalid", message: "The body is not valid JSON.", fieldErrors: { body: "The body is not valid JSON." } } });
  });

  test("a post from another site: 403, nothing started", async () => {
    const { admin, workspace, job } = await setup();
    signIn(handle.db, admin.userId);
    expect((await preview(job.id, OPTIONS, { origin: "https://evil.example" })).status).toBe(403);
    expect((await settledImport(handle.db, workspace.id, job.id))?.options).toBeNull();
  });

  test("signed out: 401", async () => {
    const { job } = await setup();
    signIn(handle.db, null);
    expect((await preview(job.id)).status).toBe(401);
  });

  test("a role that cannot import: 403", async () => {
    const { agent, job } = await setup();
    signIn(handle.db, agent.userId);
    expect((await preview(job.id)).status).toBe(403);
  });

  test("another workspace's import: 404, untouched", async () => {
    const { workspace, job } = await setup();
    const b = await workspaceWithMembers(handle.db);
    signIn(handle.db, b.admin.userId);
    expect(await json(await preview(job.id))).toEqual({ status: 404, body: { code: "not_found", message: "Not found." } });
    expect((await settledImport(handle.db, workspace.id, job.id))?.options).toBeNull();
  });

  test("an id that is not a UUID: 400 naming id", async () => {
    const { admin } = await setup();
    signIn(handle.db, admin.userId);
    expect(await json(await preview("nope"))).toMatchObject({ status: 400, body: { fieldErrors: { id: "Unknown import." } } });
  });
});
