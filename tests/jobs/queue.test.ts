import type { DatabaseHandle } from "@/db/client";
import { defineJob } from "@/lib/jobs/define";
import { enqueue } from "@/lib/jobs/enqueue";
import type { JobRuntime } from "@/lib/jobs/runtime";
import { startJobs } from "@/lib/jobs/start";
import { createTestDatabase, TEST_JOBS } from "../support/db";

// The job interface itself, with jobs of the test's own: the same
// assertions hold for pg-boss (PostgreSQL server) and the in-process runner (PGlite).

type Event = { job: string; workspace: string | null; at: "start" | "end"; time: number };
const events: Event[] = [];
const attempts = new Map<string, number>();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const perWorkspace = defineJob<{ label: string }>({
  name: "test-per-workspace",
  onePerWorkspace: true,
  retries: 0,
  timeoutSeconds: 60,
  async run(data, job) {
    events.push({ job: data.label, workspace: job.workspaceId, at: "start", time: Date.now() });
    await sleep(400);
    events.push({ job: data.label, workspace: job.workspaceId, at: "end", time: Date.now() });
  },
});

const flaky = defineJob<{ label: string; failures: number }>({
  name: "test-flaky",
  onePerWorkspace: false,
  retries: 1,
  timeoutSeconds: 60,
  async run(data) {
    const attempt = (attempts.get(data.label) ?? 0) + 1;
    attempts.set(data.label, attempt);
    if (attempt <= data.failures) throw new Error(`attempt ${attempt} fails`);
    events.push({ job: data.label, workspace: null, at: "end", time: Date.now() });
  },
});

let handle: DatabaseHandle;
let runtime: JobRuntime;
beforeAll(async () => {
  handle = await createTestDatabase();
  runtime = await startJobs(handle, { ...TEST_JOBS, catalog: [perWorkspace, flaky] });
});
afterAll(async () => {
  await runtime.stop();
  await handle.close();
});

async function until(what: string, check: () => boolean, ms = 30_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`${what}: not within ${ms} ms`);
    await sleep(50);
  }
}

const ended = (label: string) => events.some((e) => e.job === label && e.at === "end");

test("one job at a time per workspace, in the order queued; other workspaces are not held up", async () => {
  const [a, b] = [crypto.randomUUID(), crypto.randomUUID()];
  for (const label of ["a1", "a2", "a3"]) await enqueue(handle.db, perWorkspace, { label }, { workspaceId: a });
  for (const label of ["b1", "b2"]) await enqueue(handle.db, perWorkspace, { label }, { workspaceId: b });
  await until("every job", () => ["a1", "a2", "a3", "b1", "b2"].every(ended));
  for (const workspace of [a, b]) {
    const mine = events.filter((e) => e.workspace === workspace);
    // start, end, start, end…: never two at once.
    expect(mine.map((e) => e.at)).toEqual(mine.map((_, i) => (i % 2 === 0 ? "start" : "end")));
    expect(mine.filter((e) => e.at === "start").map((e) => e.job)).toEqual(workspace === a ? ["a1", "a2", "a3"] : ["b1", "b2"]);
  }
  // b's first job did not wait for all of a's.
  const started = (label: string) => events.find((e) => e.job === label && e.at === "start")!.time;
  expect(started("b1")).toBeLessThan(started("a3"));
}, 60_000);

test("a job that throws is retried while it has retries left, then given up", async () => {
  await enqueue(handle.db, flaky, { label: "once", failures: 1 }, { workspaceId: null });
  await enqueue(handle.db, flaky, { label: "always", failures: 99 }, { workspaceId: null });
  const log = jest.spyOn(console, "error").mockImplementation(() => undefined);
  try {
    await until("the retried job", () => ended("once"));
    await until("the failing job's last attempt", () => attempts.get("always") === 2);
    await sleep(1_500);
  } finally {
    log.mockRestore();
  }
  expect(attempts.get("once")).toBe(2);
  expect(attempts.get("always")).toBe(2);
  expect(ended("always")).toBe(false);
}, 60_000);
