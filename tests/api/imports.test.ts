jest.mock("@/lib/auth/server-session", () => ({ currentCaller: jest.fn() }));

import { count, eq } from "drizzle-orm";
import { POST } from "@/app/api/imports/route";
import type { DatabaseHandle } from "@/db/client";
import { importJobs } from "@/db/schema";
import { createTestDatabase } from "../support/db";
import { BASE, CSV, json, post, signIn, workspaceWithMembers } from "./support";

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(() => handle.close());

async function jobsIn(workspaceId: string) {
  const [row] = await handle.db.select({ n: count() }).from(importJobs).where(eq(importJobs.workspaceId, workspaceId));
  return row.n;
}

/** A body that arrives in pieces with no Content-Length, as a browser streams a file. */
function streamed(text: string): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  let offset = 0;
  return new ReadableStream({
    pull(controller) {
      if (offset >= bytes.length) return controller.close();
      controller.enqueue(bytes.subarray(offset, offset + 7));
      offset += 7;
    },
  });
}

describe("POST /api/imports", () => {
  test("stores the streamed upload as a job of this workspace: 201 with its columns", async () => {
    const a = await workspaceWithMembers(handle.db);
    signIn(handle.db, a.admin.userId);
    const { status, body } = await json(await POST(post("/api/imports?fileName=people.csv&header=1", streamed(CSV))));
    expect(status).toBe(201);
    expect(body).toEqual({ id: expect.any(String), columns: ["Name", "Phone"], sample: [["Jane Doe", "+1 201 555 0123"], ["John Smith", "+1 201 555 0124"]] });
    const [job] = await handle.db.select().from(importJobs).where(eq(importJobs.id, body.id as string));
    expect(job).toMatchObject({ workspaceId: a.workspace.id, fileName: "people.csv", hasHeader: true, status: "uploaded" });
  });

  test("header=0 names the columns Column 1, Column 2…", async () => {
    const a = await workspaceWithMembers(handle.db);
    signIn(handle.db, a.admin.userId);
    const { body } = await json(await POST(post("/api/imports?header=0", "Jane,+12015550123\n")));
    expect(body.columns).toEqual(["Column 1", "Column 2"]);
  });

  test("a browser post from our own origin is accepted", async () => {
    const a = await workspaceWithMembers(handle.db);
    signIn(handle.db, a.admin.userId);
    expect((await POST(post("/api/imports", CSV, { origin: BASE }))).status).toBe(201);
  });

  test("a post from another site (Origin mismatch) is 403 and stores nothing", async () => {
    const a = await workspaceWithMembers(handle.db);
    signIn(handle.db, a.admin.userId);
    for (const origin of ["https://evil.example", "null"]) {
      const { status, body } = await json(await POST(post("/api/imports", CSV, { origin })));
      expect(status).toBe(403);
      expect(body).toEqual({ code: "forbidden", message: "This request came from another site." });
    }
    expect(await jobsIn(a.workspace.id)).toBe(0);
  });

  test("signed out: 401", async () => {
    signIn(handle.db, null);
    expect((await POST(post("/api/imports", CSV))).status).toBe(401);
  });

  test("a role that cannot import: 403, nothing stored", async () => {
    const a = await workspaceWithMembers(handle.db);
    signIn(handle.db, a.agent.userId);
    const { status, body } = await json(await POST(post("/api/imports", CSV)));
    expect(status).toBe(403);
    expect(body.message).toBe("Your role is not allowed to import contacts.");
    expect(await jobsIn(a.workspace.id)).toBe(0);
  });

  test("Contacts Management off: 404", async () => {
    const off = await workspaceWithMembers(handle.db, { contactsEnabled: false });
    signIn(handle.db, off.admin.userId);
    expect((await POST(post("/api/imports", CSV))).status).toBe(404);
  });

  test.each([
    ["header=yes", "header"],
    ["fileName=(256 characters)", "fileName"],
  ])("bad parameters %s: 400 naming %s, nothing stored", async (label, field) => {
    const a = await workspaceWithMembers(handle.db);
    signIn(handle.db, a.admin.userId);
    const { status, body } = await json(await POST(post(`/api/imports?${label.replace("(256 characters)", "x".repeat(256))}`, CSV)));
    expect(status).toBe(400);
    expect(body).toMatchObject({ code: "invalid", fieldErrors: { [field]: expect.any(String) } });
    expect(await jobsIn(a.workspace.id)).toBe(0);
  });

  test("a file name with %00 (a NUL): 400 saying why, nothing stored (it was a 500: a text column cannot hold a NUL)", async () => {
    const a = await workspaceWithMembers(handle.db);
    signIn(handle.db, a.admin.userId);
    const { status, body } = await json(await POST(post("/api/imports?fileName=contacts%00.csv", CSV)));
    expect(status).toBe(400);
    expect(body).toEqual({
      code: "invalid",
      message: "The file name contains a control character. Rename the file and upload it again.",
      fieldErrors: { fileName: "The file name contains a control character. Rename the file and upload it again." },
    });
    expect(await jobsIn(a.workspace.id)).toBe(0);
  });

  test("an empty body: 400 naming the file", async () => {
    const a = await workspaceWithMembers(handle.db);
    signIn(handle.db, a.admin.userId);
    const { status, body } = await json(await POST(post("/api/imports")));
    expect(status).toBe(400);
    expect(body).toEqual({ code: "invalid", message: "The file is empty.", fieldErrors: { file: "The file is empty." } });
  });

  test("a declared size over 50 MB: 413 before anything is read or stored", async () => {
    const a = await workspaceWithMembers(handle.db);
    signIn(handle.db, a.admin.userId);
    const { status, body } = await json(await POST(post("/api/imports", CSV, { "content-length": String(50 * 1024 * 1024 + 1) })));
    expect(status).toBe(413);
    expect(body).toEqual({ code: "too_large", message: "The request body is larger than 50 MB." });
    expect(await jobsIn(a.workspace.id)).toBe(0);
  });
});
