import { eq, sql } from "drizzle-orm";
import type { DatabaseHandle } from "@/db/client";
import { queryRows } from "@/db/query";
import { workspaces } from "@/db/schema";
import { createContactAction, deleteContactsAction } from "@/lib/contacts/actions";
import { isLimitReached } from "@/lib/contacts/limit";
import { createTestDatabase } from "../support/db";
import { callerFor, createMember, createWorkspace } from "../support/fixtures";

// workspaces.contact_count is kept by the database for every writer, and the
// contact limit holds even for a writer that skips the contact module.

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(() => handle.close());

async function counter(workspaceId: string) {
  const [ws] = await handle.db.select({ n: workspaces.contactCount }).from(workspaces).where(eq(workspaces.id, workspaceId));
  return ws.n;
}

test("inserts and deletes by any path move the counter, one statement at a time", async () => {
  const workspace = await createWorkspace(handle.db);
  const other = await createWorkspace(handle.db);
  const caller = callerFor(handle.db, (await createMember(handle.db, workspace.id, "administrator")).userId);
  const made = await createContactAction.invoke(caller, { firstName: "Jane", phone: "2015550123" });
  if (!made.ok) throw new Error(made.message);
  await handle.db.execute(sql`INSERT INTO contacts (workspace_id, display_name, email)
    VALUES (${workspace.id}, 'A', 'a@x.test'), (${workspace.id}, 'B', 'b@x.test'), (${other.id}, 'C', 'c@x.test')`);
  expect([await counter(workspace.id), await counter(other.id)]).toEqual([3, 1]);
  await deleteContactsAction.invoke(caller, { ids: [made.data.id] });
  await handle.db.execute(sql`DELETE FROM contacts WHERE workspace_id = ${other.id}`);
  expect([await counter(workspace.id), await counter(other.id)]).toEqual([2, 0]);
});

test("an insert past the limit fails whole, by any path; the form says so", async () => {
  const workspace = await createWorkspace(handle.db, { contactLimit: 2 });
  const caller = callerFor(handle.db, (await createMember(handle.db, workspace.id, "administrator")).userId);
  let error: unknown = null;
  await handle.db
    .execute(sql`INSERT INTO contacts (workspace_id, display_name, email)
      VALUES (${workspace.id}, 'A', 'a@x.test'), (${workspace.id}, 'B', 'b@x.test'), (${workspace.id}, 'C', 'c@x.test')`)
    .catch((e: unknown) => (error = e));
  expect(isLimitReached(error)).toBe(true);
  expect(await counter(workspace.id)).toBe(0);
  expect(await createContactAction.invoke(caller, { firstName: "Jane", phone: "2015550123" })).toMatchObject({ ok: true });
  expect(await createContactAction.invoke(caller, { firstName: "John", phone: "2015550124" })).toMatchObject({ ok: true });
  expect(await createContactAction.invoke(caller, { firstName: "Jim", phone: "2015550125" })).toMatchObject({ ok: false, code: "limit" });
  expect(await counter(workspace.id)).toBe(2);
});

test("an import counts what it created and removed once, at its end", async () => {
  const { acmeAdmin, importFile } = await import("../import/support");
  const admin = await acmeAdmin(handle.db);
  await createContactAction.invoke(admin.caller, { firstName: "Old", phone: "2015550100" });
  const run = await importFile(admin.ctx, "Name,Phone\nA,2015550101\nB,2015550102\nC,2015550103\n", { removeMissing: true, removeConfirm: "Acme" });
  expect(run.run?.result).toMatchObject({ created: 3, removed: 1 });
  const [{ n }] = await queryRows<{ n: number }>(handle.db, sql`SELECT count(*)::int AS n FROM contacts WHERE workspace_id = ${admin.workspace.id}`);
  expect(n).toBe(3);
  expect(await counter(admin.workspace.id)).toBe(3);
});
