jest.mock("@/lib/auth/server-session", () => ({ currentCaller: jest.fn() }));
// A signed route takes the database straight from getDb.
jest.mock("@/db/client", () => ({ ...jest.requireActual("@/db/client"), getDb: jest.fn() }));

import { z } from "zod";
import { getDb, type DatabaseHandle } from "@/db/client";
import { defineRoute } from "@/lib/auth/route";
import { fail, ok } from "@/lib/result";
import { createTestDatabase } from "../support/db";
import { get, json, post, postJson, signIn, workspaceWithMembers } from "./support";

// What every route shares, through small routes defined here; each real route's own refusals are in its file.

let handle: DatabaseHandle;
let world: Awaited<ReturnType<typeof workspaceWithMembers>>;
beforeAll(async () => {
  handle = await createTestDatabase();
  jest.mocked(getDb).mockResolvedValue(handle.db);
  world = await workspaceWithMembers(handle.db);
});
afterAll(() => handle.close());
beforeEach(() => signIn(handle.db, world.admin.userId));

describe("defineRoute", () => {
  test("an unexpected error is logged with its route and workspace, and answered with a generic 500", async () => {
    const log = jest.spyOn(console, "error").mockImplementation(() => undefined);
    const GET = defineRoute({
      permission: "contacts.view",
      run: async () => {
        throw new Error("relation \"secret_table\" does not exist");
      },
    });
    const { status, body } = await json(await GET(get("/api/boom?q=jane")));
    expect(status).toBe(500);
    expect(body).toEqual({ code: "error", message: "Something went wrong. Try again." });
    expect(log).toHaveBeenCalledWith("[route GET /api/boom] failed", { workspaceId: world.workspace.id, error: expect.any(Error) });
    log.mockRestore();
  });

  test("a Result maps to JSON: data with the route's status, a failure with its code's status", async () => {
    const POST = defineRoute({
      permission: "contacts.edit",
      body: z.object({ name: z.string() }),
      status: 201,
      run: async (_ctx, { body }) => (body.name === "taken" ? fail("conflict", "That name is taken.") : ok({ created: body.name })),
    });
    expect(await json(await POST(postJson("/api/things", { name: "new" })))).toEqual({ status: 201, body: { created: "new" } });
    expect(await json(await POST(postJson("/api/things", { name: "taken" })))).toEqual({ status: 409, body: { code: "conflict", message: "That name is taken." } });
    expect(await json(await POST(postJson("/api/things", { name: 7 })))).toMatchObject({ status: 400, body: { code: "invalid", fieldErrors: { name: expect.any(String) } } });
  });

  test("several permissions are checked in order; the first refusal answers", async () => {
    const GET = defineRoute({ permission: ["invites.send", "contacts.delete"], run: async () => ok({}) });
    signIn(handle.db, world.analyst.userId);
    expect((await json(await GET(get("/api/x")))).body.message).toBe("Your role is not allowed to send session invites.");
    signIn(handle.db, world.agent.userId);
    expect((await json(await GET(get("/api/x")))).body.message).toBe("Your role is not allowed to delete, merge and erase contacts.");
    signIn(handle.db, world.admin.userId);
    expect((await GET(get("/api/x"))).status).toBe(200);
  });

  test("the session is checked before the input: a signed-out caller never learns what is valid", async () => {
    const GET = defineRoute({ permission: "contacts.view", query: z.object({ n: z.coerce.number() }), run: async () => ok({}) });
    signIn(handle.db, null);
    expect((await GET(get("/api/x?n=abc"))).status).toBe(401);
  });

  test("a repeated query name arrives as an array", async () => {
    const GET = defineRoute({ permission: "contacts.view", query: z.object({ tag: z.array(z.string()) }), run: async (_ctx, { query }) => ok(query.tag) });
    expect((await json(await GET(get("/api/x?tag=a&tag=b")))).body).toEqual(["a", "b"]);
  });

  describe("Origin check on state changes", () => {
    const POST = defineRoute({ permission: "contacts.edit", run: async () => ok({ done: true }) });

    test.each([
      ["no Origin (a script, the bench)", {}],
      ["our own origin", { origin: "http://switchboard.test" }],
      ["the proxy's public host", { origin: "https://contacts.example.com", "x-forwarded-host": "contacts.example.com" }],
      ["a browser on our own page", { origin: "http://switchboard.test", "sec-fetch-site": "same-origin" }],
      ["a browser with no initiator (typed, bookmarked)", { "sec-fetch-site": "none" }],
    ])("%s: accepted", async (_label, headers) => {
      expect((await POST(post("/api/x", undefined, headers))).status).toBe(200);
    });

    test.each([
      ["another site", { origin: "https://evil.example" }],
      ["another port", { origin: "http://switchboard.test:8080" }],
      ["an opaque origin", { origin: "null" }],
      // Sec-Fetch-Site is set by the browser alone (no page can set a Sec- header), so it counts even when Origin is missing.
      ["a browser that left Origin out, from another site", { "sec-fetch-site": "cross-site" }],
      ["a sibling subdomain, which SameSite=Lax sends the cookie to", { "sec-fetch-site": "same-site" }],
      ["a text/plain form post from another site", { origin: "https://evil.example", "sec-fetch-site": "cross-site", "content-type": "text/plain" }],
    ])("%s: 403", async (_label, headers) => {
      expect(await json(await POST(post("/api/x", undefined, headers)))).toEqual({ status: 403, body: { code: "forbidden", message: "This request came from another site." } });
    });

    test("a signed machine route is exempt by name: a provider's post is answered whatever it says of its origin", async () => {
      const webhook = defineRoute({ auth: "signature", run: async () => ok({ received: true }) });
      expect(await json(await webhook(post("/api/hook", undefined, { origin: "https://provider.example", "sec-fetch-site": "cross-site" })))).toEqual({ status: 200, body: { received: true } });
    });

    test("a read is not a state change: GET from another site is answered", async () => {
      const GET = defineRoute({ permission: "contacts.view", run: async () => ok({}) });
      expect((await GET(get("/api/x", { origin: "https://evil.example" }))).status).toBe(200);
    });
  });

  test("a JSON body is capped at 1 MB even without a Content-Length", async () => {
    const POST = defineRoute({ permission: "contacts.edit", body: z.object({ text: z.string() }), run: async () => ok({}) });
    const big = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(JSON.stringify({ text: "x".repeat(1024 * 1024) })));
        controller.close();
      },
    });
    expect(await json(await POST(post("/api/x", big)))).toEqual({ status: 413, body: { code: "too_large", message: "The request body is larger than 1 MB." } });
  });
});
