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
