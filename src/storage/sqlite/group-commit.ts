// Group commit: operations submitted in the same turn of the event loop are handed to `commit`
// together (one transaction), and each submitter's promise settles with its own outcome only after
// `commit` returned, i.e. after the transaction is durable.

export type Outcome<R> = { ok: true; value: R } | { ok: false; error: unknown };

export interface GroupCommitOptions<Op, R> {
  /** Runs a batch in one transaction; returns one outcome per op, in order. Throwing fails them all. */
  commit: (ops: Op[]) => Outcome<R>[];
  /** Upper bound on ops per transaction; the rest go in the next one. Default 10000. */
  maxBatch?: number;
}

interface Pending<Op, R> {
  op: Op;
  resolve: (v: R) => void;
  reject: (e: unknown) => void;
}

export class GroupCommit<Op, R> {
  private queue: Pending<Op, R>[] = [];
  private scheduled: NodeJS.Immediate | undefined;
  private readonly commitFn: (ops: Op[]) => Outcome<R>[];
  private readonly maxBatch: number;

  constructor(opts: GroupCommitOptions<Op, R>) {
    this.commitFn = opts.commit;
    this.maxBatch = opts.maxBatch ?? 10_000;
  }

  submit(op: Op): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ op, resolve, reject });
      this.scheduled ??= setImmediate(() => this.flush());
    });
  }

  /** Number of ops waiting for the next commit. */
  get pending(): number {
    return this.queue.length;
  }

  /** Commits everything queued now, synchronously. */
  flush(): void {
    if (this.scheduled !== undefined) {
      clearImmediate(this.scheduled);
      this.scheduled = undefined;
    }
    while (this.queue.length > 0) {
      const batch = this.queue.length <= this.maxBatch ? this.queue : this.queue.slice(0, this.maxBatch);
      this.queue = this.queue.length <= this.maxBatch ? [] : this.queue.slice(this.maxBatch);
      let outcomes: Outcome<R>[];
      try {
        outcomes = this.commitFn(batch.map((p) => p.op));
      } catch (err) {
        for (const p of batch) p.reject(err);
        continue;
      }
      for (let i = 0; i < batch.length; i++) {
        const o = outcomes[i];
        const p = batch[i]!;
        if (o === undefined) p.reject(new Error('group commit returned no outcome for an operation'));
        else if (o.ok) p.resolve(o.value);
        else p.reject(o.error);
      }
    }
  }
}
