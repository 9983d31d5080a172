// A durable Store on one SQLite file, designed after kine's log-structured SQL backend
// (k3s-io/kine pkg/logstructured/sqllog, pkg/drivers/generic): every write appends a row to one log
// table whose id is the write's revision. Writes that arrive in the same turn of the event loop are
// committed in one transaction (group commit) and acknowledged after the commit; watchers get the
// committed events pushed right after it. Old history is compacted in the background.

import { errorMessage } from '../../machinery/errors.js';
import Database from 'better-sqlite3';
import { realClock, type Clock } from '../../machinery/clock.js';
import {
  StorageError,
  type KeyValue,
  type ListOptions,
  type ListResult,
  type StorageEvent,
  type Store,
  type WatchOptions,
} from '../interface.js';
import { prefixRange } from '../prefix-range.js';
import { GroupCommit, type Outcome } from './group-commit.js';
import { createRevisionOf, rowToEvent, rowToKeyValue } from './log-row.js';
import { ensureSchema } from './schema.js';
import { prepareStatements, type Statements } from './statements.js';
import { WatchStream, type HistorySource } from './watch-stream.js';

export interface SqliteStoreOptions {
  /** How often automatic compaction runs. Default 5 minutes; 0 turns it off. */
  compactIntervalMs?: number;
  /** Revisions automatic compaction keeps (it compacts at currentRevision - compactKeep). Default 10000. */
  compactKeep?: number;
  /** Drives the compaction timer. Default: the real clock (timers unref'd). */
  clock?: Clock;
  /** Events a watcher may fall behind before it is ended with StorageError Timeout. Default 100000. */
  watchBufferLimit?: number;
  /** How long opening waits for a database file locked by another process. Default 5000 ms. */
  busyTimeoutMs?: number;
  /** Told when an automatic compaction fails. Default: console.error. */
  onCompactError?: (err: unknown) => void;
}

type WriteOp =
  | { kind: 'create'; key: string; value: Uint8Array }
  | { kind: 'update'; key: string; value: Uint8Array; expected: number }
  | { kind: 'delete'; key: string; expected: number | undefined };

interface WriteResult {
  revision: number;
  prev?: KeyValue;
}

const COMPACT_REVISION = 'compact_revision';
/** Revisions compacted per transaction, so that writers get turns during a long compaction. */
const COMPACT_CHUNK = 10_000;

