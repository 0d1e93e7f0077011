import crypto from "node:crypto";
import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { queryRows } from "@/db/query";
import { loginAttempts } from "@/db/schema";
import { addressKey } from "./client-ip";
import { SIGN_IN_WINDOW_MINUTES } from "./sign-in-errors";

// Failed sign-ins are counted in the database, so the limit holds across
// every app instance behind a load balancer.
export const MAX_FAILURES_PER_EMAIL = 5;
export const MAX_FAILURES_PER_IP = 30;

/** Advisory lock keys for an email and an address, in one fixed order so two attempts never wait on each other crosswise. */
function lockKeys(email: string, ip: string): bigint[] {
  const key = (value: string) => crypto.createHash("sha256").update(value).digest().readBigInt64BE(0);
  return [key(`sign-in email ${email}`), key(`sign-in ip ${ip}`)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * Counts the recent failures for this email and this address and, when both
 * are under their limit, records this attempt as a failure, as one step: the
 * advisory locks serialise attempts on the same email or address, so however
 * many arrive at once, no more than the limit get to check a password. The
 * attempt stays a failure unless `recordSignInSuccess` marks it, so one that
 * is still being checked already counts. Returns the attempt's id, or null
 * when the sign-in is blocked (a blocked attempt is not recorded, so the
 * block ends a window after the failures that caused it).
 */
export async function reserveSignInAttempt(db: Db, email: string, address: string): Promise<number | null> {
  // login_attempts.ip holds this key: the address, or an IPv6 address's /64.
  const ip = addressKey(address);
  return db.transaction(async (tx) => {
    for (const key of lockKeys(email, ip)) await tx.execute(sql`SELECT pg_advisory_xact_lock(${key})`);
    const [row] = await queryRows<{ id: string | number }>(
      tx,
      sql`WITH recent AS (
            SELECT count(*) FILTER (WHERE email = ${email}) AS by_email, count(*) FILTER (WHERE ip = ${ip}) AS by_ip
            FROM login_attempts
            WHERE NOT succeeded AND created_at > now() - make_interval(mins => ${SIGN_IN_WINDOW_MINUTES})
              AND (email = ${email} OR ip = ${ip}))
          INSERT INTO login_attempts (email, ip, succeeded)
          SELECT ${email}, ${ip}, false FROM recent
          WHERE by_email < ${MAX_FAILURES_PER_EMAIL} AND by_ip < ${MAX_FAILURES_PER_IP}
          RETURNING id`,
    );
    return row ? Number(row.id) : null;
  });
}

export async function recordSignInSuccess(db: Db, attemptId: number): Promise<void> {
  await db.update(loginAttempts).set({ succeeded: true }).where(eq(loginAttempts.id, attemptId));
}
