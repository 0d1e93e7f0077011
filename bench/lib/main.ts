/**
 * Runs a benchmark's main and ends the process: 0 when it finished, 1 with
 * the error printed when it threw. Exiting explicitly because open handles
 * (a pg pool, PGlite, a child server) would otherwise keep it alive.
 */
export function runMain(main: () => Promise<void>): void {
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error instanceof Error ? (error.stack ?? error.message) : error);
      process.exit(1);
    },
  );
}
