// A delay queue for many keys with one timer: due times are rounded up to a resolution, keys that
// fall due together are handed over in one batch, and only the earliest bucket has a timer armed
// on the (injected) clock. 30,000 pods waiting out a stage delay cost a few Map entries each,
// not 30,000 timers.

import { realClock, type Clock } from '../machinery/clock.js';

export interface TimeBucketsOptions {
  /** Bucket width in ms: due times are rounded up to a multiple of it. Default 25. */
  resolutionMs?: number;
  clock?: Clock;
}

export class TimeBuckets<K> {
  private readonly clock: Clock;
  private readonly resolution: number;
  /** Bucket time -> keys due then. */
  private readonly buckets = new Map<number, Set<K>>();
  /** Bucket times, ascending. */
  private times: number[] = [];
  private readonly keyAt = new Map<K, number>();
  private armedAt: number | undefined;
  private cancelTimer: (() => void) | undefined;
  private stopped = false;

  /** `onDue` gets every key whose time has come, in due order, once per key scheduled. */
  constructor(private readonly onDue: (keys: K[]) => void, options: TimeBucketsOptions = {}) {
    this.clock = options.clock ?? realClock;
    this.resolution = Math.max(1, options.resolutionMs ?? 25);
  }

  /** Keys waiting. */
  get size(): number { return this.keyAt.size; }

  has(key: K): boolean { return this.keyAt.has(key); }

  /** The bucket time `key` is due at, if it is waiting. */
  dueAt(key: K): number | undefined { return this.keyAt.get(key); }

  /** (Re)schedules `key` for `atMs` (epoch ms); a key waits in one bucket at a time. */
  schedule(key: K, atMs: number): void {
    if (this.stopped) return;
    const t = Math.ceil(atMs / this.resolution) * this.resolution;
    const cur = this.keyAt.get(key);
    if (cur === t) return;
    if (cur !== undefined) this.removeFrom(cur, key);
    this.keyAt.set(key, t);
    let set = this.buckets.get(t);
    if (!set) {
      set = new Set();
      this.buckets.set(t, set);
      this.insertTime(t);
    }
    set.add(key);
    this.arm();
  }

  /** Schedules `key` `ms` from now. */
  scheduleIn(key: K, ms: number): void {
    this.schedule(key, this.clock.now() + Math.max(0, ms));
  }

  cancel(key: K): void {
    const t = this.keyAt.get(key);
    if (t === undefined) return;
    this.keyAt.delete(key);
    this.removeFrom(t, key);
  }

  /** Drops every key and the timer; later schedule() calls are ignored. */
  stop(): void {
    this.stopped = true;
    this.cancelTimer?.();
    this.cancelTimer = undefined;
    this.armedAt = undefined;
    this.buckets.clear();
    this.keyAt.clear();
    this.times = [];
  }

  private removeFrom(t: number, key: K): void {
    const set = this.buckets.get(t);
    if (!set) return;
    set.delete(key);
    if (set.size === 0) {
      this.buckets.delete(t);
      const i = this.indexOf(t);
      if (this.times[i] === t) this.times.splice(i, 1);
    }
  }

  /** First index whose time is >= t. */
  private indexOf(t: number): number {
    let lo = 0;
    let hi = this.times.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.times[mid] as number) < t) lo = mid + 1; else hi = mid;
    }
    return lo;
  }

  private insertTime(t: number): void {
    this.times.splice(this.indexOf(t), 0, t);
  }

  private arm(): void {
    const first = this.times[0];
    if (first === undefined) return;
    if (this.armedAt !== undefined && this.armedAt <= first) return;
    this.cancelTimer?.();
    this.armedAt = first;
    this.cancelTimer = this.clock.setTimeout(() => this.fire(), Math.max(0, first - this.clock.now()));
  }

  private fire(): void {
    this.armedAt = undefined;
    this.cancelTimer = undefined;
    const now = this.clock.now();
    const due: K[] = [];
    let n = 0;
    while (n < this.times.length && (this.times[n] as number) <= now) {
      const t = this.times[n] as number;
      for (const k of this.buckets.get(t) ?? []) {
        this.keyAt.delete(k);
        due.push(k);
      }
      this.buckets.delete(t);
      n++;
    }
    if (n) this.times.splice(0, n);
    this.arm();
    if (due.length) this.onDue(due);
  }
}
