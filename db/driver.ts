import type { SQL } from "drizzle-orm";

/**
 * What differs between a PostgreSQL server (node-postgres pool) and embedded
 * PGlite, in one interface: db/driver-pg.ts and db/driver-pglite.ts implement
 * it, and the rest of the code asks it what it can do, never which driver it is.
 */
export type Driver = {
  /** For logs and benchmark reports only. */
  readonly name: "pg" | "pglite";
  /**
   * True when this process is the only one that reaches the database
   * (PGlite): what it keeps in memory is every instance's state, and
   * whatever was running before it started died with the last process.
   */
  readonly singleProcess: boolean;
  /**
   * True when every statement goes through one connection (PGlite): while a
   * transaction is open, a statement from outside it waits for its end.
   */
  readonly oneConnection: boolean;
  /**
   * Runs `work` in one transaction on one connection. Throwing rolls back:
   * nothing the work wrote survives a failure or a kill.
   */
  rawTransaction<T>(work: (tx: RawTx) => Promise<T>): Promise<T>;
  /**
   * Streams the output of a `COPY (…) TO STDOUT` statement; null where COPY TO
   * holds the whole result in memory (PGlite), so callers page instead.
   */
  readonly copyOut: CopyOut | null;
};

/** Plain SQL on one connection inside one transaction, plus a bulk loader. */
export type RawTx = {
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  /** Runs several statements in one round trip (no parameters); returns the last one's rows. */
  script<T = Record<string, unknown>>(sql: string): Promise<T[]>;
  /** Loads rows encoded as COPY text (see TsvBuffer) into `table`: COPY FROM STDIN on a server, from a blob on PGlite. */
  loadText(table: string, columns: readonly string[], data: Buffer): Promise<void>;
  /**
   * A read that runs alongside the transaction's own statements: on a server
   * from another connection of the pool, so it overlaps them; on PGlite,
   * whose one connection the transaction holds, through the transaction. Its
   * result must not depend on what the transaction wrote (visible on PGlite,
   * not on a server).
   */
  readAlongside<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
};

export type CopyOutOptions = {
  /** Sent before the COPY output (a header line). */
  prefix?: Uint8Array;
  /** Called once when the output ended or the reader cancelled, with the rows COPY sent; not after an error. */
  onEnd?: (rows: number, aborted: boolean) => void;
};

/**
 * `statement` is a whole `COPY (…) TO STDOUT …`; its parameters are inlined as
 * literals (COPY takes none). The stream has backpressure, and cancelling it
 * stops COPY and gives the connection back.
 */
export type CopyOut = (statement: SQL, options?: CopyOutOptions) => ReadableStream<Uint8Array>;
