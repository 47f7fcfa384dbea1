import { storeBusy } from '../../common/errors/store-unavailable';

/**
 * Group commit: work items that arrive while earlier ones are being
 * committed wait, and then go together, in one transaction (one flush of
 * PostgreSQL's write-ahead log for all of them, where each would otherwise
 * wait for its own). An item that arrives when a slot is free runs at once,
 * alone, so a quiet server answers as fast as before.
 *
 * `run` gets the items of one batch and settles each of them: an item can
 * fail without failing the others.
 *
 * The wait is bounded: while the database is slow or unreachable, items
 * beyond `maxWaiting` are refused at once (`unavailable`: the client keeps
 * the message and resends it) rather than piling up in memory.
 */
export class GroupCommit<Item, Result> {
  private readonly waiting: Array<{ item: Item; resolve: (result: Result) => void; reject: (error: unknown) => void }> = [];
  private running = 0;

  constructor(
    private readonly run: (items: Item[]) => Promise<PromiseSettledResult<Result>[]>,
    /** Batches committing at once (each holds a pooled connection). */
    private readonly maxRunning: number,
    private readonly maxBatch: number,
    private readonly maxWaiting = Infinity,
  ) {}

  submit(item: Item): Promise<Result> {
    if (this.waiting.length >= this.maxWaiting) return Promise.reject(storeBusy());
    return new Promise<Result>((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      this.startBatches();
    });
  }

  private startBatches(): void {
    while (this.running < this.maxRunning && this.waiting.length > 0) {
      const batch = this.waiting.splice(0, this.maxBatch);
      this.running++;
      this.run(batch.map((entry) => entry.item))
        .then(
          (results) => results.forEach((result, i) => (result.status === 'fulfilled' ? batch[i].resolve(result.value) : batch[i].reject(result.reason))),
          (error: unknown) => batch.forEach((entry) => entry.reject(error)),
        )
        .finally(() => {
          this.running--;
          this.startBatches();
        });
    }
  }
}
