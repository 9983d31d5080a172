// Expected creates and deletes per controller key (upstream controller_utils.go
// ControllerExpectations + UIDTrackingControllerExpectations). A controller that just asked for N
// pods records that it expects N creations; informer events lower the count; until the count is
// met (or the record is older than the TTL) the controller does not act on its possibly stale
// cache, so it never creates the same pods twice.

import { realClock, type Clock } from '../../machinery/clock.js';

/** Upstream ExpectationsTimeout. */
export const EXPECTATIONS_TTL_MS = 5 * 60_000;

export interface ExpectationsOptions {
  clock?: Clock;
  /** Records older than this count as satisfied. Default 5 minutes. */
  ttlMs?: number;
}

export interface ExpectationRecord {
  /** Creations still expected. */
  add: number;
  /** Deletions still expected. */
  del: number;
  /** When the expectations were set (clock ms). */
  timestamp: number;
  /** Keys (namespace/name) of the objects whose deletion is expected. */
  deleteKeys: ReadonlySet<string>;
}

interface MutableRecord { add: number; del: number; timestamp: number; deleteKeys: Set<string> }

export class Expectations {
  private readonly records = new Map<string, MutableRecord>();
  private readonly clock: Clock;
  private readonly ttlMs: number;

  constructor(options: ExpectationsOptions = {}) {
    this.clock = options.clock ?? realClock;
    this.ttlMs = options.ttlMs ?? EXPECTATIONS_TTL_MS;
  }

  /** A copy of the record for `key`, if any. */
  get(key: string): ExpectationRecord | undefined {
    const r = this.records.get(key);
    return r ? { add: r.add, del: r.del, timestamp: r.timestamp, deleteKeys: new Set(r.deleteKeys) } : undefined;
  }

  /**
   * True when the controller may act on its cache for `key`: nothing is expected, everything
   * expected was observed, or the expectations are older than the TTL.
   */
  satisfied(key: string): boolean {
    const r = this.records.get(key);
    if (!r) return true;
    if (r.add <= 0 && r.del <= 0) return true;
    return this.clock.now() - r.timestamp > this.ttlMs;
  }

  /** Replaces the expectations for `key` with `count` creations. */
  expectCreations(key: string, count: number): void {
    this.records.set(key, { add: count, del: 0, timestamp: this.clock.now(), deleteKeys: new Set() });
  }

  /** Replaces the expectations for `key` with the deletion of the objects named by `objectKeys`. */
  expectDeletions(key: string, objectKeys: readonly string[]): void {
    const set = new Set(objectKeys);
    this.records.set(key, { add: 0, del: set.size, timestamp: this.clock.now(), deleteKeys: set });
  }

  /** One expected creation was observed (or will never happen). */
  creationObserved(key: string): void {
    this.lower(key, 1, 0);
  }

  /**
   * The deletion of `objectKey` was observed (or will never happen). Counted once per object, so
   * the update that sets deletionTimestamp and the final delete do not both count.
   */
  deletionObserved(key: string, objectKey: string): void {
    const r = this.records.get(key);
    if (!r || !r.deleteKeys.has(objectKey)) return;
    r.deleteKeys.delete(objectKey);
    r.del--;
  }

  /** Lowers the expected counts (upstream LowerExpectations). */
  lower(key: string, add: number, del: number): void {
    const r = this.records.get(key);
    if (!r) return;
    r.add -= add;
    r.del -= del;
  }

  /** Forgets `key` (its controller object is gone). */
  delete(key: string): void {
    this.records.delete(key);
  }
}
