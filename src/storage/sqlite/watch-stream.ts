// One watcher: replays history from the log, then live events, with no gap and no duplicate.
// The stream is subscribed (receives live events) from the moment it is constructed; history is
// read lazily, page by page, as the consumer pulls. Live events are buffered, never block writers;
// a consumer that falls more than `bufferLimit` events behind is ended with StorageError Timeout.

import { StorageError, type StorageEvent } from '../interface.js';

export interface HistorySource {
  /** Events under prefix with after < revision <= upTo, in revision order, at most limit of them. */
  readHistory(prefix: string, after: number, upTo: number, limit: number): StorageEvent[];
  /** History at or below this revision may be gone. */
  compactRevision(): number;
}

export interface WatchStreamOptions {
  prefix: string;
  /** Deliver events after this revision. */
  afterRevision: number;
  /** The revision committed (and published) when the stream subscribed. */
  currentRevision: number;
  source: HistorySource;
  bufferLimit: number;
  historyPageSize?: number;
  signal?: AbortSignal;
  /** Called once when the stream ends, for whatever reason. */
  onEnd: (stream: WatchStream) => void;
}

type Waiter = { resolve: (r: IteratorResult<StorageEvent>) => void; reject: (e: unknown) => void };

const DONE: IteratorResult<StorageEvent> = { done: true, value: undefined };

export class WatchStream implements AsyncIterableIterator<StorageEvent> {
  readonly prefix: string;
  /** Revision of the last event handed to the consumer (or afterRevision). */
  private delivered: number;
  /** History is read from the log up to here; live events start after it. */
  private readonly historyEnd: number;
  private readPos: number;
  private page: StorageEvent[] = [];
  private pageHead = 0;
  private live: StorageEvent[] = [];
  private liveHead = 0;
  private waiters: Waiter[] = [];
  private ended = false;
  private detached = false;
  private failure: unknown;
  private readonly opts: WatchStreamOptions;
  private readonly onAbort = () => this.end();

  constructor(opts: WatchStreamOptions) {
    this.opts = opts;
    this.prefix = opts.prefix;
    this.delivered = opts.afterRevision;
    this.readPos = opts.afterRevision;
    this.historyEnd = opts.currentRevision;
    if (opts.signal?.aborted) {
      this.ended = true;
      queueMicrotask(() => this.detach());
    } else {
      opts.signal?.addEventListener('abort', this.onAbort, { once: true });
    }
  }

  /** A committed event under this stream's prefix. */
  push(ev: StorageEvent): void {
    if (this.ended || this.failure !== undefined) return;
    if (ev.kv.modRevision <= this.historyEnd || ev.kv.modRevision <= this.delivered) return;
    // A pending pull means everything before this event has been handed over already.
    const waiter = this.waiters.shift();
    if (waiter) {
      this.delivered = ev.kv.modRevision;
      waiter.resolve({ done: false, value: ev });
      return;
    }
    this.live.push(ev);
    if (this.live.length - this.liveHead > this.opts.bufferLimit) {
      this.fail(new StorageError('Timeout', this.prefix,
        `watch on ${this.prefix} dropped: the consumer fell more than ${this.opts.bufferLimit} events behind (last delivered revision ${this.delivered})`,
        { revision: this.delivered }));
    }
  }

  /** Ends the stream with an error, delivered to the consumer's next (or pending) pull. */
  fail(err: unknown): void {
    if (this.ended || this.failure !== undefined) return;
    this.failure = err;
    this.detach();
    this.live = [];
    this.liveHead = 0;
    this.page = [];
    this.pageHead = 0;
    const waiter = this.waiters.shift();
    if (waiter) {
      this.end();
      waiter.reject(err);
    }
  }

  /** Ends the stream normally: pending and further pulls return done. */
  end(): void {
    if (this.ended) return;
    this.ended = true;
    this.live = [];
    this.page = [];
    for (const w of this.waiters.splice(0)) w.resolve(DONE);
    this.detach();
  }

  private detach(): void {
    if (this.detached) return;
    this.detached = true;
    this.opts.signal?.removeEventListener('abort', this.onAbort);
    this.opts.onEnd(this);
  }

  next(): Promise<IteratorResult<StorageEvent>> {
    if (this.failure !== undefined && !this.ended) {
      this.end();
      return Promise.reject(this.failure);
    }
    if (this.ended) return Promise.resolve(DONE);
    try {
      const ev = this.take();
      if (ev) return Promise.resolve({ done: false, value: ev });
    } catch (err) {
      this.end();
      return Promise.reject(err);
    }
    return new Promise((resolve, reject) => this.waiters.push({ resolve, reject }));
  }

  return(): Promise<IteratorResult<StorageEvent>> {
    this.end();
    return Promise.resolve(DONE);
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  /** The next event available without waiting, if any. Throws Compacted when history is gone. */
  private take(): StorageEvent | undefined {
    for (;;) {
      if (this.pageHead < this.page.length) {
        const ev = this.page[this.pageHead++]!;
        if (ev.kv.modRevision <= this.delivered) continue;
        this.delivered = ev.kv.modRevision;
        return ev;
      }
      if (this.readPos < this.historyEnd) {
        this.readPage();
        continue;
      }
      if (this.liveHead < this.live.length) {
        const ev = this.live[this.liveHead++]!;
        if (this.liveHead > 1024 && this.liveHead * 2 > this.live.length) {
          this.live = this.live.slice(this.liveHead);
          this.liveHead = 0;
        }
        if (ev.kv.modRevision <= this.delivered) continue;
        this.delivered = ev.kv.modRevision;
        return ev;
      }
      return undefined;
    }
  }

  private readPage(): void {
    const compacted = this.opts.source.compactRevision();
    if (this.readPos < compacted) {
      throw new StorageError('Compacted', this.prefix,
        `required revision ${this.readPos + 1} has been compacted (compacted revision ${compacted})`, { revision: compacted });
    }
    const size = this.opts.historyPageSize ?? 512;
    this.page = this.opts.source.readHistory(this.prefix, this.readPos, this.historyEnd, size);
    this.pageHead = 0;
    const last = this.page[this.page.length - 1];
    this.readPos = this.page.length < size || !last ? this.historyEnd : last.kv.modRevision;
  }
}
