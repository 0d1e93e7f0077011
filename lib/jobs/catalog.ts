import { importJob } from "@/lib/import/import-job";
import { retentionJob } from "@/lib/import/retention";
import type { JobDefinition } from "./define";

/** Every job this app runs: a worker process works on each of these queues. */
export const JOBS: JobDefinition[] = [importJob as JobDefinition, retentionJob as JobDefinition];
