// The watch cache (upstream: apiserver's cacher). One storage watch over the whole registry keeps,
// per resource, the current objects and a ring of recent events in memory. Lists, gets and watches
// are served from here. Each object revision is serialized to JSON once; the same string goes into
// every list response and every watch event.

import type { KubeObject } from '../api/types.js';
import type { Store, StorageEvent, KeyValue } from '../storage/interface.js';
import { isStorageError } from '../storage/interface.js';
import { realClock, type Clock } from '../machinery/clock.js';

export interface CacheEntry {
  readonly key: string;
  /** The object with metadata.resourceVersion set. Never mutate: shared by every reader. */
  readonly obj: KubeObject;
  /** JSON of obj, computed once. */
  readonly json: string;
  readonly rv: number;
}

export type CacheEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface CacheEvent {
  readonly type: CacheEventType;
  readonly rv: number;
  readonly entry: CacheEntry;
  readonly prev?: CacheEntry;
}

export interface WatchFilter {
  namespace?: string;
  matches(obj: KubeObject): boolean;
  /** When set, only objects with this spec.nodeName can match (indexed, as kubelets watch). */
  nodeName?: string;
}

export interface CacheWatcher {
  filter: WatchFilter;
  /** Delivers one event; returns false when the watcher has gone away. */
  send(type: CacheEventType, entry: CacheEntry): boolean;
  /** Called when the cache drops this watcher (e.g. too slow). */
  close(reason: string): void;
}

function decode(kv: KeyValue, rv: number): CacheEntry {
  const obj = JSON.parse(Buffer.from(kv.value).toString('utf8')) as KubeObject;
  obj.metadata ??= {};
  obj.metadata.resourceVersion = String(rv);
  return { key: kv.key, obj, json: JSON.stringify(obj), rv };
}

/** "/registry/apps/deployments/ns/name" -> "/registry/apps/deployments/" */
export function resourcePrefixOfKey(key: string): string {
  let slashes = 0;
  for (let i = 0; i < key.length; i++) {
    if (key.charCodeAt(i) === 47 && ++slashes === 4) return key.slice(0, i + 1);
  }
  return key;
}

function nodeNameOf(obj: KubeObject | undefined): string | undefined {
  const spec = obj?.spec as { nodeName?: string } | undefined;
  return spec?.nodeName || undefined;
}

export class ResourceCache {
  readonly items = new Map<string, CacheEntry>();
  private ring: CacheEvent[] = [];
  private ringHead = 0;
  /** Watches starting at rv >= oldestRv can be served from the ring. */
  oldestRv: number;
  private general = new Set<CacheWatcher>();
  private byNode = new Map<string, Set<CacheWatcher>>();
  private sorted: CacheEntry[] | null = null;

  constructor(readonly prefix: string, startRv: number, private capacity: number) {
    this.oldestRv = startRv;
  }

  get size(): number { return this.items.size; }

