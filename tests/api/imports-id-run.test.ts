jest.mock("@/lib/auth/server-session", () => ({ currentCaller: jest.fn() }));

import { count, eq } from "drizzle-orm";
import { POST } from "@/app/api/imports/[id]/run/route";
import type { DatabaseHandle } from "@/db/client";
import { contacts } from "@/db/schema";
import { runImportNow, saveImportOptions } from "@/lib/import/jobs";
import { createTestDatabase } from "../support/db";
import { json, post, routeParams, settledImport, signIn, uploadedImport, workspaceWithMembers } from "./support";

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(() => handle.close());

/** An import that was previewed and is ready to run. */
async function setup() {
  const a = await workspaceWithMembers(handle.db);
  const { ctx, job } = await uploadedImport(handle.db, a.admin.userId);
  const saved = await saveImportOptions(ctx, job.id, { mapping: ["name", "phone"] });
  if (!saved.ok) throw new Error(saved.message);
  await runImportNow(ctx, job.id, "preview");
  return { ...a, job };
}

async function contactsIn(workspaceId: string) {
  const [row] = await handle.db.select({ n: count() }).from(contacts).where(eq(contacts.workspaceId, workspaceId));
  return row.n;
}

const run = (id: string, headers: Record<string, string> = {}) => POST(post(`/api/imports/${id}/run`, undefined, headers), routeParams({ id }));

describe("POST /api/imports/:id/run", () => {
  test("runs a previewed import: 202, then completed", async () => {
    const { admin, workspace, job } = await setup();
    signIn(handle.db, admin.userId);
    expect(await json(await run(job.id))).toEqual({ status: 202, body: { status: "running" } });
    expect((await settledImport(handle.db, workspace.id, job.id))?.status).toBe("completed");
    expect(await contactsIn(workspace.id)).toBe(2);
  });

  test("an import not previewed yet: 400", async () => {
    const a = await workspaceWithMembers(handle.db);
    const { job } = await uploadedImport(handle.db, a.admin.userId);
    signIn(handle.db, a.admin.userId);
    expect(await json(await run(job.id))).toEqual({ status: 400, body: { code: "invalid", message: "Preview the import before running it." } });
  });

  test("a post from another site: 403, nothing imported", async () => {
    const { admin, workspace, job } = await setup();
    signIn(handle.db, admin.userId);
    expect((await run(job.id, { origin: "https://evil.example" })).status).toBe(403);
    expect((await settledImport(handle.db, workspace.id, job.id))?.status).toBe("previewed");
  });

  test("signed out: 401", async () => {
    const { job } = await setup();
    signIn(handle.db, null);
    expect((await run(job.id)).status).toBe(401);
  });

  test("a role that cannot import: 403", async () => {
    const { agent, job } = await setup();
    signIn(handle.db, agent.userId);
    expect((await run(job.id)).status).toBe(403);
  });

  test("another workspace's import: 404, nothing imported", async () => {
    const { workspace, job } = await setup();
    const b = await workspaceWithMembers(handle.db);
    signIn(handle.db, b.admin.userId);
    expect(await json(await run(job.id))).toEqual({ status: 404, body: { code: "not_found", message: "Not found." } });
    expect(await contactsIn(workspace.id)).toBe(0);
    expect(await contactsIn(b.workspace.id)).toBe(0);
  });

  test("an id that is not a UUID: 400 naming id", async () => {
    const { admin } = await setup();
    signIn(handle.db, admin.userId);
    expect(await json(await run("1 OR 1=1"))).toMatchObject({ status: 400, body: { fieldErrors: { id: "Unknown import." } } });
  });
});
