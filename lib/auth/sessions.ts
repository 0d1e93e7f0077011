import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";

/*
 * Sessions are signed cookies (next-auth JWTs), so none can be deleted on the
 * server. Each carries the user's session version from when it was issued,
 * and the actor lookup every request makes (lib/auth/actor.ts) only matches
 * the current version: raising it ends every session of that user at once.
 * A password change raises it in the database itself
 * (db/sql/triggers/users_password_ends_sessions.sql), whoever writes the hash.
 */

/**
 * Ends every session of a user. With `issuedVersion` (sign-out) only when
 * that is still the current version, so a replayed old cookie cannot sign
 * the person out of the sessions they opened since.
 */
export async function endSessions(db: Pick<Db, "execute">, userId: string, issuedVersion?: number): Promise<void> {
  await db.execute(
    sql`UPDATE users SET session_version = session_version + 1
        WHERE id = ${userId}${issuedVersion === undefined ? sql`` : sql` AND session_version = ${issuedVersion}`}`,
  );
}