/** UTF-8 byte order, the order SQLite compares TEXT in. */
function keyCompare(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

function isUniqueViolation(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 'SQLITE_CONSTRAINT_UNIQUE';
}

function message(err: unknown): string {
  return errorMessage(err);
}

export class SqliteStore implements Store {
  private readonly db: Database.Database;
  private readonly s: Statements;
  private readonly writes: GroupCommit<WriteOp, WriteResult>;
  private readonly applyBatch: Database.Transaction<(ops: WriteOp[], events: StorageEvent[]) => Outcome<WriteResult>[]>;
  private readonly compactRange: Database.Transaction<(from: number, to: number) => void>;
  private readonly watchers = new Map<string, Set<WatchStream>>();
  private readonly history: HistorySource;
  private readonly clock: Clock;
  private readonly compactIntervalMs: number;
  private readonly compactKeep: number;
  private readonly watchBufferLimit: number;
  private readonly onCompactError: (err: unknown) => void;
  /** Highest committed (and published) revision. */
  private rev: number;
  private compactRev: number;
  private compactChain: Promise<void> = Promise.resolve();
  private cancelCompactTimer: (() => void) | undefined;
  private closed = false;

  constructor(readonly path: string, opts: SqliteStoreOptions = {}) {
    this.clock = opts.clock ?? realClock;
    this.compactIntervalMs = opts.compactIntervalMs ?? 5 * 60_000;
    this.compactKeep = opts.compactKeep ?? 10_000;
    this.watchBufferLimit = opts.watchBufferLimit ?? 100_000;
    this.onCompactError = opts.onCompactError ?? ((err) => console.error('kite storage: automatic compaction failed:', err));

    this.db = new Database(path, { timeout: opts.busyTimeoutMs ?? 5000 });
    try {
      if (path !== ':memory:' && path !== '') {
        // One process owns the file: the revision counter and watchers live in this process.
        this.db.pragma('locking_mode = EXCLUSIVE');
      }
      this.db.pragma('journal_mode = WAL');
      this.db.pragma('synchronous = FULL');
      this.db.exec('BEGIN IMMEDIATE; COMMIT'); // takes the write lock now, not at the first write
      ensureSchema(this.db);
      this.s = prepareStatements(this.db);
    } catch (err) {
      this.db.close();
      if ((err as { code?: unknown }).code === 'SQLITE_BUSY') {
        throw new StorageError('Unreachable', path, `storage ${path} is in use by another process (is another kite server running with this data dir? stop it, or use another --data-dir)`, { cause: err });
      }
      throw err;
    }

    this.compactRev = this.s.getMeta.get(COMPACT_REVISION)?.value ?? 0;
    this.rev = Math.max(this.s.maxId.get()?.id ?? 0, this.s.sequence.get()?.seq ?? 0, this.compactRev);
    this.applyBatch = this.db.transaction((ops: WriteOp[], events: StorageEvent[]) => ops.map((op) => this.apply(op, events)));
    this.compactRange = this.db.transaction((from: number, to: number) => {
      this.s.compactSuperseded.run(from, to);
      this.s.compactTombstones.run(to, this.rev);
      this.s.setMeta.run(COMPACT_REVISION, to);
    });
    this.writes = new GroupCommit({ commit: (ops) => this.commit(ops) });
    this.history = {
      readHistory: (prefix, after, upTo, limit) => {
        this.checkOpen(prefix);
        const { start, end } = prefixRange(prefix);
        return this.s.history.all({ after, upTo, start, end, limit }).map(rowToEvent);
      },
      compactRevision: () => this.compactRev,
    };
    this.scheduleCompaction();
  }

  create(key: string, value: Uint8Array): Promise<number> {
    return this.submit({ kind: 'create', key, value }).then((r) => r.revision);
  }

  update(key: string, value: Uint8Array, expectedRevision: number): Promise<number> {
    return this.submit({ kind: 'update', key, value, expected: expectedRevision }).then((r) => r.revision);
  }

  delete(key: string, expectedRevision?: number): Promise<{ revision: number; prev: KeyValue }> {
    return this.submit({ kind: 'delete', key, expected: expectedRevision }).then((r) => {
      if (!r.prev) throw new Error(`delete of ${key} committed without its previous value`);
      return { revision: r.revision, prev: r.prev };
    });
  }

  async get(key: string): Promise<KeyValue | undefined> {
    this.checkOpen(key);
    const row = this.s.latest.get(key);
    return row && !row.deleted ? rowToKeyValue(row) : undefined;
  }

  async list(prefix: string, opts: ListOptions = {}): Promise<ListResult> {
    this.checkOpen(prefix);
    const revision = this.readRevision(prefix, opts.revision);
    const range = prefixRange(prefix);
    const start = opts.startKey !== undefined && keyCompare(opts.startKey, range.start) > 0 ? opts.startKey : range.start;
    const limit = opts.limit !== undefined && opts.limit > 0 ? Math.floor(opts.limit) : 0;
    const rows = this.s.list.all({ start, end: range.end, revision, limit: limit > 0 ? limit + 1 : -1 });
    const more = limit > 0 && rows.length > limit;
    if (more) rows.length = limit;
    return { kvs: rows.map(rowToKeyValue), revision, more };
  }

  async count(prefix: string): Promise<number> {
    this.checkOpen(prefix);
    const { start, end } = prefixRange(prefix);
    return this.s.count.get({ start, end, revision: this.rev })?.n ?? 0;
  }

  async currentRevision(): Promise<number> {
    this.checkOpen('');
    return this.rev;
  }

  /** The revision history has been compacted up to (0: never). */
  compactedRevision(): number {
    return this.compactRev;
  }

  watch(prefix: string, opts: WatchOptions): AsyncIterable<StorageEvent> {
    const stream = new WatchStream({
      prefix,
      afterRevision: opts.afterRevision > 0 ? opts.afterRevision : this.rev,
      currentRevision: this.rev,
      source: this.history,
      bufferLimit: this.watchBufferLimit,
      signal: opts.signal,
      onEnd: (s) => this.unsubscribe(s),
    });
    if (this.closed) {
      stream.fail(new StorageError('Unreachable', prefix, 'storage is closed'));
      return stream;
    }
    let set = this.watchers.get(prefix);
    if (!set) this.watchers.set(prefix, (set = new Set()));
    set.add(stream);
    return stream;
  }

  /** Compactions run one at a time, in call order; compact(0) resolves once earlier ones are done. */
  compact(revision: number): Promise<void> {
    const run = this.compactChain.then(() => this.compactNow(revision));
    this.compactChain = run.catch(() => undefined);
    return run;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.cancelCompactTimer?.();
    this.cancelCompactTimer = undefined;
    this.writes.flush();
    await this.compactChain;
    for (const set of [...this.watchers.values()]) for (const w of [...set]) w.end();
    this.watchers.clear();
    this.db.close();
  }

  private submit(op: WriteOp): Promise<WriteResult> {
    if (this.closed) return Promise.reject(new StorageError('Unreachable', op.key, 'storage is closed'));
    return this.writes.submit(op);
  }

  /** Runs one batch in one transaction; after it committed, advances the revision and publishes. */
  private commit(ops: WriteOp[]): Outcome<WriteResult>[] {
    const events: StorageEvent[] = [];
    let outcomes: Outcome<WriteResult>[];
    try {
      outcomes = this.applyBatch.immediate(ops, events);
    } catch (err) {
      return ops.map((op) => ({
        ok: false,
        error: new StorageError('Unreachable', op.key, `storage commit failed: ${message(err)}`, { cause: err }),
      }));
    }
    const last = events[events.length - 1];
    if (last) {
      this.rev = last.kv.modRevision;
      try {
        this.publish(events);
      } catch (err) {
        // The batch is committed: its writers must hear success whatever a watcher did.
        console.error('kite storage: publishing watch events failed:', err);
      }
    }
    return outcomes;
  }

  /** Evaluates one write inside the batch's transaction. A failed write changes nothing. */
  private apply(op: WriteOp, events: StorageEvent[]): Outcome<WriteResult> {
    const { key } = op;
    const cur = this.s.latest.get(key);
    const live = cur && !cur.deleted ? cur : undefined;
    if (op.kind === 'create') {
      if (live) return { ok: false, error: new StorageError('KeyExists', key, `key already exists: ${key} (revision ${live.id})`, { revision: live.id }) };
    } else {
      if (!live) return { ok: false, error: new StorageError('KeyNotFound', key, `key not found: ${key}`) };
      if (op.expected !== undefined && op.expected !== live.id) {
        return {
          ok: false,
          error: new StorageError('Conflict', key, `resource version conflicts: ${key}: expected revision ${op.expected}, got ${live.id}`, { revision: live.id }),
        };
      }
    }
    let id: number;
    try {
      if (op.kind === 'create') {
        id = Number(this.s.insert.run(key, 1, 0, 0, cur ? cur.id : 0, op.value, null).lastInsertRowid);
      } else {
        const createRevision = createRevisionOf(live!);
        const value = op.kind === 'update' ? op.value : null;
        id = Number(this.s.insert.run(key, 0, op.kind === 'delete' ? 1 : 0, createRevision, live!.id, value, live!.value).lastInsertRowid);
      }
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
      // Another writer took the same previous revision (only possible with a second writer on the file).
      const code = op.kind === 'create' ? 'KeyExists' : 'Conflict';
      return { ok: false, error: new StorageError(code, key, `${code === 'KeyExists' ? 'key already exists' : 'resource version conflicts'}: ${key}`, { cause: err }) };
    }
    if (op.kind === 'create') {
      const kv: KeyValue = { key, value: op.value, createRevision: id, modRevision: id };
      events.push({ type: 'put', created: true, kv });
      return { ok: true, value: { revision: id } };
    }
    const prev = rowToKeyValue(live!);
    if (op.kind === 'update') {
      events.push({ type: 'put', created: false, kv: { key, value: op.value, createRevision: prev.createRevision, modRevision: id }, prevKv: prev });
      return { ok: true, value: { revision: id } };
    }
    events.push({ type: 'delete', created: false, kv: { ...prev, modRevision: id }, prevKv: prev });
    return { ok: true, value: { revision: id, prev } };
  }

  private publish(events: StorageEvent[]): void {
    for (const [prefix, set] of this.watchers) {
      for (const ev of events) {
        if (!ev.kv.key.startsWith(prefix)) continue;
        for (const w of set) w.push(ev);
      }
    }
  }

  private unsubscribe(stream: WatchStream): void {
    const set = this.watchers.get(stream.prefix);
    if (!set) return;
    set.delete(stream);
    if (set.size === 0) this.watchers.delete(stream.prefix);
  }

  /** The revision a read at `requested` sees; Compacted below the compacted revision. */
  private readRevision(key: string, requested: number | undefined): number {
    if (requested === undefined || requested <= 0) return this.rev;
    if (requested < this.compactRev) {
      throw new StorageError('Compacted', key, `required revision ${requested} has been compacted (compacted revision ${this.compactRev})`, { revision: this.compactRev });
    }
    if (requested > this.rev) {
      throw new StorageError('Timeout', key, `too large resource version: ${requested}, current: ${this.rev}`, { revision: this.rev });
    }
    return requested;
  }

  private async compactNow(target: number): Promise<void> {
    this.checkOpen('');
    if (target > this.rev) throw new RangeError(`cannot compact to revision ${target}: it is in the future (current revision ${this.rev})`);
    while (this.compactRev < target && !this.closed) {
      const from = this.compactRev;
      const to = Math.min(target, from + COMPACT_CHUNK);
      this.compactRange.immediate(from, to);
      this.compactRev = to;
      if (to < target) await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }

  private scheduleCompaction(): void {
    if (this.closed || this.compactIntervalMs <= 0) return;
    this.cancelCompactTimer = this.clock.setTimeout(() => void this.autoCompact(), this.compactIntervalMs);
  }

  private async autoCompact(): Promise<void> {
    this.cancelCompactTimer = undefined;
    const target = this.rev - this.compactKeep;
    if (target > this.compactRev) {
      try {
        await this.compact(target);
      } catch (err) {
        if (!this.closed) this.onCompactError(err);
      }
    }
    this.scheduleCompaction();
  }

  private checkOpen(key: string): void {
    if (this.closed) throw new StorageError('Unreachable', key, 'storage is closed');
  }
}

/** Opens (creating when missing) the store at path; ':memory:' for a throw-away store. */
export function openSqliteStore(path: string, opts?: SqliteStoreOptions): SqliteStore {
  return new SqliteStore(path, opts);
}
