// A token bucket on an injected clock (the flowcontrol rate limiter of upstream's
// RateLimitedTimedQueue). qps 0 never admits anything.

import type { Clock } from '../../machinery/clock.js';

export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(private qps: number, private readonly burst: number, private readonly clock: Clock) {
    this.tokens = burst;
    this.last = clock.now();
  }

  get rate(): number { return this.qps; }

  tryAccept(): boolean {
    if (this.qps <= 0) return false;
    const now = this.clock.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.qps);
    this.last = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  /** A new rate; a bucket swapped to a new rate starts full (as upstream's SwapLimiter). */
  setRate(qps: number): void {
    if (qps === this.qps) return;
    this.qps = qps;
    this.tokens = this.burst;
    this.last = this.clock.now();
  }
}
