// Waits on an injected clock without leaving listeners on a long-lived signal behind.

import type { Clock } from '../machinery/clock.js';

/** Resolves true after `ms`, or false as soon as `signal` aborts (never rejects). */
export function sleepOn(clock: Clock, ms: number, signal?: AbortSignal): Promise<boolean> {
  if (signal?.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const onAbort = (): void => { cancel(); resolve(false); };
    const cancel = clock.setTimeout(() => { signal?.removeEventListener('abort', onAbort); resolve(true); }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