  /** Items in key order (cached until the key set changes). */
  sortedItems(): CacheEntry[] {
    if (!this.sorted) this.sorted = [...this.items.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    return this.sorted;
  }

  apply(ev: CacheEvent): void {
    if (ev.type === 'DELETED') {
      this.items.delete(ev.entry.key);
      this.sorted = null;
    } else {
      if (!this.items.has(ev.entry.key)) this.sorted = null;
      else if (this.sorted) {
        const i = this.sorted.findIndex((e) => e.key === ev.entry.key);
        if (i >= 0) this.sorted[i] = ev.entry; else this.sorted = null;
      }
      this.items.set(ev.entry.key, ev.entry);
    }
    this.pushRing(ev);
    this.dispatch(ev);
  }

  private pushRing(ev: CacheEvent): void {
    if (this.ring.length < this.capacity) { this.ring.push(ev); return; }
    const evicted = this.ring[this.ringHead]!;
    this.ring[this.ringHead] = ev;
    this.ringHead = (this.ringHead + 1) % this.capacity;
    this.oldestRv = evicted.rv;
  }

  /** Events with rv > afterRv, oldest first. Undefined when afterRv is too old. */
  eventsSince(afterRv: number): CacheEvent[] | undefined {
    if (afterRv < this.oldestRv) return undefined;
    const out: CacheEvent[] = [];
    const n = this.ring.length;
    for (let i = 0; i < n; i++) {
      const ev = this.ring[(this.ringHead + i) % n]!;
      if (ev.rv > afterRv) out.push(ev);
    }
    return out;
  }

  addWatcher(w: CacheWatcher): void {
    if (w.filter.nodeName !== undefined) {
      let set = this.byNode.get(w.filter.nodeName);
      if (!set) this.byNode.set(w.filter.nodeName, (set = new Set()));
      set.add(w);
    } else this.general.add(w);
  }

  removeWatcher(w: CacheWatcher): void {
    if (w.filter.nodeName !== undefined) {
      const set = this.byNode.get(w.filter.nodeName);
      set?.delete(w);
      if (set && set.size === 0) this.byNode.delete(w.filter.nodeName);
    } else this.general.delete(w);
  }

  get watcherCount(): number {
    let n = this.general.size;
    for (const s of this.byNode.values()) n += s.size;
    return n;
  }

  allWatchers(): CacheWatcher[] {
    const out = [...this.general];
    for (const s of this.byNode.values()) out.push(...s);
    return out;
  }

  private dispatch(ev: CacheEvent): void {
    this.dispatchTo(this.general, ev);
    if (this.byNode.size) {
      const a = nodeNameOf(ev.entry.obj);
      const b = nodeNameOf(ev.prev?.obj);
      if (a) { const s = this.byNode.get(a); if (s) this.dispatchTo(s, ev); }
      if (b && b !== a) { const s = this.byNode.get(b); if (s) this.dispatchTo(s, ev); }
    }
  }

  private dispatchTo(watchers: Set<CacheWatcher>, ev: CacheEvent): void {
    for (const w of watchers) {
      const type = transition(w.filter, ev);
      if (!type) continue;
      if (!w.send(type, ev.entry)) this.removeWatcher(w);
    }
  }
}

function matchesFilter(f: WatchFilter, obj: KubeObject | undefined): boolean {
  if (!obj) return false;
  if (f.namespace && obj.metadata.namespace !== f.namespace) return false;
  if (f.nodeName !== undefined && nodeNameOf(obj) !== f.nodeName) return false;
  return f.matches(obj);
}

/** Which event a filtered watcher sees: an object entering the filter is ADDED, leaving it DELETED. */
export function transition(f: WatchFilter, ev: CacheEvent): CacheEventType | undefined {
  if (ev.type === 'ADDED') return matchesFilter(f, ev.entry.obj) ? 'ADDED' : undefined;
  if (ev.type === 'DELETED') return matchesFilter(f, ev.entry.obj) ? 'DELETED' : undefined;
  const now = matchesFilter(f, ev.entry.obj);
  const before = matchesFilter(f, ev.prev?.obj);
  if (now && before) return 'MODIFIED';
  if (now) return 'ADDED';
  if (before) return 'DELETED';
  return undefined;
}

export interface CacherOptions {
  /** Events kept per resource for watches that resume from a revision. */
  ringCapacity?: number;
  clock?: Clock;
}

export class Cacher {
  private resources = new Map<string, ResourceCache>();
  private waiters: { rv: number; resolve: () => void }[] = [];
  private abort = new AbortController();
  private ringCapacity: number;
  /** The newest revision the cache has seen. */
  rv = 0;
  private failed: unknown;
  private loop: Promise<void> | undefined;
  private listeners = new Set<(prefix: string, ev: CacheEvent) => void>();

  constructor(private store: Store, opts: CacherOptions = {}) {
    this.ringCapacity = opts.ringCapacity ?? 10_000;
  }

  async start(): Promise<void> {
    const list = await this.store.list('/registry/');
    this.rv = list.revision;
    for (const kv of list.kvs) {
      const entry = decode(kv, kv.modRevision);
      this.resource(resourcePrefixOfKey(kv.key)).items.set(kv.key, entry);
    }
    this.loop = this.run(list.revision);
  }

