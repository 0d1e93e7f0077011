// unzipper (0.10) is the zip reader exceljs's streaming workbook reader uses;
// it ships no types. Only what lib/import/workbook-guard.ts calls.
declare module "unzipper" {
  import type { Duplex, Readable } from "node:stream";

  /** One part of the archive: its inflated bytes. */
  export interface Entry extends Readable {
    path: string;
    autodrain(): unknown;
  }

  /** Reads an archive from its local headers, in order, as it streams. */
  export function Parse(options?: { forceStream?: boolean; verbose?: boolean }): Duplex & AsyncIterable<Entry>;
}
