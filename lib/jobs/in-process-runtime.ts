import crypto from "node:crypto";
import type { Db } from "@/db/client";
import type { JobDefinition, JobSchedule } from "./define";
import type { EnqueueOptions, JobRuntime, RuntimeOptions } from "./runtime";

type Waiting = { id: string; definition: JobDefinition; data: object; options: EnqueueOptions; order: number; attempt: number };

const EVERY_MS: Record<JobSchedule, number> = { hourly: 3_600_000, daily: 86_400_000 };

/**
 * The queue on the embedded database (PGlite), in this process's memory,
 * behind the same interface as pg-boss on a server. pg-boss itself is not
 * used here: PGlite is one connection, which an import's transaction holds
 * for its whole run, so pg-boss's polling, heartbeats and maintenance would
 * wait behind every import, and its schema would add to the first start. The
 * embedded database runs in exactly one process, so no other instance can
 * take a job or must see the queue, and a process that dies takes its queue
 * with it: on start, imports it left running or queued are marked failed
 * (lib/import/jobs.ts failInterruptedImports).
 *
 * Runs one job at a time: the one connection would serialize them anyway.
 */
export function startInProcessRuntime(db: Db, catalog: JobDefinition[], options: RuntimeOptions): JobRuntime {
  const waiting: Waiting[] = [];
  const running = new Set<Waiting>();
  const timers: NodeJS.Timeout[] = [];
  let order = 0;
  let started = true;
  let idle: (() => void) | undefined;

  const busyWorkspace = (job: Waiting) =>
    job.definition.onePerWorkspace && [...running].some((r) => r.definition === job.definition && r.options.workspaceId === job.options.workspaceId);

  const pump = () => {
    if (!options.workers || !started) return;
    while (running.size < 1) {
      const next = waiting
        .filter((job) => !busyWorkspace(job))
        .sort((a, b) => (b.options.priority ?? 0) - (a.options.priority ?? 0) || a.order - b.order)[0];
      if (!next) break;
      waiting.splice(waiting.indexOf(next), 1);
      running.add(next);
      void run(next);
    }
  };

  const run = async (job: Waiting) => {
    try {
      // One process: a run is given up only with the process, transaction and all.
      await job.definition.run(job.data, { db, jobId: job.id, workspaceId: job.options.workspaceId, stillRunning: async () => undefined });
    } catch (error) {
      if (job.attempt < job.definition.retries) {
        waiting.push({ ...job, attempt: job.attempt + 1, order: order++ });
      } else {
        console.error(`[jobs] ${job.definition.name} ${job.id} failed:`, error);
      }
    } finally {
      running.delete(job);
      if (!started && running.size === 0) idle?.();
      setImmediate(pump);
    }
  };

  const enqueue = async <T extends object>(definition: JobDefinition<T>, data: T, enqueueOptions: EnqueueOptions) => {
    // As on pg-boss (see waitingOrActive there): a workspace's later jobs go
    // behind other workspaces' first ones.
    const sameKey = (j: Waiting) => j.definition === definition && j.options.workspaceId === enqueueOptions.workspaceId;
    const priority = enqueueOptions.priority ?? (definition.onePerWorkspace ? -(waiting.filter(sameKey).length + [...running].filter(sameKey).length) : 0);
    const job: Waiting = { id: crypto.randomUUID(), definition: definition as JobDefinition, data, options: { ...enqueueOptions, priority }, order: order++, attempt: 0 };
    waiting.push(job);
    setImmediate(pump);
    return job.id;
  };

  if (options.workers) {
    for (const definition of catalog) {
      if (!definition.schedule) continue;
      const timer = setInterval(() => void enqueue(definition, {}, { workspaceId: null }), EVERY_MS[definition.schedule]);
      timer.unref();
      timers.push(timer);
      // Also once soon after start: a server that restarts daily still runs it.
      const first = setTimeout(() => void enqueue(definition, {}, { workspaceId: null }), 60_000);
      first.unref();
      timers.push(first);
    }
  }

  return {
    started: () => started,
    reachable: async () => true,
    enqueue,
    async stop(graceMs = 10_000) {
      if (!started) return;
      started = false;
      for (const timer of timers) clearTimeout(timer);
      waiting.length = 0;
      if (running.size === 0) return;
      await new Promise<void>((resolve) => {
        idle = resolve;
        setTimeout(resolve, graceMs).unref();
      });
    },
  };
}