  private async run(fromRev: number): Promise<void> {
    let after = fromRev;
    while (!this.abort.signal.aborted) {
      try {
        for await (const ev of this.store.watch('/registry/', { afterRevision: after, signal: this.abort.signal })) {
          this.onEvent(ev);
          after = ev.kv.modRevision;
        }
      } catch (err) {
        if (this.abort.signal.aborted) return;
        if (isStorageError(err, 'Compacted')) {
          // Our own history was compacted away under us: rebuild from a fresh list.
          await this.relist();
          after = this.rv;
          continue;
        }
        this.failed = err;
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  }

  private async relist(): Promise<void> {
    const list = await this.store.list('/registry/');
    const seen = new Set<string>();
    for (const kv of list.kvs) {
      seen.add(kv.key);
      const cache = this.resource(resourcePrefixOfKey(kv.key));
      const cur = cache.items.get(kv.key);
      if (cur && cur.rv === kv.modRevision) continue;
      const entry = decode(kv, kv.modRevision);
      this.emit(cache, { type: cur ? 'MODIFIED' : 'ADDED', rv: kv.modRevision, entry, prev: cur });
    }
    for (const cache of this.resources.values()) {
      for (const [key, cur] of [...cache.items]) {
        if (!seen.has(key)) this.emit(cache, { type: 'DELETED', rv: list.revision, entry: { ...cur, rv: list.revision } });
      }
    }
    this.advance(list.revision);
  }

  private onEvent(ev: StorageEvent): void {
    const rev = ev.kv.modRevision;
    const cache = this.resource(resourcePrefixOfKey(ev.kv.key));
    const prev = cache.items.get(ev.kv.key);
    if (ev.type === 'delete') {
      if (prev) {
        const entry = decode(ev.kv, rev);
        this.emit(cache, { type: 'DELETED', rv: rev, entry, prev });
      }
    } else {
      const entry = decode(ev.kv, rev);
      this.emit(cache, { type: prev ? 'MODIFIED' : 'ADDED', rv: rev, entry, prev });
    }
    this.advance(rev);
  }

  private emit(cache: ResourceCache, ev: CacheEvent): void {
    cache.apply(ev);
    for (const l of this.listeners) l(cache.prefix, ev);
  }

  private advance(rev: number): void {
    if (rev <= this.rv) return;
    this.rv = rev;
    if (this.waiters.length) {
      const ready = this.waiters.filter((w) => w.rv <= rev);
      this.waiters = this.waiters.filter((w) => w.rv > rev);
      for (const w of ready) w.resolve();
    }
  }

  /** Runs fn for every event the cache applies (after watchers were served). */
  onChange(fn: (prefix: string, ev: CacheEvent) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  resource(prefix: string): ResourceCache {
    let c = this.resources.get(prefix);
    if (!c) this.resources.set(prefix, (c = new ResourceCache(prefix, this.rv, this.ringCapacity)));
    return c;
  }

  /** Resolves once the cache has seen revision rv; false on timeout. */
  async waitFor(rv: number, timeoutMs = 3000): Promise<boolean> {
    if (this.rv >= rv) return true;
    return new Promise<boolean>((resolve) => {
      const t = setTimeout(() => { this.waiters = this.waiters.filter((w) => w !== waiter); resolve(false); }, timeoutMs);
      const waiter = { rv, resolve: () => { clearTimeout(t); resolve(true); } };
      this.waiters.push(waiter);
    });
  }

  /** Waits until the cache is as fresh as the store (a consistent read). */
  async waitFresh(timeoutMs = 3000): Promise<boolean> {
    const rev = await this.store.currentRevision();
    return this.waitFor(rev, timeoutMs);
  }

  get lastError(): unknown { return this.failed; }

  async stop(): Promise<void> {
    this.abort.abort();
    for (const c of this.resources.values()) for (const w of c.allWatchers()) w.close('server shutting down');
    await this.loop?.catch(() => undefined);
  }
}
