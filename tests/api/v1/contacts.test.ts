jest.mock("@/db/client", () => ({ ...jest.requireActual("@/db/client"), getDb: jest.fn() }));

import { getDb, type DatabaseHandle } from "@/db/client";
import * as collection from "@/app/api/v1/contacts/route";
import * as one from "@/app/api/v1/contacts/[id]/route";
import { createTestDatabase } from "../../support/db";
import { call, workspaceWithKeys } from "./support";

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
  jest.mocked(getDb).mockResolvedValue(handle.db);
});
afterAll(() => handle.close());

test("create, read, list, patch and delete a contact with an administrator's key", async () => {
  const { admin } = await workspaceWithKeys(handle.db);
  const created = await call(collection.POST, "POST", "/api/v1/contacts", { key: admin.secret, body: { name: "Jane Doe", phone: "(201) 555-0123", email: "Jane@Example.com" } });
  expect(created.status).toBe(201);
  expect(created.body).toMatchObject({ name: "Jane Doe", firstName: "Jane", lastName: "Doe", phone: "+12015550123", email: "jane@example.com", source: "api" });
  const id = created.body!.id as string;
  const got = await call(one.GET, "GET", `/api/v1/contacts/${id}`, { key: admin.secret, params: { id } });
  expect(got.status).toBe(200);
  const listed = await call(collection.GET, "GET", "/api/v1/contacts?q=jane", { key: admin.secret });
  expect(listed.status).toBe(200);
  expect(listed.body).toMatchObject({ total: 1, totalExact: true, nextCursor: null });
  const patched = await call(one.PATCH, "PATCH", `/api/v1/contacts/${id}`, { key: admin.secret, params: { id }, body: { company: "Acme", email: null } });
  expect(patched.status).toBe(200);
  expect(patched.body).toMatchObject({ name: "Jane Doe", company: "Acme", email: null, phone: "+12015550123" });
  const deleted = await call(one.DELETE, "DELETE", `/api/v1/contacts/${id}`, { key: admin.secret, params: { id } });
  expect(deleted.status).toBe(204);
  expect((await call(one.GET, "GET", `/api/v1/contacts/${id}`, { key: admin.secret, params: { id } })).status).toBe(404);
});
