// A list-then-watch cache of one resource with ordered event handlers (client-go reflector +
// shared informer). Objects handed out are frozen and shared: never mutate them.
//
// Loop: list in pages (limit 500 + continue) -> replace the store -> watch from the list's
// resourceVersion -> when the server ends the watch normally, watch again from the last version
// seen (bookmarks included) -> on 410 Expired/Gone (HTTP status or in-stream ERROR event) relist ->
// on other errors back off with jitter (injected clock) and relist.

import type { KubeList, KubeObject, WatchEvent } from '../api/types.js';
import { isStatusError, errorMessage } from '../machinery/errors.js';
import { realClock, type Clock } from '../machinery/clock.js';
import type { Client } from './client.js';
import type { ResourceClient, ResourceRef } from './resource-client.js';
import { Store, objectKey, type IndexFunc, type ReadonlyStore } from './store.js';
import { Backoff, type BackoffOptions } from './backoff.js';
import { deepFreeze } from './deep-freeze.js';
import { statusErrorFromStatus } from './status-error.js';
import { defaultLogger, type Logger } from './logger.js';
import { sleepOn } from './sleep.js';

export interface EventHandlers<T> {
  /** `isInInitialList`: the object came with the first list (or a handler added later replays it). */
  onAdd?(obj: T, isInInitialList: boolean): void;
  onUpdate?(oldObj: T, newObj: T): void;
  /** `finalStateUnknown`: the object vanished across a relist; `obj` is the last state seen. */
  onDelete?(obj: T, finalStateUnknown: boolean): void;
}

export interface InformerOptions {
  /** Namespaced resources: one namespace (default: all). */
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
  clock?: Clock;
  logger?: Logger;
  /** List page size. Default 500. */
  pageSize?: number;
  /** Re-delivers every cached object as onUpdate(obj, obj) this often. Default 0 (never). */
  resyncMs?: number;
  /** Watch timeouts are drawn from [min, 2*min) seconds, as the reflector. Default 300. */
  minWatchTimeoutSeconds?: number;
  /** Freeze cached objects. Default true. */
  freeze?: boolean;
  backoff?: Omit<BackoffOptions, 'clock'>;
  random?: () => number;
}

type Outcome = 'relist' | 'backoff' | 'stop';

/** Marks the end of a watch that saw nothing and ended at once (a broken server, say). */
class ShortWatchError extends Error {
  override name = 'ShortWatchError';
}

function isExpired(e: unknown): boolean {
  return isStatusError(e) && (e.code === 410 || e.reason === 'Expired' || e.reason === 'Gone');
}

export class Informer<T extends KubeObject = KubeObject> {
  private readonly rc: ResourceClient<T>;
  private readonly items = new Store<T>();
  private handlers: EventHandlers<T>[] = [];
  private readonly clock: Clock;
  private readonly logger: Logger;
  private readonly backoff: Backoff;
  private readonly random: () => number;
  private synced = false;
  private syncWaiters: (() => void)[] = [];
  private running = false;
  private lastRV = '';
  private expiredStreak = 0;
  private defaultApiVersion = '';
  private defaultKind = '';

  constructor(client: Client, readonly ref: ResourceRef, readonly options: InformerOptions = {}) {
    this.rc = client.resource<T>(ref, ref.namespaced ? options.namespace : undefined);
    this.clock = options.clock ?? realClock;
    this.logger = options.logger ?? defaultLogger;
    this.random = options.random ?? Math.random;
    this.backoff = new Backoff({ ...options.backoff, clock: this.clock, random: this.random });
    if ('kind' in ref && typeof ref.kind === 'string') {
      this.defaultKind = ref.kind;
      this.defaultApiVersion = ref.group ? `${ref.group}/${ref.version}` : ref.version;
    }
  }

  /** Read access to the cache. */
  get store(): ReadonlyStore<T> { return this.items; }

  get(key: string): T | undefined { return this.items.get(key); }

  getByName(name: string, namespace?: string): T | undefined {
    return this.items.get(namespace ? `${namespace}/${name}` : name);
  }

  list(): T[] { return this.items.list(); }

  addIndexer(name: string, fn: IndexFunc<T>): void { this.items.addIndexer(name, fn); }

  byIndex(name: string, value: string): T[] { return this.items.byIndex(name, value); }

