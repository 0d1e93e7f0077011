/**
 * The job runtime this process started, kept on globalThis: Next.js may load
 * lib/ in more than one bundle, and each bundle must see the same queue.
 */
export type RuntimeState = {
  /** True once the queue is started in this process (sending, and working when workers run here). */
  started(): boolean;
  /** True when the queue's database answers (another process's workers then run the jobs). */
  reachable(): Promise<boolean>;
};

const store = globalThis as unknown as { __switchboardJobs?: RuntimeState };

export function setProcessRuntime(state: RuntimeState | undefined): void {
  store.__switchboardJobs = state;
}

export function processRuntime(): RuntimeState | undefined {
  return store.__switchboardJobs;
}
