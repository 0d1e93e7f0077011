import type { Result } from "./result";

/** What a form's server action returns: the typed result and the submitted values (minus secrets), to redisplay. */
export type FormState<T = unknown> = { result?: Result<T>; values?: Record<string, string> };

export const SECRET_FIELDS = ["password", "confirmPassword"];

export function submittedValues(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of formData.entries()) {
    if (key.startsWith("$ACTION") || SECRET_FIELDS.includes(key) || typeof value !== "string") continue;
    // A repeated name (a checkbox group of ids) is kept comma-joined.
    values[key] = key in values ? `${values[key]},${value}` : value;
  }
  return values;
}

export function fieldErrorOf(state: FormState, field: string): string | undefined {
  return state.result && !state.result.ok ? state.result.fieldErrors?.[field] : undefined;
}

/** The form-level error, when it is not already shown beside a single field. */
export function formErrorOf(state: FormState): string | undefined {
  const result = state.result;
  if (!result || result.ok) return undefined;
  const fields = Object.keys(result.fieldErrors ?? {});
  return fields.length === 1 && fields[0] !== "form" ? undefined : result.message;
}
