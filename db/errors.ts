/** The database's "contact limit reached" (the contact count trigger, db/sql/functions/sb_contact_count_insert.sql). */
export function isContactLimitViolation(error: unknown): boolean {
  for (let e: unknown = error; e && typeof e === "object"; e = (e as { cause?: unknown }).cause) {
    const candidate = e as { code?: unknown; constraint?: unknown; message?: unknown };
    if (candidate.code === "23514") return candidate.constraint === "workspaces_contact_limit" || String(candidate.message).includes("contact limit reached");
  }
  return false;
}

/** PostgreSQL's SQLSTATE for a unique violation, as thrown by pg, PGlite or drizzle's wrapper. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  for (let e: unknown = error; e && typeof e === "object"; e = (e as { cause?: unknown }).cause) {
    const candidate = e as { code?: unknown; constraint?: unknown; message?: unknown };
    if (candidate.code === "23505") {
      return !constraint || candidate.constraint === constraint || String(candidate.message).includes(constraint);
    }
  }
  return false;
}
