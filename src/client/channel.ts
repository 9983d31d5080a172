// A single-consumer async queue: producers push, one `for await` loop consumes.

export class Channel<T> implements AsyncIterable<T> {
  private buf: T[] = [];
  private head = 0;
  private waiter: { resolve: (r: IteratorResult<T>) => void; reject: (e: unknown) => void } | undefined;
  private ended = false;
  private failure: { error: unknown } | undefined;
  /** Called once when the consumer stops early (break/return) or cancel() is called. */
  onCancel: (() => void) | undefined;
  private cancelled = false;

  get closed(): boolean { return this.ended; }
  get size(): number { return this.buf.length - this.head; }

  push(v: T): void {
    if (this.ended) return;
    const w = this.waiter;
    if (w) { this.waiter = undefined; w.resolve({ value: v, done: false }); return; }
    this.buf.push(v);
  }

  /** No more values; buffered ones are still delivered, then iteration ends (or throws `error`). */
  end(error?: unknown): void {
    if (this.ended) return;
    this.ended = true;
    if (error !== undefined) this.failure = { error };
    const w = this.waiter;
    if (w && this.size === 0) {
      this.waiter = undefined;
      if (this.failure) w.reject(this.failure.error); else w.resolve({ value: undefined, done: true });
    }
  }

  /** Ends now, dropping anything buffered, and runs onCancel. */
  cancel(): void {
    this.buf = [];
    this.head = 0;
    this.failure = undefined;
    this.end();
    if (!this.cancelled) { this.cancelled = true; this.onCancel?.(); }
  }

  private next(): Promise<IteratorResult<T>> {
    if (this.size > 0) {
      const v = this.buf[this.head++] as T;
      if (this.head > 1024 && this.head * 2 > this.buf.length) { this.buf = this.buf.slice(this.head); this.head = 0; }
      return Promise.resolve({ value: v, done: false });
    }
    if (this.ended) {
      if (this.failure) { const e = this.failure.error; this.failure = undefined; return Promise.reject(e); }
      return Promise.resolve({ value: undefined, done: true });
    }
    if (this.waiter) return Promise.reject(new Error('Channel: concurrent next() calls are not supported'));
    return new Promise((resolve, reject) => { this.waiter = { resolve, reject }; });
  }

  [Symbol.asyncIterator](): AsyncIterator<T> {
    return {
      next: () => this.next(),
      return: () => { this.cancel(); return Promise.resolve({ value: undefined, done: true }); },
    };
  }
}
