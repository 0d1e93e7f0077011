import type { Fail } from "@/lib/result";

/**
 * RFC 9457 problem details: how every refusal under /api/v1 is answered.
 * `type` names the problem on the API reference page; `fieldErrors` (one
 * message per field, by dotted path) and `existing` (a duplicate's holder)
 * are this API's extension members.
 */
export const PROBLEM_STATUS: Record<Fail["code"], number> = {
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  // A request well formed as HTTP whose content is refused: 422, with the fields.
  invalid: 422,
  limit: 422,
  too_large: 413,
  rate_limited: 429,
  error: 500,
};

const TITLES: Record<Fail["code"], string> = {
  unauthenticated: "Unauthorized",
  forbidden: "Forbidden",
  not_found: "Not Found",
  conflict: "Conflict",
  invalid: "Invalid request",
  limit: "Limit reached",
  too_large: "Content Too Large",
  rate_limited: "Too Many Requests",
  error: "Internal Server Error",
};

export const PROBLEM_CONTENT_TYPE = "application/problem+json";

export type Problem = {
  type: string;
  title: string;
  status: number;
  detail: string;
  fieldErrors?: Record<string, string>;
  existing?: { id: string; name: string };
};

export function problemOf(failure: Fail, status = PROBLEM_STATUS[failure.code]): Problem {
  return {
    type: `/api-docs#problem-${failure.code}`,
    title: TITLES[failure.code],
    status,
    detail: failure.message,
    ...(failure.fieldErrors ? { fieldErrors: failure.fieldErrors } : {}),
    ...(failure.existing ? { existing: failure.existing } : {}),
  };
}

export function problemResponse(failure: Fail, headers: Record<string, string> = {}, status?: number): Response {
  const problem = problemOf(failure, status);
  return new Response(JSON.stringify(problem), {
    status: problem.status,
    headers: { "content-type": PROBLEM_CONTENT_TYPE, "cache-control": "no-store", ...headers },
  });
}
