import { and, count, eq } from "drizzle-orm";
import type { DatabaseHandle } from "@/db/client";
import { loginAttempts } from "@/db/schema";
import { authenticate } from "@/lib/auth/authenticate";
import { MAX_FAILURES_PER_EMAIL, MAX_FAILURES_PER_IP } from "@/lib/auth/rate-limit";
import { createTestDatabase } from "../support/db";
import { createMember, createWorkspace, PASSWORD } from "../support/fixtures";

// Issue 13: the limit was check-then-insert, so 30 parallel attempts on one
// account were all checked against the password (limit 5).

let handle: DatabaseHandle;
let workspaceId: string;

beforeAll(async () => {
  handle = await createTestDatabase();
  workspaceId = (await createWorkspace(handle.db)).id;
});
afterAll(() => handle.close());

async function failures(column: "email" | "ip", value: string): Promise<number> {
  const [row] = await handle.db
    .select({ n: count() })
    .from(loginAttempts)
    .where(and(eq(loginAttempts[column], value), eq(loginAttempts.succeeded, false)));
  return row.n;
}

test(`30 parallel wrong passwords for one account: only ${MAX_FAILURES_PER_EMAIL} are checked, the rest refused`, async () => {
  const member = await createMember(handle.db, workspaceId, "user");
  const results = await Promise.all(
    Array.from({ length: 30 }, (_, i) => authenticate(handle.db, { email: member.email, password: `guess number ${i}`, ip: `10.20.0.${i}` })),
  );
  const codes = results.map((r) => (r.ok ? "ok" : r.code));
  expect(codes.filter((c) => c === "invalid")).toHaveLength(MAX_FAILURES_PER_EMAIL);
  expect(codes.filter((c) => c === "rate_limited")).toHaveLength(30 - MAX_FAILURES_PER_EMAIL);
  expect(await failures("email", member.email)).toBe(MAX_FAILURES_PER_EMAIL);
  // And the right password is refused too until the window passes.
  expect(await authenticate(handle.db, { email: member.email, password: PASSWORD, ip: "10.20.1.1" })).toMatchObject({ code: "rate_limited" });
});

test(`${MAX_FAILURES_PER_IP + 20} parallel wrong sign-ins from one address: only ${MAX_FAILURES_PER_IP} are checked`, async () => {
  const results = await Promise.all(
    Array.from({ length: MAX_FAILURES_PER_IP + 20 }, (_, i) =>
      authenticate(handle.db, { email: `spray${i}@example.test`, password: "wrong password!", ip: "10.21.0.1" }),
    ),
  );
  expect(results.filter((r) => !r.ok && r.code === "invalid")).toHaveLength(MAX_FAILURES_PER_IP);
  expect(await failures("ip", "10.21.0.1")).toBe(MAX_FAILURES_PER_IP);
});

test("parallel right passwords (up to the limit) all sign in, and are then successes, not failures", async () => {
  const member = await createMember(handle.db, workspaceId, "user");
  // An attempt counts as a failure while its password is being checked, so
  // more than the limit at once for one account would be refused.
  const results = await Promise.all(
    Array.from({ length: MAX_FAILURES_PER_EMAIL }, (_, i) => authenticate(handle.db, { email: member.email, password: PASSWORD, ip: `10.22.0.${i}` })),
  );
  expect(results.every((r) => r.ok)).toBe(true);
  expect(await failures("email", member.email)).toBe(0);
  expect(await authenticate(handle.db, { email: member.email, password: PASSWORD, ip: "10.22.1.1" })).toMatchObject({ ok: true });
  const [row] = await handle.db
    .select({ n: count() })
    .from(loginAttempts)
    .where(and(eq(loginAttempts.email, member.email), eq(loginAttempts.succeeded, true)));
  expect(row.n).toBe(MAX_FAILURES_PER_EMAIL + 1);
});

test("IPv6 addresses are limited by their /64: a fresh address per attempt in one network does not escape", async () => {
  for (let i = 1; i <= MAX_FAILURES_PER_IP; i++) {
    await authenticate(handle.db, { email: `v6-${i}@example.test`, password: "wrong password!", ip: `2001:db8:7:1::${i.toString(16)}` });
  }
  const member = await createMember(handle.db, workspaceId, "user");
  expect(await authenticate(handle.db, { email: member.email, password: PASSWORD, ip: "2001:db8:7:1:ffff::9" })).toMatchObject({ code: "rate_limited" });
  // The next /64 is someone else.
  expect(await authenticate(handle.db, { email: member.email, password: PASSWORD, ip: "2001:db8:7:2::1" })).toMatchObject({ ok: true });
  expect(await failures("ip", "2001:db8:7:1::/64")).toBe(MAX_FAILURES_PER_IP);
});
