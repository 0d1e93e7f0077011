import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { memberships, users } from "@/db/schema";
import { timingDummyHash, verifyPassword } from "./password";
import { recordSignInSuccess, reserveSignInAttempt } from "./rate-limit";
import { SIGN_IN_ERRORS } from "./sign-in-errors";

export type SignInInput = { email: string; password: string; ip: string };

export type SignInResult =
  | { ok: true; userId: string; sessionVersion: number }
  | { ok: false; code: "invalid" | "rate_limited" | "no_workspace"; message: string };

export const INVALID_CREDENTIALS = SIGN_IN_ERRORS.invalid;

export async function authenticate(db: Db, input: SignInInput): Promise<SignInResult> {
  const email = input.email.trim().toLowerCase();
  // Recorded as a failure before the password is checked, so parallel
  // attempts count each other (lib/auth/rate-limit.ts).
  const attemptId = await reserveSignInAttempt(db, email, input.ip);
  if (attemptId === null) {
    return { ok: false, code: "rate_limited", message: SIGN_IN_ERRORS.rate_limited };
  }
  const [user] = await db
    .select({ id: users.id, passwordHash: users.passwordHash, sessionVersion: users.sessionVersion })
    .from(users)
    .where(eq(sql`lower(${users.email})`, email))
    .limit(1);
  // Verify against a dummy hash for unknown emails: same work, same time.
  const valid = await verifyPassword(user?.passwordHash ?? (await timingDummyHash()), input.password);
  if (!user || !valid) return { ok: false, code: "invalid", message: INVALID_CREDENTIALS };
  const [membership] = await db
    .select({ role: memberships.role })
    .from(memberships)
    .where(eq(memberships.userId, user.id))
    .limit(1);
  if (!membership) return { ok: false, code: "no_workspace", message: SIGN_IN_ERRORS.no_workspace };
  await recordSignInSuccess(db, attemptId);
  return { ok: true, userId: user.id, sessionVersion: user.sessionVersion };
}
