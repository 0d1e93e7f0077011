import { and, count, eq } from "drizzle-orm";
import { z } from "zod";
import type { DatabaseHandle } from "@/db/client";
import { loginAttempts } from "@/db/schema";
import { defineAction } from "@/lib/auth/action";
import { authenticate, INVALID_CREDENTIALS } from "@/lib/auth/authenticate";
import { MAX_FAILURES_PER_EMAIL, MAX_FAILURES_PER_IP } from "@/lib/auth/rate-limit";
import { changeMemberRoleAction, removeMemberAction } from "@/lib/members/actions";
import { ok } from "@/lib/result";
import { createTestDatabase } from "../support/db";
import { callerFor, createMember, createWorkspace, PASSWORD } from "../support/fixtures";

let handle: DatabaseHandle;
let workspaceId: string;

beforeAll(async () => {
  handle = await createTestDatabase();
  workspaceId = (await createWorkspace(handle.db)).id;
});
afterAll(() => handle.close());

const viewProbe = defineAction({
  permission: "contacts.view",
  input: z.object({}),
  run: async (ctx) => ok(ctx.actor.role),
});

test("the right password signs in, case-insensitively on the email", async () => {
  const member = await createMember(handle.db, workspaceId, "user");
  const result = await authenticate(handle.db, { email: member.email.toUpperCase(), password: PASSWORD, ip: "10.0.0.1" });
  expect(result).toEqual({ ok: true, userId: member.userId, sessionVersion: 0 });
});

test("a wrong password and an unknown email give the same message and are both recorded", async () => {
  const member = await createMember(handle.db, workspaceId, "user");
  const wrong = await authenticate(handle.db, { email: member.email, password: "nope nope nope", ip: "10.0.0.2" });
  const unknown = await authenticate(handle.db, { email: "nobody@example.test", password: PASSWORD, ip: "10.0.0.2" });
  expect(wrong).toEqual({ ok: false, code: "invalid", message: INVALID_CREDENTIALS });
  expect(unknown).toEqual(wrong);
  const [row] = await handle.db
    .select({ n: count() })
    .from(loginAttempts)
    .where(and(eq(loginAttempts.ip, "10.0.0.2"), eq(loginAttempts.succeeded, false)));
  expect(row.n).toBe(2);
});

test("an unknown email costs a password verification, like a wrong password", async () => {
  const member = await createMember(handle.db, workspaceId, "user");
  const time = async (email: string) => {
    const samples: number[] = [];
    for (let i = 0; i < 3; i++) {
      const start = performance.now();
      await authenticate(handle.db, { email, password: "wrong password!", ip: `10.1.0.${i}` });
      samples.push(performance.now() - start);
    }
    return samples.sort((a, b) => a - b)[1];
  };
  const wrong = await time(member.email);
  const unknown = await time("ghost@example.test");
  // A skipped argon2 verification would make the unknown path several times faster.
  expect(unknown).toBeGreaterThan(wrong * 0.4);
});

test(`after ${MAX_FAILURES_PER_EMAIL} failures for an email, even the right password is refused`, async () => {
  const member = await createMember(handle.db, workspaceId, "user");
  for (let i = 0; i < MAX_FAILURES_PER_EMAIL; i++) {
    const r = await authenticate(handle.db, { email: member.email, password: "wrong password!", ip: `10.2.0.${i}` });
    expect(r).toMatchObject({ code: "invalid" });
  }
  const blocked = await authenticate(handle.db, { email: member.email, password: PASSWORD, ip: "10.2.1.1" });
  expect(blocked).toEqual({ ok: false, code: "rate_limited", message: "Too many failed sign-ins. Try again in 15 minutes." });
  // Another account is not affected.
  const other = await createMember(handle.db, workspaceId, "user");
  expect(await authenticate(handle.db, { email: other.email, password: PASSWORD, ip: "10.2.1.1" })).toMatchObject({ ok: true });
});

test(`after ${MAX_FAILURES_PER_IP} failures from one address, that address is refused for every email`, async () => {
  const member = await createMember(handle.db, workspaceId, "user");
  for (let i = 0; i < MAX_FAILURES_PER_IP; i++) {
    await authenticate(handle.db, { email: `probe${i}@example.test`, password: "wrong password!", ip: "10.3.0.1" });
  }
  const blocked = await authenticate(handle.db, { email: member.email, password: PASSWORD, ip: "10.3.0.1" });
  expect(blocked).toMatchObject({ ok: false, code: "rate_limited" });
  expect(await authenticate(handle.db, { email: member.email, password: PASSWORD, ip: "10.3.0.2" })).toMatchObject({ ok: true });
});

test("a removed member is locked out on the next request and cannot sign in again", async () => {
  const admin = await createMember(handle.db, workspaceId, "super_admin");
  const member = await createMember(handle.db, workspaceId, "user");
  expect(await viewProbe.invoke(callerFor(handle.db, member.userId), {})).toEqual({ ok: true, data: "user" });

  const removed = await removeMemberAction.invoke(callerFor(handle.db, admin.userId), { userId: member.userId });
  expect(removed.ok).toBe(true);

  // Same (still valid) session token, next request: refused.
  expect(await viewProbe.invoke(callerFor(handle.db, member.userId), {})).toMatchObject({ ok: false, code: "unauthenticated" });
  expect(await authenticate(handle.db, { email: member.email, password: PASSWORD, ip: "10.4.0.1" })).toMatchObject({
    ok: false,
    code: "invalid",
  });
});

test("a role change takes effect on the member's next request", async () => {
  const admin = await createMember(handle.db, workspaceId, "administrator");
  const member = await createMember(handle.db, workspaceId, "user_manager");
  const members = defineAction({ permission: "members.manage", input: z.object({}), run: async () => ok(true) });
  expect((await members.invoke(callerFor(handle.db, member.userId), {})).ok).toBe(true);
  await changeMemberRoleAction.invoke(callerFor(handle.db, admin.userId), { userId: member.userId, role: "data_analyst" });
  expect(await members.invoke(callerFor(handle.db, member.userId), {})).toMatchObject({ ok: false, code: "forbidden" });
});