  /**
   * Registers handlers; returns a function that unregisters them. Objects already cached are
   * replayed to the new handlers as adds. Handlers run synchronously, in event order; one that
   * throws is logged and does not stop the others.
   */
  addEventHandler(h: EventHandlers<T>): () => void {
    this.handlers = [...this.handlers, h];
    if (h.onAdd) for (const obj of this.items.list()) this.call(() => h.onAdd?.(obj, true));
    return () => { this.handlers = this.handlers.filter((x) => x !== h); };
  }

  onAdd(fn: (obj: T, isInInitialList: boolean) => void): () => void { return this.addEventHandler({ onAdd: fn }); }
  onUpdate(fn: (oldObj: T, newObj: T) => void): () => void { return this.addEventHandler({ onUpdate: fn }); }
  onDelete(fn: (obj: T, finalStateUnknown: boolean) => void): () => void { return this.addEventHandler({ onDelete: fn }); }

  hasSynced(): boolean { return this.synced; }

  /** Resolves true once the first list is in the cache, or false if `signal` aborts first. */
  waitForSync(signal?: AbortSignal): Promise<boolean> {
    if (this.synced) return Promise.resolve(true);
    if (signal?.aborted) return Promise.resolve(false);
    return new Promise((resolve) => {
      const onAbort = (): void => {
        this.syncWaiters = this.syncWaiters.filter((w) => w !== done);
        resolve(false);
      };
      const done = (): void => { signal?.removeEventListener('abort', onAbort); resolve(true); };
      this.syncWaiters.push(done);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  /** The resourceVersion the cache is at (last list, event or bookmark). */
  lastSyncResourceVersion(): string { return this.lastRV; }

  get isRunning(): boolean { return this.running; }

  /** Runs until `signal` aborts; resolves then. An informer runs once at a time. */
  async start(signal: AbortSignal): Promise<void> {
    if (this.running) throw new Error(`informer for ${this.ref.resource} is already running`);
    this.running = true;
    const stopResync = this.startResync();
    try {
      while (!signal.aborted) {
        let outcome: Outcome;
        try {
          outcome = await this.listAndWatch(signal);
        } catch (e) {
          if (signal.aborted) break;
          this.logger.warn(`informer ${this.describe()}: ${errorMessage(e)}`);
          outcome = 'backoff';
        }
        if (outcome === 'stop' || signal.aborted) break;
        if (outcome === 'backoff') {
          if (!(await sleepOn(this.clock, this.backoff.next(), signal))) break;
        }
      }
    } finally {
      stopResync();
      this.running = false;
    }
  }

  private describe(): string {
    const r = this.ref.group ? `${this.ref.resource}.${this.ref.group}` : this.ref.resource;
    return this.options.namespace ? `${r} in ${this.options.namespace}` : r;
  }

  private startResync(): () => void {
    const every = this.options.resyncMs ?? 0;
    if (every <= 0) return () => {};
    let cancel = (): void => {};
    const tick = (): void => {
      if (this.synced) for (const obj of this.items.list()) this.notifyUpdate(obj, obj);
      cancel = this.clock.setTimeout(tick, every);
    };
    cancel = this.clock.setTimeout(tick, every);
    return () => cancel();
  }

  private async listAndWatch(signal: AbortSignal): Promise<Outcome> {
    await this.relist(signal);
    if (signal.aborted) return 'stop';
    for (;;) {
      const r = await this.watchOnce(signal);
      if (r !== 'continue') return r;
    }
  }

  private async relist(signal: AbortSignal): Promise<void> {
    const pageSize = this.options.pageSize ?? 500;
    const items: T[] = [];
    let cont: string | undefined;
    let list: KubeList<T>;
    do {
      list = await this.rc.list({ limit: pageSize, continue: cont, labelSelector: this.options.labelSelector, fieldSelector: this.options.fieldSelector, signal });
      for (const item of list.items ?? []) items.push(item);
      cont = list.metadata?.continue || undefined;
    } while (cont);
    if (signal.aborted) return;
    if (!this.defaultKind && list.kind?.endsWith('List')) {
      this.defaultKind = list.kind.slice(0, -4);
      this.defaultApiVersion = list.apiVersion;
    }
    this.replace(items, list.metadata?.resourceVersion ?? '');
  }

  private async watchOnce(signal: AbortSignal): Promise<Outcome | 'continue'> {
    const min = this.options.minWatchTimeoutSeconds ?? 300;
    const ctl = new AbortController();
    const stop = (): void => ctl.abort(signal.reason);
    signal.addEventListener('abort', stop, { once: true });
    const started = this.clock.now();
    let events = 0;
    try {
      const stream = this.rc.watch({
        resourceVersion: this.lastRV,
        labelSelector: this.options.labelSelector,
        fieldSelector: this.options.fieldSelector,
        allowWatchBookmarks: true,
        timeoutSeconds: Math.floor(min * (1 + this.random())),
        signal: ctl.signal,
      });
      for await (const ev of stream) {
        if (ev.type === 'ERROR') {
          const err = statusErrorFromStatus(ev.object, 500) ?? new Error(`watch error event: ${JSON.stringify(ev.object)}`);
          throw err;
        }
        events++;
        this.expiredStreak = 0;
        this.apply(ev);
      }
    } catch (e) {
      if (signal.aborted) return 'stop';
      if (isExpired(e)) {
        // The version we watch from is gone: relist at once, but back off if that keeps happening
        // without progress.
        this.logger.info(`informer ${this.describe()}: watch expired (${(e as Error).message}); relisting`);
        this.expiredStreak++;
        return this.expiredStreak > 1 && events === 0 ? 'backoff' : 'relist';
      }
      throw e;
    } finally {
      signal.removeEventListener('abort', stop);
      ctl.abort();
    }
    if (signal.aborted) return 'stop';
    if (events === 0 && this.clock.now() - started < 1000) {
      throw new ShortWatchError(`very short watch: ${this.describe()}: unexpected watch close - watch lasted less than a second and no items received`);
    }
    return 'continue';
  }

  private prepare(obj: T): T {
    if (!obj.apiVersion && this.defaultApiVersion) obj.apiVersion = this.defaultApiVersion;
    if (!obj.kind && this.defaultKind) obj.kind = this.defaultKind;
    return this.options.freeze === false ? obj : deepFreeze(obj);
  }

  private apply(ev: WatchEvent<T>): void {
    const rv = ev.object?.metadata?.resourceVersion;
    if (ev.type === 'BOOKMARK') {
      if (rv) this.lastRV = rv;
      return;
    }
    const obj = this.prepare(ev.object);
    const key = objectKey(obj);
    switch (ev.type) {
      case 'ADDED':
      case 'MODIFIED': {
        const old = this.items.set(obj);
        if (old) this.notifyUpdate(old, obj); else this.notifyAdd(obj, false);
        break;
      }
      case 'DELETED': {
        const old = this.items.delete(key);
        if (old) this.notifyDelete(obj, false);
        break;
      }
      default:
        this.logger.warn(`informer ${this.describe()}: unknown watch event type ${JSON.stringify(ev.type)}`);
    }
    if (rv) this.lastRV = rv;
  }

  private replace(items: T[], rv: string): void {
    const initial = !this.synced;
    const seen = new Set<string>();
    for (const raw of items) {
      const obj = this.prepare(raw);
      const key = objectKey(obj);
      seen.add(key);
      const old = this.items.set(obj);
      if (!old) this.notifyAdd(obj, initial);
      else if (old.metadata.resourceVersion !== obj.metadata.resourceVersion) this.notifyUpdate(old, obj);
    }
    for (const key of this.items.keys()) {
      if (seen.has(key)) continue;
      const old = this.items.delete(key);
      if (old) this.notifyDelete(old, true);
    }
    this.lastRV = rv;
    if (!this.synced) {
      this.synced = true;
      const ws = this.syncWaiters;
      this.syncWaiters = [];
      for (const w of ws) w();
    }
  }

  private call(fn: () => void): void {
    try { fn(); } catch (e) {
      this.logger.error(`informer ${this.describe()}: event handler failed: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
    }
  }

  private notifyAdd(obj: T, initial: boolean): void {
    for (const h of this.handlers) if (h.onAdd) this.call(() => h.onAdd?.(obj, initial));
  }

  private notifyUpdate(old: T, obj: T): void {
    for (const h of this.handlers) if (h.onUpdate) this.call(() => h.onUpdate?.(old, obj));
  }

  private notifyDelete(obj: T, unknown: boolean): void {
    for (const h of this.handlers) if (h.onDelete) this.call(() => h.onDelete?.(obj, unknown));
  }
}
