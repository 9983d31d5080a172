// Runs n workers over a queue, controller-runtime style: error -> rate-limited requeue,
// requeueAfter -> timed wake-up, success -> forget. The queue guarantees one key is never
// processed by two workers at once.

import { errorMessage } from '../machinery/errors.js';
import type { WorkQueue } from './workqueue.js';
import { defaultLogger, type Logger } from './logger.js';

export type ReconcileResult = { requeueAfter?: number } | void;

export type Reconciler<K> = (key: K, signal: AbortSignal) => Promise<ReconcileResult>;

export interface RunWorkersOptions<K> {
  /** Called for every reconcile error (after it was requeued). Default: log a warning. */
  onError?: (key: K, error: unknown) => void;
  logger?: Logger;
}

/** Resolves once all workers stopped: after `signal` aborts (the queue is shut down then). */
export async function runWorkers<K>(
  queue: WorkQueue<K>,
  n: number,
  reconcile: Reconciler<K>,
  signal: AbortSignal,
  options: RunWorkersOptions<K> = {},
): Promise<void> {
  const logger = options.logger ?? defaultLogger;
  const onError = options.onError ?? ((key: K, e: unknown) => {
    logger.warn(`${queue.name || 'workqueue'}: reconcile ${String(key)} failed (requeue ${queue.numRequeues(key)}): ${errorMessage(e)}`);
  });
  const stop = (): void => queue.shutDown();
  if (signal.aborted) stop(); else signal.addEventListener('abort', stop, { once: true });

  async function worker(): Promise<void> {
    for (;;) {
      const key = await queue.get();
      if (key === undefined) return;
      try {
        const r = await reconcile(key, signal);
        if (r && typeof r.requeueAfter === 'number' && r.requeueAfter > 0) {
          queue.forget(key);
          queue.addAfter(key, r.requeueAfter);
        } else {
          queue.forget(key);
        }
      } catch (e) {
        if (!signal.aborted) {
          queue.addRateLimited(key);
          try { onError(key, e); } catch { /* ignore */ }
        }
      } finally {
        queue.done(key);
      }
    }
  }

  try {
    await Promise.all(Array.from({ length: Math.max(1, n) }, () => worker()));
  } finally {
    signal.removeEventListener('abort', stop);
  }
}
