import type { Db } from "@/db/client";
import type { Role } from "@/db/schema";
import { currentCaller } from "@/lib/auth/server-session";
import { getImportJob } from "@/lib/import/jobs";
import { createImport, textBody } from "@/lib/import/upload";
import { createMember, createWorkspace, ctxFor } from "../support/fixtures";

/*
 * HTTP-level tests call a route's exported GET/POST with a real Request.
 * Each test file replaces only the cookie lookup, before importing a route:
 *
 *   jest.mock("@/lib/auth/server-session", () => ({ currentCaller: jest.fn() }));
 *
 * so the session → membership → permission path inside defineRoute runs for
 * real against the test database; `signIn` decides whose cookie it is.
 */

export const BASE = "http://switchboard.test";

/** The next requests carry this user's session (null: no session cookie). */
export function signIn(db: Db, userId: string | null, workspaceId?: string): void {
  jest.mocked(currentCaller).mockResolvedValue({ db, userId, sessionVersion: 0, workspaceId });
}

export function get(path: string, headers: Record<string, string> = {}): Request {
  return new Request(BASE + path, { headers });
}

export function post(path: string, body?: BodyInit, headers: Record<string, string> = {}): Request {
  return new Request(BASE + path, { method: "POST", body, headers, duplex: "half" } as RequestInit);
}

export function postJson(path: string, body: unknown, headers: Record<string, string> = {}): Request {
  return post(path, JSON.stringify(body), { "content-type": "application/json", ...headers });
}

/** The second argument Next.js passes to a handler of a dynamic route. */
export function routeParams<P extends Record<string, string>>(params: P): { params: Promise<P> } {
  return { params: Promise.resolve(params) };
}

export async function json(response: Response): Promise<{ status: number; body: Record<string, unknown> }> {
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** A workspace with an administrator and a data analyst (who can view contacts but not change or export them). */
export async function workspaceWithMembers(db: Db, values: { contactsEnabled?: boolean; name?: string } = {}) {
  const workspace = await createWorkspace(db, values);
  const member = (role: Role) => createMember(db, workspace.id, role);
  return { workspace, admin: await member("administrator"), agent: await member("user"), analyst: await member("data_analyst") };
}

export const CSV = "Name,Phone\nJane Doe,+1 201 555 0123\nJohn Smith,+1 201 555 0124\n";

/** An uploaded import job (status "uploaded"), made by the lib function the upload route calls. */
export async function uploadedImport(db: Db, userId: string, csv = CSV) {
  const ctx = await ctxFor(db, userId);
  const job = await createImport(ctx, { fileName: "contacts.csv", hasHeader: true, body: textBody(csv) });
  if (!job.ok) throw new Error(job.message);
  return { ctx, job: job.data };
}

/** Waits for a job started in the background to settle, so no import outlives its test's database. */
export async function settledImport(db: Db, workspaceId: string, jobId: string) {
  for (;;) {
    const job = await getImportJob({ db, workspaceId }, jobId);
    if (!job || ["uploaded", "previewed", "completed", "failed"].includes(job.status)) return job;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
