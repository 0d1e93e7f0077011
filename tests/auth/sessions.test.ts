// The real next-auth route handler and the real session lookup, with only
// Next.js's request scope (cookies(), headers()) and the database handle
// supplied by the test.
jest.mock("next/headers", () => ({ cookies: jest.fn(), headers: jest.fn() }));
jest.mock("@/db/client", () => ({ ...jest.requireActual("@/db/client"), getDb: jest.fn() }));

import { eq } from "drizzle-orm";
import { cookies, headers } from "next/headers";
import { NextRequest } from "next/server";
import { GET, POST } from "@/app/api/auth/[...nextauth]/route";
import { getDb, type DatabaseHandle } from "@/db/client";
import { users } from "@/db/schema";
import { authorize } from "@/lib/auth/action";
import { authOptions } from "@/lib/auth/options";
import { currentCaller } from "@/lib/auth/server-session";
import { removeMemberAction } from "@/lib/members/actions";
import { createTestDatabase } from "../support/db";
import { callerFor, createMember, createWorkspace, PASSWORD } from "../support/fixtures";

// Issue 13: sign-out did not end the session; a copied cookie still got 200
// afterwards. Sign-out, a password change and removal from the workspace must
// end every session of that user at once.

const BASE = "http://localhost:3000";
const SESSION_COOKIE = "next-auth.session-token";

let handle: DatabaseHandle;
let workspaceId: string;

beforeAll(async () => {
  handle = await createTestDatabase();
  workspaceId = (await createWorkspace(handle.db)).id;
  jest.mocked(getDb).mockResolvedValue(handle.db);
  authOptions.secret = "a test secret that signs the session cookies";
  process.env.NEXTAUTH_URL = BASE;
});
afterAll(() => handle.close());

/** A browser's cookie jar, and one request to next-auth's handler with it. */
class Browser {
  jar = new Map<string, string>();

  async request(method: "GET" | "POST", action: string, form?: Record<string, string>): Promise<Response> {
    const cookieHeader = [...this.jar].map(([name, value]) => `${name}=${value}`).join("; ");
    const requestHeaders = new Headers({ host: "localhost:3000", cookie: cookieHeader, "x-switchboard-client-ip": "192.0.2.10" });
    if (form) requestHeaders.set("content-type", "application/x-www-form-urlencoded");
    jest.mocked(cookies).mockResolvedValue(this.cookieStore() as never);
    jest.mocked(headers).mockResolvedValue(requestHeaders as never);
    const request = new NextRequest(`${BASE}/api/auth/${action}`, { method, headers: requestHeaders, body: form ? new URLSearchParams(form).toString() : undefined });
    const handler = method === "GET" ? GET : POST;
    const response = await (handler as (req: NextRequest, ctx: unknown) => Promise<Response>)(request, { params: Promise.resolve({ nextauth: action.split("/") }) });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair, ...attributes] = cookie.split(";");
      const [name, value] = [pair.slice(0, pair.indexOf("=")), pair.slice(pair.indexOf("=") + 1)];
      const expired = attributes.some((a) => /max-age=0|expires=thu, 01 jan 1970/i.test(a.trim()));
      if (expired || value === "") this.jar.delete(name);
      else this.jar.set(name, decodeURIComponent(value));
    }
    return response;
  }

  cookieStore() {
    const entries = [...this.jar].map(([name, value]) => ({ name, value }));
    return { getAll: () => entries, get: (name: string) => entries.find((c) => c.name === name) };
  }

  async csrfToken(): Promise<string> {
    const response = await this.request("GET", "csrf");
    return ((await response.json()) as { csrfToken: string }).csrfToken;
  }

  async signIn(email: string, password: string): Promise<void> {
    const csrfToken = await this.csrfToken();
    await this.request("POST", "callback/credentials", { csrfToken, email, password, json: "true" });
    if (!this.jar.has(SESSION_COOKIE)) throw new Error(`sign-in of ${email} set no session cookie`);
  }

  async signOut(): Promise<void> {
    const csrfToken = await this.csrfToken();
    await this.request("POST", "signout", { csrfToken, json: "true" });
  }
}

