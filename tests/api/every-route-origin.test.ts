jest.mock("@/lib/auth/server-session", () => ({ currentCaller: jest.fn() }));

import fs from "node:fs";
import path from "node:path";
import type { DatabaseHandle } from "@/db/client";
import { auditLog, importFiles, importJobs } from "@/db/schema";
import { createTestDatabase } from "../support/db";
import { json, post, routeParams, signIn, workspaceWithMembers } from "./support";

// The finding, for every state-changing route handler there is (found on disk, so a new route is covered
// the day it is added): a cross-site text/plain POST, as an attacker's page can send without a preflight, riding an
// administrator's cookie. Each is refused before anything is read or written.

const API = path.resolve(__dirname, "..", "..", "app", "api");
const STATE_CHANGES = ["POST", "PUT", "PATCH", "DELETE"] as const;

/** Routes the Origin check does not cover, each with why; the test fails when one disappears or a new one appears. */
const EXEMPT: Record<string, string> = {
  // HMAC-signed by the provider, which is no browser: the signature, not a cookie, is the credential, and a page on another site cannot make one.
  "webhooks/inbound": "signature",
  // next-auth's own handler (not defineRoute): every POST it takes (sign-in, sign-out, callbacks) must carry its double-submit CSRF token.
  "auth/[...nextauth]": "next-auth",
};

function routeFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return routeFiles(full);
    return entry.name === "route.ts" ? [full] : [];
  });
}

const routes = routeFiles(API).map((file) => path.relative(API, path.dirname(file)).split(path.sep).join("/"));

/**
 * The public API (/api/v1) reads no cookie: its credential is the
 * Authorization header, which a page on another site cannot make the browser
 * send. Its own test (tests/api/v1/keys.test.ts) checks that a cookie alone,
 * cross-site or not, gets 401 and writes nothing.
 */
const API_KEY_ROUTES = routes.filter((route) => route.startsWith("v1/"));

type Handler = (request: Request, context: unknown) => Promise<Response>;

/** Every [method, route] that can change state, from each route module's exports (loaded while the tests are collected). */
const stateChanges = routes
  .filter((route) => !(route in EXEMPT) && !API_KEY_ROUTES.includes(route))
  .flatMap((route) => {
    const exports = jest.requireActual<Record<string, unknown>>(path.join(API, route, "route.ts"));
    return STATE_CHANGES.filter((method) => typeof exports[method] === "function").map((method) => [method, route, exports[method] as Handler] as const);
  });

const ID = "00000000-0000-4000-8000-000000000000";

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
  const { admin } = await workspaceWithMembers(handle.db);
  signIn(handle.db, admin.userId);
});
afterAll(() => handle.close());

test("the routes are found on disk, and every exemption names a route that exists", () => {
  expect(stateChanges.map(([method, route]) => `${method} ${route}`)).toEqual(expect.arrayContaining(["POST imports", "POST imports/[id]/preview", "POST imports/[id]/run"]));
  for (const route of Object.keys(EXEMPT)) expect(routes).toContain(route);
  expect(API_KEY_ROUTES).toEqual(expect.arrayContaining(["v1/contacts", "v1/contacts/[id]"]));
});

test.each(stateChanges)("%s %s: a cross-site text/plain request riding an administrator's cookie is refused with 403, nothing written", async (method, route, handler) => {
  const url = "/api/" + route.replace(/\[[^\]]+\]/g, ID);
  const request = new Request(post(url, "fileName=x.csv&mode=replace", { origin: "https://evil.example", "sec-fetch-site": "cross-site", "content-type": "text/plain" }), { method });
  const params = Object.fromEntries([...route.matchAll(/\[([^\]]+)\]/g)].map(([, name]) => [name, ID]));
  expect(await json(await handler(request, routeParams(params)))).toEqual({ status: 403, body: { code: "forbidden", message: "This request came from another site." } });
  expect(await handle.db.select().from(importJobs)).toEqual([]);
  expect(await handle.db.select().from(importFiles)).toEqual([]);
  expect(await handle.db.select().from(auditLog)).toEqual([]);
});
