// How long an item waits before it is retried (client-go util/workqueue/default_rate_limiters.go).

import { realClock, type Clock } from '../machinery/clock.js';

export interface RateLimiter<K> {
  /** Milliseconds to wait before `item` is processed again; counts one more failure for it. */
  when(item: K): number;
  /** Stops tracking `item` (it succeeded). */
  forget(item: K): void;
  /** Failures counted for `item` since it was last forgotten. */
  numRequeues(item: K): number;
}

/** base * 2^failures, capped at max: 5ms, 10ms, 20ms ... 1000s by default. */
export class ItemExponentialRateLimiter<K> implements RateLimiter<K> {
  private readonly failures = new Map<K, number>();

  constructor(private readonly baseMs = 5, private readonly maxMs = 1000 * 1000) {}

  when(item: K): number {
    const n = this.failures.get(item) ?? 0;
    this.failures.set(item, n + 1);
    const d = this.baseMs * 2 ** n;
    return Number.isFinite(d) && d < this.maxMs ? d : this.maxMs;
  }

  forget(item: K): void { this.failures.delete(item); }
  numRequeues(item: K): number { return this.failures.get(item) ?? 0; }
}

/** A token bucket shared by all items: `qps` refill, `burst` capacity (overall retry rate cap). */
export class BucketRateLimiter<K> implements RateLimiter<K> {
  private tokens: number;
  private last: number;

  constructor(private readonly qps = 10, private readonly burst = 100, private readonly clock: Clock = realClock) {
    this.tokens = burst;
    this.last = clock.now();
  }

  when(_item: K): number {
    const now = this.clock.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.qps);
    this.last = now;
    this.tokens -= 1; // reserve, even if that means waiting for it
    return this.tokens >= 0 ? 0 : Math.ceil((-this.tokens / this.qps) * 1000);
  }

  forget(_item: K): void {}
  numRequeues(_item: K): number { return 0; }
}

/** The longest wait any of the limiters asks for. */
export class MaxOfRateLimiter<K> implements RateLimiter<K> {
  private readonly limiters: RateLimiter<K>[];
  constructor(...limiters: RateLimiter<K>[]) { this.limiters = limiters; }

  when(item: K): number {
    let max = 0;
    for (const l of this.limiters) max = Math.max(max, l.when(item));
    return max;
  }

  forget(item: K): void { for (const l of this.limiters) l.forget(item); }
  numRequeues(item: K): number {
    let max = 0;
    for (const l of this.limiters) max = Math.max(max, l.numRequeues(item));
    return max;
  }
}

/** As client-go's DefaultControllerRateLimiter: per-item 5ms..1000s, overall 10 qps with 100 burst. */
export function defaultControllerRateLimiter<K>(clock: Clock = realClock): RateLimiter<K> {
  return new MaxOfRateLimiter<K>(new ItemExponentialRateLimiter<K>(5, 1000 * 1000), new BucketRateLimiter<K>(10, 100, clock));
}
