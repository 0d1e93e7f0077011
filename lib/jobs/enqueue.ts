import type { Db } from "@/db/client";
import type { JobDefinition } from "./define";
import { runtimeFor } from "./registry";
import type { EnqueueOptions } from "./runtime";

/** Queues one run of `definition` on the queue that serves `db`; returns the queue's id for it. */
export function enqueue<T extends object>(db: Db, definition: JobDefinition<T>, data: T, options: EnqueueOptions): Promise<string> {
  return runtimeFor(db).enqueue(definition, data, options);
}
