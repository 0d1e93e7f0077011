import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { memberships, users } from "@/db/schema";
import { timingDummyHash, verifyPassword } from "./password";
import { isSignInBlocked, recordSignInAttempt, SIGN_IN_WINDOW_MINUTES } from "./rate-limit";

export type SignInInput = { email: string; password: string; ip: string };

export type SignInResult =
  | { ok: true; userId: string }
  | { ok: false; code: "invalid" | "rate_limited" | "no_workspace"; message: string };

export const INVALID_CREDENTIALS = "Wrong email or password.";

export async function authenticate(db: Db, input: SignInInput): Promise<SignInResult> {
  const email = input.email.trim().toLowerCase();
  if (await isSignInBlocked(db, email, input.ip)) {
    return {
      ok: false,
      code: "rate_limited",
      message: `Too many failed sign-ins. Try again in ${SIGN_IN_WINDOW_MINUTES} minutes.`,
    };
  }
  const [user] = await db
    .select({ id: users.id, passwordHash: users.passwordHash })
    .from(users)
    .where(eq(sql`lower(${users.email})`, email))
    .limit(1);
  // Verify against a dummy hash for unknown emails: same work, same time.
  const valid = await verifyPassword(user?.passwordHash ?? (await timingDummyHash()), input.password);
  if (!user || !valid) {
    await recordSignInAttempt(db, email, input.ip, false);
    return { ok: false, code: "invalid", message: INVALID_CREDENTIALS };
  }
  const [membership] = await db
    .select({ role: memberships.role })
    .from(memberships)
    .where(eq(memberships.userId, user.id))
    .limit(1);
  if (!membership) {
    await recordSignInAttempt(db, email, input.ip, false);
    return { ok: false, code: "no_workspace", message: "Your account is not a member of any workspace." };
  }
  await recordSignInAttempt(db, email, input.ip, true);
  return { ok: true, userId: user.id };
}
