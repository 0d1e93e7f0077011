import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { DatabaseError } from "pg";
import { getDatabase } from "@/db/client";
import { exitOnStartupError, openDatabaseAtStartup, openDatabaseOrExit, startupFailure } from "@/db/startup";

// A server that cannot reach or migrate its database must say why in one line and exit 1 (instrumentation.ts),
// instead of Next.js's "Failed to prepare server" and a process that stays up answering errors. Each failure
// here is a real one, made the way an operator meets it. tests/e2e/startup.e2e.ts runs `next start` itself.

const savedEnv = { DATABASE_URL: process.env.DATABASE_URL, PGLITE_DATA_DIR: process.env.PGLITE_DATA_DIR };
const serverUrl = process.env.DATABASE_URL;
let dataDir: string;

beforeEach(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "switchboard-startup-"));
  process.env.PGLITE_DATA_DIR = path.join(dataDir, "pglite");
  delete process.env.DATABASE_URL;
});

afterEach(async () => {
  // The process keeps one handle (db/client.ts); each test here starts without one.
  const store = globalThis as unknown as { __switchboardDb?: Promise<{ close: () => Promise<void> }> };
  await store.__switchboardDb?.then((handle) => handle.close()).catch(() => undefined);
  store.__switchboardDb = undefined;
  process.env.DATABASE_URL = savedEnv.DATABASE_URL;
  process.env.PGLITE_DATA_DIR = savedEnv.PGLITE_DATA_DIR;
  if (savedEnv.DATABASE_URL === undefined) delete process.env.DATABASE_URL;
  if (savedEnv.PGLITE_DATA_DIR === undefined) delete process.env.PGLITE_DATA_DIR;
  fs.rmSync(dataDir, { recursive: true, force: true });
  jest.restoreAllMocks();
});

describe("the database at startup", () => {
  test("a database that opens and migrates: the server starts, with that handle kept for its requests", async () => {
    expect(await openDatabaseAtStartup()).toBeNull();
    const handle = await getDatabase();
    expect(handle.raw.kind).toBe("pglite");
  });

  test("a server that refuses the connection: one line naming host and port, never the password", async () => {
    process.env.DATABASE_URL = "postgres://switchboard:s3cret@127.0.0.1:1/switchboard";
    const failure = await openDatabaseAtStartup();
    expect(failure).toBe("cannot reach the database server at 127.0.0.1:1 (ECONNREFUSED); is it running, and is DATABASE_URL right?");
  });

  test("a server that accepts the connection and never answers: given up on after the reach timeout", async () => {
    const sockets: net.Socket[] = [];
    const silent = net.createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const { port } = silent.address() as net.AddressInfo;
    process.env.DATABASE_URL = `postgres://switchboard@127.0.0.1:${port}/switchboard`;
    try {
      expect(await openDatabaseAtStartup({ reachTimeoutMs: 300 })).toBe(`the database server at 127.0.0.1:${port} did not answer within 0.3 s; is it running, and is DATABASE_URL right?`);
    } finally {
      for (const socket of sockets) socket.destroy();
      silent.close();
    }
  });

  test("a database name that does not exist on the server", async () => {
    const expected = 'database "switchboard_missing" on 127.0.0.1:5432 does not exist; create it (CREATE DATABASE) or point DATABASE_URL at one that does';
    if (serverUrl) {
      // The real thing, when a server is there (CI's second run).
      const url = new URL(serverUrl);
      url.pathname = "/switchboard_missing";
      process.env.DATABASE_URL = url.toString();
      expect(await openDatabaseAtStartup()).toBe(expected.replace("127.0.0.1:5432", `${url.hostname}:${url.port || "5432"}`));
    } else {
      // pg's own error for it, as the server sends it (SQLSTATE 3D000).
      const error = Object.assign(new DatabaseError('database "switchboard_missing" does not exist', 0, "error"), { code: "3D000" });
      expect(startupFailure(error, { url: "postgres://u:p@127.0.0.1:5432/switchboard_missing", dataDir })).toBe(expected);
    }
  });

  test("a migration that fails: one line with PostgreSQL's reason, not the migration's SQL", async () => {
    // A table of the first migration already there, as on a database some other program uses.
    const squatter = await PGlite.create(process.env.PGLITE_DATA_DIR!);
    await squatter.exec("CREATE TABLE workspaces (id int)");
    await squatter.close();
    expect(await openDatabaseAtStartup()).toBe(
      `applying the migrations to the embedded database in ${process.env.PGLITE_DATA_DIR} failed: relation "workspaces" already exists (SQLSTATE 42P07); fix the database or the migration, then start again`,
    );
  });

  test("openDatabaseOrExit: the one line on stderr, then exit code 1", async () => {
    process.env.DATABASE_URL = "postgres://switchboard@127.0.0.1:1/switchboard";
    const logged = jest.spyOn(console, "error").mockImplementation(() => undefined);
    const exit = jest.spyOn(process, "exit").mockImplementation((() => undefined) as never);
    await openDatabaseOrExit();
    expect(logged.mock.calls).toEqual([["[switchboard] cannot start: cannot reach the database server at 127.0.0.1:1 (ECONNREFUSED); is it running, and is DATABASE_URL right?"]]);
    expect(exit).toHaveBeenCalledWith(1);
  });

  test("exitOnStartupError, for what fails after the database opened (the job queue's schema): its first line and code, exit 1", () => {
    const logged = jest.spyOn(console, "error").mockImplementation(() => undefined);
    const exit = jest.spyOn(process, "exit").mockImplementation((() => undefined) as never);
    const deadlock = Object.assign(new DatabaseError("deadlock detected", 0, "error"), { code: "40P01", detail: "Process 1 waits for ShareLock on transaction 2" });
    exitOnStartupError(deadlock);
    expect(logged.mock.calls).toEqual([["[switchboard] cannot start: deadlock detected (40P01)"]]);
    expect(exit).toHaveBeenCalledWith(1);
  });
});
