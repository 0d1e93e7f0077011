import { sql } from "drizzle-orm";
import type { DatabaseHandle } from "@/db/client";
import { queryRows } from "@/db/query";
import { safeCell } from "@/lib/export/cell";
import { createTestDatabase } from "../support/db";

// The CSV export on a server lets PostgreSQL format the file, so the formula
// guard runs in SQL (sb_safe_cell); it must say exactly what safeCell says.

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(() => handle.close());

const VALUES = [
  "=SUM(A1:A2)", "+1 201 555 0123", "+12015550123", "+442079460958", "+0123456789", "+12", "+1201555012345678",
  "-5", "@risk Ltd", "\tTabbed", "\rReturn", "Plain", "", "'=already", "1+1", "a=b", "é=", "+", "=",
];

test.each(VALUES)("sb_safe_cell(%j) is safeCell's answer", async (value) => {
  const [row] = await queryRows<{ v: string }>(handle.db, sql`SELECT sb_safe_cell(${value}) AS v`);
  expect(row.v).toBe(safeCell(value));
});

test("NULL stays NULL (an empty cell)", async () => {
  const [row] = await queryRows<{ v: string | null }>(handle.db, sql`SELECT sb_safe_cell(NULL) AS v`);
  expect(row.v).toBeNull();
});
