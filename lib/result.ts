/** Typed results for errors a user can act on; unexpected errors are thrown and logged. */
export type FailCode = "unauthenticated" | "forbidden" | "not_found" | "invalid" | "conflict" | "limit" | "too_large" | "rate_limited" | "error";

export type Ok<T> = { ok: true; data: T };
export type Fail = {
  ok: false;
  code: FailCode;
  message: string;
  /** One message per form field, keyed by the field's name. */
  fieldErrors?: Record<string, string>;
  /** For a duplicate: the record that already holds the value. */
  existing?: { id: string; name: string };
};
export type Result<T> = Ok<T> | Fail;

export function ok<T>(data: T): Ok<T> {
  return { ok: true, data };
}

export function fail(code: FailCode, message: string, fieldErrors?: Record<string, string>): Fail {
  return fieldErrors ? { ok: false, code, message, fieldErrors } : { ok: false, code, message };
}

export function fieldError(field: string, message: string): Fail {
  return fail("invalid", message, { [field]: message });
}

export const NOT_FOUND_MESSAGE = "Not found.";
export function notFound(): Fail {
  return fail("not_found", NOT_FOUND_MESSAGE);
}
