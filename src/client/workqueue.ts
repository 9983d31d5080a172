// A work queue of keys, as client-go's rate-limited delaying queue: a key is queued at most once,
// a key being processed is not handed out again until done() (it is re-queued then if it was
// added meanwhile), and delayed / rate-limited adds go through an injected clock.

import { realClock, type Clock } from '../machinery/clock.js';
import { defaultControllerRateLimiter, type RateLimiter } from './rate-limiter.js';

export interface WorkQueueOptions<K> {
  clock?: Clock;
  /** Default: defaultControllerRateLimiter (per-item 5ms..1000s, overall 10 qps / 100 burst). */
  rateLimiter?: RateLimiter<K>;
  /** For log messages. */
  name?: string;
}

/** Keys are compared with SameValueZero (Map semantics): use strings or other primitives. */
export class WorkQueue<K = string> {
  readonly name: string;
  private readonly clock: Clock;
  private readonly limiter: RateLimiter<K>;
  private queue: K[] = [];
  private head = 0;
  /** Keys that need processing (queued, or re-added while processing). */
  private readonly dirty = new Set<K>();
  private readonly processing = new Set<K>();
  private readonly waiting = new Map<K, { at: number; cancel: () => void }>();
  private getters: ((k: K | undefined) => void)[] = [];
  private drainers: (() => void)[] = [];
  private shutting = false;

  constructor(options: WorkQueueOptions<K> = {}) {
    this.clock = options.clock ?? realClock;
    this.limiter = options.rateLimiter ?? defaultControllerRateLimiter<K>(this.clock);
    this.name = options.name ?? '';
  }

  get shuttingDown(): boolean { return this.shutting; }

  /** Queues `key` unless already queued; ignored after shutDown. */
  add(key: K): void {
    if (this.shutting || this.dirty.has(key)) return;
    this.dirty.add(key);
    if (this.processing.has(key)) return; // done() re-queues it
    this.queue.push(key);
    this.dispatch();
  }

  /** Resolves with the next key (marking it processing), or undefined once shut down. */
  get(): Promise<K | undefined> {
    if (this.shutting) return Promise.resolve(undefined);
    if (this.len() > 0) return Promise.resolve(this.take());
    return new Promise((resolve) => this.getters.push(resolve));
  }

  /** Marks `key` processed; if it was added meanwhile, it is queued again. */
  done(key: K): void {
    this.processing.delete(key);
    if (this.dirty.has(key) && !this.shutting) {
      this.queue.push(key);
      this.dispatch();
    }
    if (this.processing.size === 0 && this.drainers.length) {
      const ds = this.drainers;
      this.drainers = [];
      for (const d of ds) d();
    }
  }

  /** Adds `key` after `ms`; a key already waiting keeps the earlier of the two times. */
  addAfter(key: K, ms: number): void {
    if (this.shutting) return;
    if (ms <= 0) { this.add(key); return; }
    const at = this.clock.now() + ms;
    const existing = this.waiting.get(key);
    if (existing) {
      if (existing.at <= at) return;
      existing.cancel();
    }
    const cancel = this.clock.setTimeout(() => {
      this.waiting.delete(key);
      this.add(key);
    }, ms);
    this.waiting.set(key, { at, cancel });
  }

  /** Adds `key` after the rate limiter's back-off for it. */
  addRateLimited(key: K): void {
    this.addAfter(key, this.limiter.when(key));
  }

  /** Clears `key`'s failure count (call after it was processed successfully). */
  forget(key: K): void { this.limiter.forget(key); }

  numRequeues(key: K): number { return this.limiter.numRequeues(key); }

  /** Keys queued and not yet handed out (excludes processing and delayed ones). */
  len(): number { return this.queue.length - this.head; }

  /** Keys waiting for addAfter / addRateLimited. */
  delayed(): number { return this.waiting.size; }

  /** Stops the queue: pending get()s resolve undefined, queued and delayed keys are dropped. */
  shutDown(): void {
    if (this.shutting) return;
    this.shutting = true;
    for (const w of this.waiting.values()) w.cancel();
    this.waiting.clear();
    this.queue = [];
    this.head = 0;
    const gs = this.getters;
    this.getters = [];
    for (const g of gs) g(undefined);
  }

  /** shutDown, then resolves once every key handed out has been marked done. */
  shutDownWithDrain(): Promise<void> {
    this.shutDown();
    if (this.processing.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.drainers.push(resolve));
  }

  private take(): K {
    const key = this.queue[this.head] as K;
    this.head++;
    if (this.head > 1024 && this.head * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.head);
      this.head = 0;
    }
    this.dirty.delete(key);
    this.processing.add(key);
    return key;
  }

  private dispatch(): void {
    while (this.getters.length && this.len() > 0) {
      const g = this.getters.shift() as (k: K | undefined) => void;
      g(this.take());
    }
  }
}
