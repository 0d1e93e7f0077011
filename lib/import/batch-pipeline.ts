import { newBatch, resetBatch, type Batch } from "./batch-rows";

export type MergeBatch = (batch: Batch, number: number, rowsSoFar: number) => Promise<void>;

/**
 * The import's batches in flight. Three buffers in rotation: one fills here
 * while the others wait for or go through the database, so a slow stretch on
 * either side does not stall the other. Batches merge one at a time, in order.
 */
export class BatchPipeline {
  private readonly buffers = [newBatch(), newBatch(), newBatch()];
  private readonly merged: Promise<void>[] = this.buffers.map(() => Promise.resolve());
  private current = 0;
  private merging: Promise<void> = Promise.resolve();
  /** The batch filling now, by number: its stage rows carry it, so each batch's script reads only its own. */
  number = 0;
  /** How long the parser waited for the database (the trace line). */
  waitedMs = 0;

  constructor(private readonly merge: MergeBatch) {}

  get filling(): Batch {
    return this.buffers[this.current];
  }

  /** Queues the filling batch behind the ones before it, then waits until the next buffer is free. */
  async send(rowsSoFar: number): Promise<void> {
    const full = this.filling;
    const number = this.number++;
    this.merging = this.merging.then(() => this.merge(full, number, rowsSoFar));
    // Handled here so a failure waits for the await below, or for finish() or settle().
    this.merging.catch(() => undefined);
    this.merged[this.current] = this.merging;
    this.current = (this.current + 1) % this.buffers.length;
    const started = performance.now();
    // The buffer is reused once the batch that last used it is merged.
    await this.merged[this.current];
    this.waitedMs += performance.now() - started;
    resetBatch(this.filling);
  }

  /** Waits for the batches sent, then merges the last, partly filled one. */
  async finish(rowsSoFar: number): Promise<void> {
    await this.merging;
    if (this.filling.rows > 0) await this.merge(this.filling, this.number, rowsSoFar);
  }

  /** After a failure: lets a batch still merging settle before the transaction rolls back under it. */
  settle(): Promise<void> {
    return this.merging.catch(() => undefined);
  }
}
