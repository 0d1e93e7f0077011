jest.mock("@/lib/auth/server-session", () => ({ currentCaller: jest.fn() }));
// The probe takes the database straight from getDb, as the running server does.
jest.mock("@/db/client", () => ({ ...jest.requireActual("@/db/client"), getDb: jest.fn() }));

import { sql } from "drizzle-orm";
import { GET } from "@/app/api/ready/route";
import { getDb, type Db, type DatabaseHandle } from "@/db/client";
import { queryRows } from "@/db/query";
import { currentCaller } from "@/lib/auth/server-session";
import { setProcessRuntime } from "@/lib/jobs/registry";
import { createTestDatabase } from "../support/db";
import { get } from "./support";

// Readiness: the database answers, every migration in db/migrations is applied, and this process's job queue
// runs. 503 takes the instance out of a load balancer's rotation until it is ready again.

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(() => handle.close());

const runningQueue = { started: () => true, reachable: async () => true };

beforeEach(() => {
  jest.mocked(getDb).mockResolvedValue(handle.db);
  setProcessRuntime(runningQueue);
  jest.spyOn(console, "warn").mockImplementation(() => undefined);
});
afterEach(() => {
  setProcessRuntime(undefined);
  jest.restoreAllMocks();
});

async function probe() {
  const response = await GET(get("/api/ready"));
  return { status: response.status, cache: response.headers.get("cache-control"), body: (await response.json()) as Record<string, unknown> };
}

describe("GET /api/ready", () => {
  test("200 when the database answers, the migrations are applied and the job queue runs; no session", async () => {
    expect(await probe()).toEqual({ status: 200, cache: "no-store", body: { status: "ready", checks: { database: "ok", migrations: "ok", jobs: "ok" } } });
    expect(currentCaller).not.toHaveBeenCalled();
  });

  test("503 while this process's job queue is not running", async () => {
    setProcessRuntime(undefined);
    expect(await probe()).toEqual({ status: 503, cache: "no-store", body: { status: "not_ready", checks: { database: "ok", migrations: "ok", jobs: "not_running" } } });
  });

  test("503 while the newest migration is not applied", async () => {
    const [newest] = await queryRows<{ id: number; hash: string; created_at: string }>(handle.db, sql`SELECT id, hash, created_at FROM drizzle.__drizzle_migrations ORDER BY created_at DESC LIMIT 1`);
    await handle.db.execute(sql`DELETE FROM drizzle.__drizzle_migrations WHERE id = ${newest.id}`);
    try {
      expect(await probe()).toMatchObject({ status: 503, body: { status: "not_ready", checks: { database: "ok", migrations: "pending", jobs: "ok" } } });
    } finally {
      await handle.db.execute(sql`INSERT INTO drizzle.__drizzle_migrations (id, hash, created_at) VALUES (${newest.id}, ${newest.hash}, ${newest.created_at})`);
    }
    expect((await probe()).status).toBe(200);
  });

  test("503 when the database cannot be reached; the reason is logged, never answered", async () => {
    jest.mocked(getDb).mockRejectedValue(new Error('password authentication failed for user "switchboard" at 10.1.2.3:5432'));
    const { status, body } = await probe();
    expect(status).toBe(503);
    expect(body).toEqual({ status: "not_ready", checks: { database: "unreachable", migrations: "unknown", jobs: "ok" } });
    expect(JSON.stringify(body)).not.toMatch(/password|switchboard|10\.1\.2\.3/);
    expect(console.warn).toHaveBeenCalledWith(expect.stringContaining("[ready] not ready: database unreachable"), expect.any(Error));
  });

  test("a database that does not answer is unreachable within SB_READY_TIMEOUT_MS, not a hung probe", async () => {
    process.env.SB_READY_TIMEOUT_MS = "300";
    const silent = { execute: () => new Promise(() => undefined) } as unknown as Db;
    jest.mocked(getDb).mockResolvedValue(silent);
    setProcessRuntime({ started: () => false, reachable: () => new Promise(() => undefined) });
    const started = Date.now();
    expect(await probe()).toMatchObject({ status: 503, body: { checks: { database: "unreachable", migrations: "unknown", jobs: "not_running" } } });
    expect(Date.now() - started).toBeLessThan(3000);
    delete process.env.SB_READY_TIMEOUT_MS;
  });
});
