// Runs `count` calls of `fn` in batches of 1, 2, 4, ... (upstream slowStartBatch): a failing call
// stops further batches, so a controller that cannot create pods (quota, a bad template) does not
// flood the API server with requests that will all fail.

/** Upstream SlowStartInitialBatchSize. */
export const SLOW_START_INITIAL_BATCH_SIZE = 1;

export interface SlowStartResult {
  /** Calls that succeeded. */
  successes: number;
  /** Calls never made because an earlier batch failed. */
  skipped: number;
  /** The first error of the failing batch, if any. */
  error?: unknown;
}

export async function slowStartBatch(
  count: number,
  fn: (index: number) => Promise<void>,
  initialBatchSize = SLOW_START_INITIAL_BATCH_SIZE,
): Promise<SlowStartResult> {
  let remaining = count;
  let successes = 0;
  let index = 0;
  for (let batch = Math.min(remaining, initialBatchSize); batch > 0; batch = Math.min(2 * batch, remaining)) {
    const start = index;
    index += batch;
    const results = await Promise.allSettled(Array.from({ length: batch }, (_, i) => fn(start + i)));
    const failed = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    successes += batch - failed.length;
    remaining -= batch;
    if (failed.length) return { successes, skipped: remaining, error: failed[0]?.reason };
  }
  return { successes, skipped: 0 };
}
