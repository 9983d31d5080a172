// The reconciler runner every controller uses: informer event handlers only enqueue keys; N workers
// take keys from a rate-limited WorkQueue and call a level-based, idempotent reconcile(key). An
// error requeues the key with back-off; { requeueAfter } wakes it up later; one key is never
// reconciled by two workers at once (the queue guarantees it).

import { realClock, type Clock } from '../../machinery/clock.js';
import { WorkQueue } from '../../client/workqueue.js';
import { runWorkers, type Reconciler } from '../../client/run-workers.js';
import type { RateLimiter } from '../../client/rate-limiter.js';
import { defaultLogger, type Logger } from '../../client/logger.js';
import { errorMessage } from './api-errors.js';

export interface ReconcileLoopOptions {
  /** Names the queue in log messages. */
  name: string;
  /** Default 1. */
  workers?: number;
  clock?: Clock;
  logger?: Logger;
  rateLimiter?: RateLimiter<string>;
}

/** Something that must have synced before workers start (an Informer fits). */
export interface Syncable {
  waitForSync(signal?: AbortSignal): Promise<boolean>;
}

export class ReconcileLoop {
  readonly queue: WorkQueue<string>;
  private readonly workers: number;
  private readonly logger: Logger;

  constructor(private readonly reconcile: Reconciler<string>, readonly options: ReconcileLoopOptions) {
    this.queue = new WorkQueue<string>({ clock: options.clock ?? realClock, rateLimiter: options.rateLimiter, name: options.name });
    this.workers = Math.max(1, options.workers ?? 1);
    this.logger = options.logger ?? defaultLogger;
  }

  enqueue(key: string): void { this.queue.add(key); }

  enqueueAfter(key: string, ms: number): void { this.queue.addAfter(key, ms); }

  enqueueRateLimited(key: string): void { this.queue.addRateLimited(key); }

  /** Waits for `caches` to sync, then runs the workers until `signal` aborts. */
  async run(signal: AbortSignal, caches: readonly Syncable[] = []): Promise<void> {
    const synced = await Promise.all(caches.map((c) => c.waitForSync(signal)));
    if (signal.aborted || !synced.every(Boolean)) {
      this.queue.shutDown();
      return;
    }
    await runWorkers(this.queue, this.workers, this.reconcile, signal, {
      logger: this.logger,
      onError: (key, e) => {
        this.logger.warn(`${this.options.name}: error syncing ${key} (requeue ${this.queue.numRequeues(key)}): ${errorMessage(e)}`);
      },
    });
  }
}