/** What every page, action and route does first: the caller from the session cookie, then membership and permission. */
async function signedInAs(sessionCookie: string | undefined) {
  const entries = sessionCookie ? [{ name: SESSION_COOKIE, value: sessionCookie }] : [];
  jest.mocked(cookies).mockResolvedValue({ getAll: () => entries, get: (name: string) => entries.find((c) => c.name === name) } as never);
  const result = await authorize(await currentCaller(), "contacts.view");
  return result.ok ? result.data.actor.userId : result.code;
}

test("sign-out ends the session: a copy of the cookie taken before is refused afterwards", async () => {
  const member = await createMember(handle.db, workspaceId, "user");
  const browser = new Browser();
  await browser.signIn(member.email, PASSWORD);
  const copied = browser.jar.get(SESSION_COOKIE);
  expect(await signedInAs(copied)).toBe(member.userId);

  await browser.signOut();
  expect(browser.jar.has(SESSION_COOKIE)).toBe(false);
  expect(await signedInAs(copied)).toBe("unauthenticated");
});

test("sign-out ends every session of that user (another browser too), and signing in again works", async () => {
  const member = await createMember(handle.db, workspaceId, "user");
  const laptop = new Browser();
  const phone = new Browser();
  await laptop.signIn(member.email, PASSWORD);
  await phone.signIn(member.email, PASSWORD);
  await laptop.signOut();
  expect(await signedInAs(phone.jar.get(SESSION_COOKIE))).toBe("unauthenticated");

  await phone.signIn(member.email, PASSWORD);
  expect(await signedInAs(phone.jar.get(SESSION_COOKIE))).toBe(member.userId);
});

test("signing out with a session that has already ended does not end the newer ones", async () => {
  const member = await createMember(handle.db, workspaceId, "user");
  const stale = new Browser();
  await stale.signIn(member.email, PASSWORD);
  const staleCookie = stale.jar.get(SESSION_COOKIE)!;
  await stale.signOut();
  const fresh = new Browser();
  await fresh.signIn(member.email, PASSWORD);

  // Someone replays the old cookie against sign-out.
  const replay = new Browser();
  replay.jar.set(SESSION_COOKIE, staleCookie);
  await replay.signOut();
  expect(await signedInAs(fresh.jar.get(SESSION_COOKIE))).toBe(member.userId);
});

test("removal from the workspace ends the member's sessions, in every workspace they belong to", async () => {
  const admin = await createMember(handle.db, workspaceId, "super_admin");
  const member = await createMember(handle.db, workspaceId, "user");
  const other = await createWorkspace(handle.db);
  const { memberships } = await import("@/db/schema");
  await handle.db.insert(memberships).values({ workspaceId: other.id, userId: member.userId, role: "user" });
  const browser = new Browser();
  await browser.signIn(member.email, PASSWORD);
  expect(await signedInAs(browser.jar.get(SESSION_COOKIE))).toBe(member.userId);

  expect(await removeMemberAction.invoke(callerFor(handle.db, admin.userId), { userId: member.userId })).toMatchObject({ ok: true });
  expect(await signedInAs(browser.jar.get(SESSION_COOKIE))).toBe("unauthenticated");
});

test("a password change ends every session of that user, whichever code writes the new hash", async () => {
  const member = await createMember(handle.db, workspaceId, "user");
  const browser = new Browser();
  await browser.signIn(member.email, PASSWORD);
  await handle.db.update(users).set({ passwordHash: "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHQ$aGFzaA" }).where(eq(users.id, member.userId));
  expect(await signedInAs(browser.jar.get(SESSION_COOKIE))).toBe("unauthenticated");
});

test("a session token from before session versions (no version in it) is refused", async () => {
  const member = await createMember(handle.db, workspaceId, "user");
  const { encode } = await import("next-auth/jwt");
  const legacy = await encode({ token: { sub: member.userId }, secret: authOptions.secret! });
  expect(await signedInAs(legacy)).toBe("unauthenticated");
  expect(await signedInAs(undefined)).toBe("unauthenticated");
});
