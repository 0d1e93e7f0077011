import { and, count, eq, gt } from "drizzle-orm";
import type { Db } from "@/db/client";
import { loginAttempts } from "@/db/schema";

// Failed sign-ins are counted in the database, so the limit holds across
// every app instance behind a load balancer.
export const SIGN_IN_WINDOW_MINUTES = 15;
export const MAX_FAILURES_PER_EMAIL = 5;
export const MAX_FAILURES_PER_IP = 30;

function windowStart(now: Date): Date {
  return new Date(now.getTime() - SIGN_IN_WINDOW_MINUTES * 60_000);
}

export async function isSignInBlocked(db: Db, email: string, ip: string, now = new Date()): Promise<boolean> {
  const since = windowStart(now);
  const failed = (column: typeof loginAttempts.email | typeof loginAttempts.ip, value: string) =>
    db
      .select({ n: count() })
      .from(loginAttempts)
      .where(and(eq(column, value), eq(loginAttempts.succeeded, false), gt(loginAttempts.createdAt, since)));
  const [[byEmail], [byIp]] = await Promise.all([failed(loginAttempts.email, email), failed(loginAttempts.ip, ip)]);
  return byEmail.n >= MAX_FAILURES_PER_EMAIL || byIp.n >= MAX_FAILURES_PER_IP;
}

export async function recordSignInAttempt(db: Db, email: string, ip: string, succeeded: boolean): Promise<void> {
  await db.insert(loginAttempts).values({ email, ip, succeeded });
}
