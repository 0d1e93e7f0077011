import type { z } from "zod";
import { fail, type Fail } from "@/lib/result";

/** Turns a zod error into a form result: the first message per field, and a summary. */
export function invalidInput(error: z.ZodError): Fail {
  const fieldErrors: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.map(String).join(".") : "form";
    fieldErrors[key] ??= issue.message;
  }
  const count = Object.keys(fieldErrors).length;
  return fail("invalid", count === 1 ? Object.values(fieldErrors)[0] : "Please correct the highlighted fields.", fieldErrors);
}
