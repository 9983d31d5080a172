// Exponential back-off with jitter that resets after a quiet spell, as client-go's
// ExponentialBackoffManager (reflector: 800ms initial, 30s cap, reset after 2 minutes).

import { realClock, type Clock } from '../machinery/clock.js';

export interface BackoffOptions {
  initialMs?: number;
  maxMs?: number;
  factor?: number;
  /** Adds up to jitter * delay at random. */
  jitter?: number;
  /** A call this long after the previous one starts again from initialMs. */
  resetAfterMs?: number;
  clock?: Clock;
  random?: () => number;
}

export class Backoff {
  private readonly o: Required<BackoffOptions>;
  private current = 0;
  private lastAt: number | undefined;

  constructor(options: BackoffOptions = {}) {
    this.o = {
      initialMs: 800, maxMs: 30_000, factor: 2, jitter: 1, resetAfterMs: 120_000,
      clock: realClock, random: Math.random, ...options,
    };
  }

  /** The next delay in ms. */
  next(): number {
    const now = this.o.clock.now();
    if (this.lastAt === undefined || now - this.lastAt > this.o.resetAfterMs) this.current = 0;
    this.lastAt = now;
    this.current = this.current === 0 ? this.o.initialMs : Math.min(this.o.maxMs, this.current * this.o.factor);
    return Math.round(this.current + this.o.random() * this.o.jitter * this.current);
  }

  reset(): void {
    this.current = 0;
    this.lastAt = undefined;
  }
}
