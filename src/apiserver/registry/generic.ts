// The generic registry: create, get, list, update, patch, delete and watch for one resource, on the
// storage interface and the watch cache. Every kind goes through here; kind-specific rules come from
// the Strategy and from admission. Upstream: k8s.io/apiserver/pkg/registry/generic/registry/store.go.

import { randomUUID } from 'node:crypto';
import type { KubeObject, ManagedFieldsEntry } from '../../api/types.js';
import { isPlainObject } from '../../api/types.js';
import type { ResourceInfo } from '../../api/resources.js';
import { groupVersion } from '../../api/resources.js';
import type { Store } from '../../storage/interface.js';
import { isStorageError } from '../../storage/interface.js';
import { registryKey, registryPrefix } from '../../storage/keys.js';
import {
  StatusError, alreadyExists, badRequest, conflict, expired, invalid, notFound, timeout, internalError,
  OPTIMISTIC_LOCK_MESSAGE, type FieldError, type Status, successStatus,
} from '../../machinery/errors.js';
import { rfc3339, type Clock } from '../../machinery/clock.js';
import { transition, type Cacher, type CacheEntry, type ResourceCache, type CacheWatcher, type WatchFilter } from '../watch-cache.js';
import { strategyFor, selectableFieldSet, specOf, type Strategy } from './strategy.js';
import { clone, deepEqual, randomSuffix } from '../util.js';
import { applyDefaults, applyCreateDefaults, applyUpdateDefaults } from '../../api/defaults/index.js';
import { validateCreate, validateUpdate, validateStatusUpdate } from '../../api/validation/index.js';
import { parseLabelSelector, parseFieldSelector } from '../../machinery/index.js';
import { updateManagedFields, apply as serverSideApply } from '../../machinery/apply/index.js';
import { strategicMergePatch } from '../../machinery/patch/strategic.js';
import { applyJsonPatch } from '../../machinery/jsonpatch.js';
import { applyMergePatch } from '../../machinery/mergepatch.js';
import { schemaRegistry } from '../../api/schema/registry.js';
import { typedDecode, comparePaths } from '../typed-decode.js';
import { podQosClass, type QosPod } from '../../api/qos.js';
import type { PatchType } from '../negotiation.js';

export type Operation = 'CREATE' | 'UPDATE' | 'DELETE';

export interface AdmissionContext {
  resource: ResourceInfo;
  subresource: string;
  namespace: string;
  dryRun: boolean;
  user?: { name: string; groups: string[] };
}

/** Admission plugins: may mutate obj, or throw a StatusError to reject. */
export interface AdmissionPlugin {
  name: string;
  admit?(op: Operation, obj: KubeObject, old: KubeObject | undefined, ctx: AdmissionContext): void | Promise<void>;
  /** Called after a write was stored (allocators commit here, roll back on failure). */
  committed?(op: Operation, obj: KubeObject | undefined, old: KubeObject | undefined, ctx: AdmissionContext, ok: boolean): void;
}

export interface RegistryDeps {
  store: Store;
  cacher: Cacher;
  clock: Clock;
  admission: AdmissionPlugin[];
}

export interface WriteOptions {
  dryRun?: boolean;
  fieldManager?: string;
  subresource?: string;
  user?: { name: string; groups: string[] };
}

export interface ListOptions {
  labelSelector?: string;
  fieldSelector?: string;
  limit?: number;
  continue?: string;
  resourceVersion?: string;
  resourceVersionMatch?: string;
}

export interface ListResult {
  entries: CacheEntry[];
  resourceVersion: string;
  continue?: string;
  remainingItemCount?: number;
}

export interface DeleteOptions {
  gracePeriodSeconds?: number;
  propagationPolicy?: 'Orphan' | 'Background' | 'Foreground';
  orphanDependents?: boolean;
  preconditions?: { uid?: string; resourceVersion?: string };
  dryRun?: boolean;
  user?: { name: string; groups: string[] };
}

export interface DeleteResult {
  /** The object (pods, or objects whose deletion is pending) or a Status. */
  body: KubeObject | Status;
  /** True when the object is gone from storage. */
  deleted: boolean;
}

const MAX_CAS_RETRIES = 8;

const CONTINUE_EXPIRED_MESSAGE = 'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.';

interface ContinueToken { rv: number; start: string }

function encodeContinue(t: ContinueToken): string {
  return Buffer.from(JSON.stringify({ v: 'meta.k8s.io/v1', rv: t.rv, start: t.start })).toString('base64url');
}

function decodeContinue(s: string): ContinueToken {
  try {
    const t = JSON.parse(Buffer.from(s, 'base64url').toString('utf8')) as { rv?: unknown; start?: unknown };
    if (typeof t.rv === 'number' && typeof t.start === 'string') return { rv: t.rv, start: t.start };
  } catch { /* fall through */ }
  throw badRequest('continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)');
}

/**
 * Runs a server-side apply. An apply configuration that does not convert to the kind's type
 * ("failed to create typed patch object ...") is the client's fault: 400 with the same message, as
 * kubernetes/kubernetes#139253 asks (upstream still answers 500 there).
 */
function applyAsClientError<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof StatusError && err.code === 500 && err.message.startsWith('failed to create typed patch object')) {
      throw badRequest(err.message);
    }
    throw err;
  }
}

export function parseResourceVersion(rv: string | undefined): number | undefined {
  if (rv === undefined || rv === '') return undefined;
  if (!/^\d+$/.test(rv)) throw badRequest(`invalid resource version: "${rv}"`);
  const n = Number(rv);
  if (!Number.isSafeInteger(n)) throw badRequest(`invalid resource version: "${rv}"`);
  return n;
}

export class GenericRegistry {
  readonly strategy: Strategy;
  readonly gr: { group: string; resource: string };
  readonly apiVersion: string;
  private cache: ResourceCache;

  constructor(readonly info: ResourceInfo, private deps: RegistryDeps) {
    this.strategy = strategyFor(info);
    this.gr = { group: info.group, resource: info.resource };
    this.apiVersion = groupVersion(info);
    this.cache = deps.cacher.resource(registryPrefix(info));
  }

  key(namespace: string, name: string): string {
    return registryKey(this.info, this.info.namespaced ? namespace : undefined, name);
  }

  private prefix(namespace: string): string {
    return registryPrefix(this.info, this.info.namespaced && namespace ? namespace : undefined);
  }

  // ---------------------------------------------------------------- reads

  private async consistent(rv: string | undefined, match: string | undefined): Promise<void> {
    const n = parseResourceVersion(rv);
    if (n === undefined) {
      if (!(await this.deps.cacher.waitFresh())) throw timeout('Too large resource version: the watch cache is not fresh', 1);
      return;
    }
    if (n === 0) return;
    if (match === 'Exact') {
      if (n !== this.deps.cacher.rv) throw expired(`too old resource version: ${n} (${this.deps.cacher.rv})`);
      return;
    }
    if (!(await this.deps.cacher.waitFor(n))) {
      throw new StatusError(504, 'Timeout', `Too large resource version: ${n}, current: ${this.deps.cacher.rv}`, { causes: [{ reason: 'ResourceVersionTooLarge', message: 'Too large resource version' }], retryAfterSeconds: 1 });
    }
  }

  async get(namespace: string, name: string, resourceVersion?: string): Promise<CacheEntry> {
    await this.consistent(resourceVersion, undefined);
    const e = this.cache.items.get(this.key(namespace, name));
    if (!e) throw notFound(this.gr, name);
    return e;
  }

  /** The cached entry without waiting (for admission and internal checks). */
  peek(namespace: string, name: string): CacheEntry | undefined {
    return this.cache.items.get(this.key(namespace, name));
  }

  buildFilter(namespace: string, labelSelector?: string, fieldSelector?: string): WatchFilter {
    const ls = labelSelector ? parseLabelSelector(labelSelector) : undefined;
    const fs = fieldSelector ? parseFieldSelector(fieldSelector) : undefined;
    let nodeName: string | undefined;
    if (fs) {
      const labels = this.strategy.fieldLabels;
      const allowed = new Set(['metadata.name', ...(labels?.namespace === false ? [] : ['metadata.namespace']), ...Object.keys(this.strategy.selectableFields)]);
      for (const r of fs.requirements()) {
        if (allowed.has(r.field)) continue;
        throw badRequest(labels ? labels.unsupported(r.field) : `${JSON.stringify(r.field)} is not a known field selector: only "metadata.name", "metadata.namespace"`);
      }
      if (this.info.kind === 'Pod') {
        // Only a node name indexes the watchers: `spec.nodeName=` (unscheduled pods) is an ordinary filter.
        const v = fs.exactValue('spec.nodeName');
        if (v) nodeName = v;
      }
    }
    const strategy = this.strategy;
    const namespaced = this.info.namespaced;
    return {
      namespace: this.info.namespaced && namespace ? namespace : undefined,
      nodeName,
      matches(obj: KubeObject): boolean {
        if (ls && !ls.matches(obj.metadata.labels ?? {})) return false;
        if (fs && !fs.matches(selectableFieldSet(strategy, obj, namespaced))) return false;
        return true;
      },
    };
  }

  async list(namespace: string, opts: ListOptions): Promise<ListResult> {
    const filter = this.buildFilter(namespace, opts.labelSelector, opts.fieldSelector);
    let start = '';
    let rv: number;
    if (opts.continue) {
      const t = decodeContinue(opts.continue);
      start = t.start;
      rv = t.rv;
    } else {
      await this.consistent(opts.resourceVersion, opts.resourceVersionMatch);
      rv = this.deps.cacher.rv;
    }
    const prefix = this.prefix(namespace);
    const limit = opts.limit && opts.limit > 0 ? opts.limit : Infinity;
    const out: CacheEntry[] = [];
    let cont: string | undefined;
    let remaining = 0;
    // A continued list shows the state at the first page's revision: the cache when nothing under
    // this prefix changed since, else storage read at that revision.
    const items = opts.continue && !this.unchangedSince(prefix, rv) ? await this.readAt(prefix, start, rv) : this.cache.sortedItems();
    // Binary search the first key >= max(prefix, start).
    const from = start > prefix ? start : prefix;
    let lo = 0, hi = items.length;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (items[mid]!.key < from) lo = mid + 1; else hi = mid; }
    for (let i = lo; i < items.length; i++) {
      const e = items[i]!;
      if (!e.key.startsWith(prefix)) break;
      if (e.key === start) continue;
      if (filter.namespace && e.obj.metadata.namespace !== filter.namespace) continue;
      if (filter.nodeName !== undefined && (e.obj.spec as { nodeName?: string } | undefined)?.nodeName !== filter.nodeName) continue;
      if (!filter.matches(e.obj)) continue;
      if (out.length >= limit) {
        if (!cont) cont = encodeContinue({ rv, start: out[out.length - 1]!.key });
        remaining++;
        continue;
      }
      out.push(e);
    }
    const res: ListResult = { entries: out, resourceVersion: String(rv) };
    if (cont) {
      res.continue = cont;
      if (!opts.labelSelector && !opts.fieldSelector) res.remainingItemCount = remaining;
    }
    return res;
  }

  /** True when the cache holds no change under prefix after revision rv (so it shows the state at rv). */
  private unchangedSince(prefix: string, rv: number): boolean {
    if (rv > this.deps.cacher.rv) return false;
    const events = this.cache.eventsSince(rv);
    return events !== undefined && !events.some((ev) => ev.entry.key.startsWith(prefix));
  }

  /** The objects under prefix from key start on, as they were at revision rv (410 once compacted). */
  private async readAt(prefix: string, start: string, rv: number): Promise<CacheEntry[]> {
    try {
      const res = await this.deps.store.list(prefix, { revision: rv, startKey: start > prefix ? start : undefined });
      return res.kvs.map((kv) => {
        const obj = JSON.parse(Buffer.from(kv.value).toString('utf8')) as KubeObject;
        obj.metadata.resourceVersion = String(kv.modRevision);
        return { key: kv.key, obj, json: JSON.stringify(obj), rv: kv.modRevision };
      });
    } catch (err) {
      if (isStorageError(err, 'Compacted')) throw new StatusError(410, 'Expired', CONTINUE_EXPIRED_MESSAGE);
      throw err;
    }
  }

  /** Registers a watcher; returns the events to replay first (or throws 410 when too old). */
  watch(namespace: string, opts: { labelSelector?: string; fieldSelector?: string; resourceVersion?: string; sendInitialEvents?: boolean }, w: Omit<CacheWatcher, 'filter'>): { initial: { type: 'ADDED' | 'MODIFIED' | 'DELETED'; entry: CacheEntry }[]; rv: number; cancel: () => void } {
    const filter = this.buildFilter(namespace, opts.labelSelector, opts.fieldSelector);
    const rv = parseResourceVersion(opts.resourceVersion);
    const initial: { type: 'ADDED' | 'MODIFIED' | 'DELETED'; entry: CacheEntry }[] = [];
    const sendState = opts.sendInitialEvents ?? (rv === undefined || rv === 0);
    if (sendState) {
      const prefix = this.prefix(namespace);
      for (const e of this.cache.sortedItems()) {
        if (!e.key.startsWith(prefix)) continue;
        if (filter.nodeName !== undefined && (e.obj.spec as { nodeName?: string } | undefined)?.nodeName !== filter.nodeName) continue;
        if (filter.matches(e.obj)) initial.push({ type: 'ADDED', entry: e });
      }
    } else if (rv !== undefined && rv > 0) {
      if (rv > this.deps.cacher.rv) {
        // A revision from the future (another server, or a restarted one): upstream waits briefly.
        // We serve what we have from now on; events after rv will arrive as the cache catches up.
      }
      const events = this.cache.eventsSince(rv);
      if (!events) throw expired(`too old resource version: ${rv} (${this.cache.oldestRv + 1})`);
      for (const ev of events) {
        const t = transition(filter, ev);
        if (t) initial.push({ type: t, entry: ev.entry });
      }
    }
    const watcher: CacheWatcher = { filter, send: w.send, close: w.close };
    this.cache.addWatcher(watcher);
    return { initial, rv: this.deps.cacher.rv, cancel: () => this.cache.removeWatcher(watcher) };
  }

  // ---------------------------------------------------------------- writes

  private now(): string {
    return rfc3339(this.deps.clock.now());
  }

  private checkTypeMeta(obj: KubeObject): void {
    const kind = this.kindFor('');
    if (obj.apiVersion && obj.apiVersion !== this.apiVersion) {
      throw badRequest(`the API version in the data (${obj.apiVersion}) does not match the expected API version (${this.apiVersion})`);
    }
    if (obj.kind && obj.kind !== kind) {
      throw badRequest(`the kind in the data (${obj.kind}) does not match the expected kind (${kind})`);
    }
    obj.apiVersion = this.apiVersion;
    obj.kind = kind;
  }

  private kindFor(subresource: string): string {
    return subresource === 'scale' ? 'Scale' : this.info.kind;
  }

  private invalid(name: string, errs: FieldError[]): StatusError {
    return invalid(this.info.group, this.info.kind, name, errs);
  }

  private async admit(op: Operation, obj: KubeObject, old: KubeObject | undefined, ctx: AdmissionContext): Promise<void> {
    for (const p of this.deps.admission) if (p.admit) await p.admit(op, obj, old, ctx);
  }

  private committed(op: Operation, obj: KubeObject | undefined, old: KubeObject | undefined, ctx: AdmissionContext, ok: boolean): void {
    for (const p of this.deps.admission) p.committed?.(op, obj, old, ctx, ok);
  }

  private encode(obj: KubeObject): Uint8Array {
    const { resourceVersion: _rv, ...meta } = obj.metadata;
    return Buffer.from(JSON.stringify({ ...obj, metadata: meta }));
  }

  private withRv(obj: KubeObject, rev: number): KubeObject {
    obj.metadata.resourceVersion = String(rev);
    return obj;
  }

  /** Fields a write through this (sub)resource does not own: status for the main resource, the rest for /status. */
  private ignoredPaths(subresource: string): string[][] | undefined {
    if (!this.info.hasStatus) return undefined;
    if (subresource === 'status') return [['spec']];
    if (subresource === '') return [['status']];
    return undefined;
  }

  private applyOptions(force: boolean, subresource: string) {
    return { force, apiVersion: this.apiVersion, kind: this.info.kind, now: this.now(), subresource: subresource || undefined, ignoredPaths: this.ignoredPaths(subresource) };
  }

  private managedFieldsFor(old: KubeObject | undefined, obj: KubeObject, manager: string | undefined, subresource: string): KubeObject {
    if (!manager) return obj;
    return updateManagedFields(old, obj, manager, { operation: 'Update', apiVersion: this.apiVersion, now: this.now(), subresource: subresource || undefined, ignoredPaths: this.ignoredPaths(subresource) }, this.schema(), schemaRegistry);
  }

  private schema() {
    const name = schemaRegistry.nameForKind(this.apiVersion, this.info.kind);
    return name ? schemaRegistry.schemas[name] : undefined;
  }

  async create(namespace: string, input: KubeObject, opts: WriteOptions = {}): Promise<KubeObject> {
    const obj = input;
    this.checkTypeMeta(obj);
    if (!isPlainObject(obj.metadata)) obj.metadata = {};
    const meta = obj.metadata;
    if (this.info.namespaced) {
      if (meta.namespace && namespace && meta.namespace !== namespace) {
        throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
      }
      meta.namespace = namespace || meta.namespace;
    } else delete meta.namespace;
    if (!meta.name && meta.generateName) meta.name = `${meta.generateName}${randomSuffix()}`;
    const ctx: AdmissionContext = { resource: this.info, subresource: '', namespace, dryRun: !!opts.dryRun, user: opts.user };

    // Server-set metadata (upstream BeforeCreate).
    meta.uid = randomUUID();
    meta.creationTimestamp = this.now();
    delete meta.deletionTimestamp;
    delete meta.deletionGracePeriodSeconds;
    delete meta.resourceVersion;
    delete meta.selfLink;
    if (this.strategy.tracksGeneration) meta.generation = 1; else delete meta.generation;
    if (this.strategy.resetStatusOnCreate) delete obj.status;

    applyDefaults(obj);
    if (this.info.kind === 'Pod' && this.info.group === '') obj.status = { phase: 'Pending', qosClass: podQosClass(obj as QosPod) };
    if (this.info.kind === 'Service' && this.info.group === '') obj.status = { loadBalancer: {} };
    let ok = false;
    try {
      await this.admit('CREATE', obj, undefined, ctx);
      applyCreateDefaults(obj);
      const errs = validateCreate(obj);
      if (errs.length) throw this.invalid(meta.name ?? '', errs);
      if (!meta.name) throw this.invalid('', [{ type: 'FieldValueRequired', field: 'metadata.name', detail: 'name or generateName is required' }]);
      const stored = this.managedFieldsFor(undefined, obj, opts.fieldManager, '');
      if (opts.dryRun) return stored;
      try {
        const rev = await this.deps.store.create(this.key(namespace, meta.name), this.encode(stored));
        ok = true;
        return this.withRv(stored, rev);
      } catch (err) {
        if (isStorageError(err, 'KeyExists')) throw alreadyExists(this.gr, meta.name);
        throw err;
      }
    } finally {
      this.committed('CREATE', obj, undefined, ctx, ok);
    }
  }

  /**
   * Read-modify-write with compare-and-swap (upstream GuaranteedUpdate). tryUpdate gets a private
   * copy of the current object (or undefined) and returns the new object, or null for "no change".
   */
  private async guaranteedUpdate(namespace: string, name: string, tryUpdate: (cur: KubeObject | undefined, curRev: number) => Promise<KubeObject | null>, opts: { dryRun?: boolean; allowCreate?: boolean }): Promise<{ obj: KubeObject; created: boolean }> {
    const key = this.key(namespace, name);
    let fromCache: CacheEntry | undefined = this.cache.items.get(key);
    for (let attempt = 0; ; attempt++) {
      let cur: KubeObject | undefined;
      let curRev = 0;
      if (fromCache) {
        cur = clone(fromCache.obj);
        curRev = fromCache.rv;
      } else if (attempt > 0 || !opts.allowCreate) {
        const kv = await this.deps.store.get(key);
        if (kv) {
          cur = JSON.parse(Buffer.from(kv.value).toString('utf8')) as KubeObject;
          curRev = kv.modRevision;
          cur.metadata.resourceVersion = String(curRev);
        }
      }
      if (!cur && !opts.allowCreate) throw notFound(this.gr, name);
      const next = await tryUpdate(cur, curRev);
      if (next === null) return { obj: cur!, created: false };
      if (opts.dryRun) return { obj: next, created: !cur };
      try {
        if (!cur) {
          const rev = await this.deps.store.create(key, this.encode(next));
          return { obj: this.withRv(next, rev), created: true };
        }
        const rev = await this.deps.store.update(key, this.encode(next), curRev);
        return { obj: this.withRv(next, rev), created: false };
      } catch (err) {
        if ((isStorageError(err, 'Conflict') || isStorageError(err, 'KeyExists') || isStorageError(err, 'KeyNotFound')) && attempt < MAX_CAS_RETRIES) {
          fromCache = undefined; // re-read from storage
          continue;
        }
        if (isStorageError(err, 'KeyNotFound')) throw notFound(this.gr, name);
        if (isStorageError(err, 'Conflict') || isStorageError(err, 'KeyExists')) throw conflict(this.gr, name, OPTIMISTIC_LOCK_MESSAGE);
        throw err;
      }
    }
  }

  /** Finishes an update: rules of the main resource or of /status, generation, defaults, admission, validation. */
  private async prepareUpdate(obj: KubeObject, old: KubeObject, opts: WriteOptions, ctx: AdmissionContext): Promise<KubeObject> {
    this.checkTypeMeta(obj);
    if (!isPlainObject(obj.metadata)) obj.metadata = {};
    const meta = obj.metadata;
    const om = old.metadata;
    // Immutable or server-owned metadata.
    meta.uid = om.uid;
    meta.creationTimestamp = om.creationTimestamp;
    if (om.deletionTimestamp) meta.deletionTimestamp = om.deletionTimestamp; else delete meta.deletionTimestamp;
    if (om.deletionGracePeriodSeconds !== undefined) meta.deletionGracePeriodSeconds = om.deletionGracePeriodSeconds; else delete meta.deletionGracePeriodSeconds;
    if (this.info.namespaced) meta.namespace = om.namespace; else delete meta.namespace;
    meta.generation = om.generation;
    if (meta.generation === undefined) delete meta.generation;
    delete meta.selfLink;

    const sub = opts.subresource ?? '';
    if (sub === 'status') {
      // Only status (and a few metadata fields) may change through /status.
      const keep = clone(old);
      keep.status = obj.status;
      keep.metadata = { ...om, labels: meta.labels, annotations: meta.annotations, ownerReferences: meta.ownerReferences, finalizers: meta.finalizers, managedFields: meta.managedFields, resourceVersion: meta.resourceVersion };
      if (keep.status === undefined) delete keep.status;
      obj = keep;
    } else if (sub === '' && this.info.hasStatus && this.info.kind !== 'Namespace') {
      // The main resource cannot change status.
      if (old.status === undefined) delete obj.status; else obj.status = clone(old.status);
    }
    if (this.strategy.tracksGeneration && !deepEqual(specOf(obj), specOf(old))) {
      obj.metadata.generation = (old.metadata.generation ?? 0) + 1;
    }
    applyDefaults(obj);
    await this.admit('UPDATE', obj, old, ctx);
    applyUpdateDefaults(obj, old);
    // Unconditional updates (no resourceVersion given) apply to the current revision.
    if (!obj.metadata.resourceVersion) obj.metadata.resourceVersion = old.metadata.resourceVersion;
    // A binding sets spec.nodeName, which a pod update may not change; it is validated on its own.
    const errs = sub === 'binding' ? [] : sub === 'status' ? validateStatusUpdate(obj, old) : validateUpdate(obj, old);
    if (errs.length) throw this.invalid(obj.metadata.name ?? '', errs);
    return obj;
  }

  private checkPreconditionRv(given: string | undefined, curRev: number, name: string): void {
    if (given !== undefined && given !== '' && given !== String(curRev)) {
      parseResourceVersion(given);
      throw conflict(this.gr, name, OPTIMISTIC_LOCK_MESSAGE);
    }
  }

  async update(namespace: string, name: string, input: KubeObject, opts: WriteOptions = {}): Promise<{ obj: KubeObject; created: boolean }> {
    if (!isPlainObject(input.metadata)) input.metadata = {};
    if (input.metadata.name && input.metadata.name !== name) {
      throw badRequest(`the name of the object (${input.metadata.name}) does not match the name on the URL (${name})`);
    }
    if (this.info.namespaced && input.metadata.namespace && namespace && input.metadata.namespace !== namespace) {
      throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
    }
    input.metadata.name = name;
    const ctx: AdmissionContext = { resource: this.info, subresource: opts.subresource ?? '', namespace, dryRun: !!opts.dryRun, user: opts.user };
    const givenRv = input.metadata.resourceVersion;
    let stored: KubeObject | undefined;
    let oldObj: KubeObject | undefined;
    try {
      const res = await this.guaranteedUpdate(namespace, name, async (cur, curRev) => {
        if (!cur) throw notFound(this.gr, name);
        this.checkPreconditionRv(givenRv, curRev, name);
        oldObj = cur;
        const obj = await this.prepareUpdate(clone(input), cur, opts, ctx);
        const next = this.managedFieldsFor(cur, obj, opts.fieldManager, opts.subresource ?? '');
        stored = next;
        return this.unchanged(next, cur) ? null : next;
      }, { dryRun: opts.dryRun });
      this.committed('UPDATE', res.obj, oldObj, ctx, !opts.dryRun);
      if (!opts.dryRun) await this.finishIfReady(res.obj);
      return res;
    } catch (err) {
      this.committed('UPDATE', stored ?? input, oldObj, ctx, false);
      throw err;
    }
  }

  private unchanged(next: KubeObject, cur: KubeObject): boolean {
    const a = { ...next, metadata: { ...next.metadata, resourceVersion: undefined, managedFields: undefined } };
    const b = { ...cur, metadata: { ...cur.metadata, resourceVersion: undefined, managedFields: undefined } };
    return deepEqual(a, b);
  }

  async patch(namespace: string, name: string, patchType: PatchType, patch: unknown, opts: WriteOptions & { force?: boolean; fieldValidation?: 'Strict' | 'Warn' | 'Ignore' }): Promise<{ obj: KubeObject; created: boolean; warnings: string[] }> {
    const warnings: string[] = [];
    const sub = opts.subresource ?? '';
    const ctx: AdmissionContext = { resource: this.info, subresource: sub, namespace, dryRun: !!opts.dryRun, user: opts.user };
    const isApply = patchType === 'application/apply-patch+yaml';
    if (isApply) {
      if (!opts.fieldManager) throw badRequest('PATCH, application/apply-patch+yaml requires a non-empty fieldManager query parameter');
      if (!isPlainObject(patch)) throw badRequest('error decoding YAML: the apply patch must be an object');
      const p = patch as KubeObject;
      if (!p.apiVersion || !p.kind) throw badRequest(`invalid object type: ${p.apiVersion ?? ''}, Kind=${p.kind ?? ''}`);
      this.checkTypeMeta(p);
      if (isPlainObject(p.metadata) && p.metadata.name && p.metadata.name !== name) {
        throw badRequest(`the name of the object (${p.metadata.name}) does not match the name on the URL (${name})`);
      }
    }
    let oldObj: KubeObject | undefined;
    let pending: KubeObject | undefined;
    try {
      const res = await this.guaranteedUpdate(namespace, name, async (cur, curRev) => {
        oldObj = cur;
        if (!cur) {
          if (!isApply) throw notFound(this.gr, name);
          // Create through apply.
          const applied = clone(patch as KubeObject);
          applied.metadata = { ...(applied.metadata ?? {}), name };
          if (this.info.namespaced) applied.metadata.namespace = namespace;
          const { object } = applyAsClientError(() => serverSideApply(undefined, applied, opts.fieldManager!, this.applyOptions(!!opts.force, sub), this.schema(), schemaRegistry));
          const created = await this.createPrepared(namespace, object, ctx, opts);
          pending = created;
          return created;
        }
        const patchRv = isPlainObject(patch) && isPlainObject((patch as { metadata?: unknown }).metadata) ? ((patch as KubeObject).metadata.resourceVersion) : undefined;
        if (patchType !== 'application/json-patch+json') this.checkPreconditionRv(patchRv, curRev, name);
        let next: KubeObject;
        const base = this.patchBase(cur, sub);
        if (isApply) {
          next = applyAsClientError(() => serverSideApply(base, clone(patch as KubeObject), opts.fieldManager!, this.applyOptions(!!opts.force, sub), this.schema(), schemaRegistry)).object;
        } else {
          next = this.applyPatch(base, patchType, patch) as KubeObject;
          if (!isPlainObject(next)) throw badRequest('the patch produced a non-object');
        }
        next = this.unpatchBase(next, cur, sub);
        const schemaName = isApply ? undefined : schemaRegistry.nameForKind(this.apiVersion, this.info.kind);
        if (schemaName && sub !== 'scale') {
          // Decode the patched object into the kind's type (upstream: 422 on a mistyped result;
          // undeclared fields are dropped, or rejected with fieldValidation=Strict).
          const patchedJson = patchType === 'application/strategic-merge-patch+json' ? undefined : JSON.stringify(next);
          const typed = typedDecode(next as unknown as Record<string, unknown>, schemaName, this.info.kind, { prune: true });
          if (typed.typeError) {
            const badValue = patchedJson ?? JSON.stringify(patch);
            throw new StatusError(422, 'Invalid', ` "" is invalid: patch: Invalid value: ${JSON.stringify(badValue)}: ${typed.typeError}`, {
              causes: [{ reason: 'FieldValueInvalid', message: `Invalid value: ${JSON.stringify(badValue)}: ${typed.typeError}`, field: 'patch' }],
            });
          }
          const unknown = opts.fieldValidation === 'Ignore' ? [] : [...typed.unknown].sort(comparePaths).map((u) => `unknown field "${u}"`);
          if (unknown.length && opts.fieldValidation === 'Strict') {
            throw new StatusError(400, 'BadRequest', `strict decoding error: ${unknown.join(', ')}`, { causes: unknown.map((m) => ({ reason: 'FieldValueInvalid', message: m })) });
          }
          warnings.length = 0;
          warnings.push(...unknown);
        }
        if (!isPlainObject(next.metadata)) next.metadata = {};
        if (next.metadata.name !== undefined && next.metadata.name !== name) {
          throw this.invalid(name, [{ type: 'FieldValueInvalid', field: 'metadata.name', badValue: next.metadata.name, detail: 'field is immutable' }]);
        }
        next.metadata.name = name;
        const prepared = await this.prepareUpdate(next, cur, opts, ctx);
        const withMf = isApply ? prepared : this.managedFieldsFor(cur, prepared, opts.fieldManager, sub);
        pending = withMf;
        return this.unchanged(withMf, cur) ? null : withMf;
      }, { dryRun: opts.dryRun, allowCreate: isApply });
      this.committed(res.created ? 'CREATE' : 'UPDATE', res.obj, oldObj, ctx, !opts.dryRun);
      if (!opts.dryRun) await this.finishIfReady(res.obj);
      return { ...res, warnings };
    } catch (err) {
      this.committed(oldObj ? 'UPDATE' : 'CREATE', pending, oldObj, ctx, false);
      throw err;
    }
  }

  /** The object a patch applies to: the Scale for /scale, the object otherwise. */
  protected patchBase(cur: KubeObject, _sub: string): KubeObject {
    return clone(cur);
  }

  protected unpatchBase(next: KubeObject, _cur: KubeObject, _sub: string): KubeObject {
    return next;
  }

  private applyPatch(base: KubeObject, patchType: PatchType, patch: unknown): unknown {
    switch (patchType) {
      case 'application/json-patch+json': return applyJsonPatch(base, patch);
      case 'application/merge-patch+json': return applyMergePatch(base, patch);
      case 'application/strategic-merge-patch+json': return strategicMergePatch(base, patch, this.schema(), schemaRegistry);
      default: throw badRequest(`unsupported patch type ${patchType}`);
    }
  }

  /** Create path used by apply-creates: the same rules as create, inside guaranteedUpdate. */
  private async createPrepared(namespace: string, obj: KubeObject, ctx: AdmissionContext, opts: WriteOptions): Promise<KubeObject> {
    this.checkTypeMeta(obj);
    const meta = obj.metadata;
    meta.uid = randomUUID();
    meta.creationTimestamp = this.now();
    delete meta.resourceVersion;
    if (this.strategy.tracksGeneration) meta.generation = 1; else delete meta.generation;
    if (this.strategy.resetStatusOnCreate && !opts.subresource) delete obj.status;
    applyDefaults(obj);
    await this.admit('CREATE', obj, undefined, ctx);
    applyCreateDefaults(obj);
    const errs = validateCreate(obj);
    if (errs.length) throw this.invalid(meta.name ?? '', errs);
    void namespace;
    return obj;
  }

  /**
   * A server-side read-modify-write (subresources such as scale and binding): mutate receives a
   * private copy of the current object and returns it changed, or null for no change.
   */
  async mutate(namespace: string, name: string, mutate: (cur: KubeObject, curRev: number) => KubeObject | null, opts: WriteOptions = {}): Promise<KubeObject> {
    const ctx: AdmissionContext = { resource: this.info, subresource: opts.subresource ?? '', namespace, dryRun: !!opts.dryRun, user: opts.user };
    const res = await this.guaranteedUpdate(namespace, name, async (cur, curRev) => {
      if (!cur) throw notFound(this.gr, name);
      const changed = mutate(clone(cur), curRev);
      if (changed === null) return null;
      const prepared = await this.prepareUpdate(changed, cur, opts, ctx);
      const next = this.managedFieldsFor(cur, prepared, opts.fieldManager, opts.subresource ?? '');
      return this.unchanged(next, cur) ? null : next;
    }, { dryRun: opts.dryRun });
    if (!opts.dryRun) await this.finishIfReady(res.obj);
    return res.obj;
  }

  /** Every cached object of this resource (for admission lookups). */
  entries(): IterableIterator<CacheEntry> {
    return this.cache.items.values();
  }

  cacherRv(): number {
    return this.deps.cacher.rv;
  }

  // ---------------------------------------------------------------- delete

  async delete(namespace: string, name: string, opts: DeleteOptions = {}): Promise<DeleteResult> {
    const key = this.key(namespace, name);
    const ctx: AdmissionContext = { resource: this.info, subresource: '', namespace, dryRun: !!opts.dryRun, user: opts.user };
    for (let attempt = 0; ; attempt++) {
      const kv = await this.deps.store.get(key);
      if (!kv) throw notFound(this.gr, name);
      const cur = JSON.parse(Buffer.from(kv.value).toString('utf8')) as KubeObject;
      cur.metadata.resourceVersion = String(kv.modRevision);
      const pre = opts.preconditions;
      if (pre?.uid && pre.uid !== cur.metadata.uid) {
        throw conflict(this.gr, name, `Precondition failed: UID in precondition: ${pre.uid}, UID in object meta: ${cur.metadata.uid}`);
      }
      if (pre?.resourceVersion && pre.resourceVersion !== cur.metadata.resourceVersion) {
        throw conflict(this.gr, name, `Precondition failed: ResourceVersion in precondition: ${pre.resourceVersion}, ResourceVersion in object meta: ${cur.metadata.resourceVersion}`);
      }
      await this.admit('DELETE', cur, cur, ctx);
      const graceful = this.gracefulDeletion(cur, opts);
      const finalizers = this.finalizersAfterDelete(cur, opts);
      if (graceful || finalizers) {
        // Mark for deletion; the object goes away when its grace period ends or its finalizers are removed.
        const next = clone(cur);
        const m = next.metadata;
        if (finalizers) m.finalizers = finalizers;
        if (!m.deletionTimestamp) {
          const grace = graceful ? graceful.seconds : 0;
          m.deletionTimestamp = rfc3339(this.deps.clock.now() + grace * 1000);
          m.deletionGracePeriodSeconds = grace;
        } else if (graceful && m.deletionGracePeriodSeconds !== undefined && graceful.seconds < m.deletionGracePeriodSeconds) {
          // A shorter grace period moves the deadline earlier.
          m.deletionTimestamp = rfc3339(this.deps.clock.now() + graceful.seconds * 1000);
          m.deletionGracePeriodSeconds = graceful.seconds;
        }
        if (this.info.kind === 'Namespace') {
          next.status = { ...(isPlainObject(next.status) ? next.status : {}), phase: 'Terminating' };
        }
        if (deepEqual(next, cur)) return { body: cur, deleted: false };
        if (opts.dryRun) return { body: next, deleted: false };
        try {
          const rev = await this.deps.store.update(key, this.encode(next), kv.modRevision);
          return { body: this.withRv(next, rev), deleted: false };
        } catch (err) {
          if (isStorageError(err, 'Conflict') && attempt < MAX_CAS_RETRIES) continue;
          throw err;
        }
      }
      if (opts.dryRun) return { body: this.deletedBody(cur), deleted: true };
      try {
        const { revision } = await this.deps.store.delete(key, kv.modRevision);
        this.committed('DELETE', undefined, cur, ctx, true);
        return { body: this.deletedBody(this.withRv(cur, revision)), deleted: true };
      } catch (err) {
        if ((isStorageError(err, 'Conflict') || isStorageError(err, 'KeyNotFound')) && attempt < MAX_CAS_RETRIES) continue;
        if (isStorageError(err, 'KeyNotFound')) throw notFound(this.gr, name);
        throw err;
      }
    }
  }

  private deletedBody(obj: KubeObject): KubeObject | Status {
    if (this.strategy.returnDeletedObject) return obj;
    return successStatus({ name: obj.metadata.name, group: this.info.group || undefined, kind: this.info.resource, uid: obj.metadata.uid });
  }

  /** Pods bound to a node are deleted gracefully (the kubelet finishes it); others at once. */
  private gracefulDeletion(cur: KubeObject, opts: DeleteOptions): { seconds: number } | undefined {
    if (this.info.kind !== 'Pod' || this.info.group !== '') return undefined;
    const spec = (cur.spec ?? {}) as { nodeName?: string; terminationGracePeriodSeconds?: number };
    const status = (cur.status ?? {}) as { phase?: string };
    let seconds = opts.gracePeriodSeconds ?? spec.terminationGracePeriodSeconds ?? 30;
    if (seconds < 0) seconds = 0;
    if (!spec.nodeName) return undefined; // never scheduled: delete at once
    if (status.phase === 'Failed' || status.phase === 'Succeeded') return undefined;
    if (seconds === 0) return undefined;
    return { seconds };
  }

  /** Finalizers the object keeps (or gains, for Orphan/Foreground), or undefined when it can go now. */
  private finalizersAfterDelete(cur: KubeObject, opts: DeleteOptions): string[] | undefined {
    const fins = [...(cur.metadata.finalizers ?? [])];
    const policy = opts.propagationPolicy ?? (opts.orphanDependents === true ? 'Orphan' : opts.orphanDependents === false ? 'Background' : undefined);
    if (policy === 'Orphan' && !fins.includes('orphan')) fins.push('orphan');
    if (policy === 'Foreground' && !fins.includes('foregroundDeletion')) fins.push('foregroundDeletion');
    if (this.info.kind === 'Namespace' && this.info.group === '') {
      // Namespaces go through Terminating until the namespace controller has emptied them and
      // removed spec.finalizers (through /finalize).
      const specFinalizers = (cur.spec as { finalizers?: string[] } | undefined)?.finalizers ?? [];
      return fins.length || specFinalizers.length ? fins : undefined;
    }
    return fins.length ? fins : undefined;
  }

  async deleteCollection(namespace: string, list: ListOptions, opts: DeleteOptions): Promise<KubeObject[]> {
    const res = await this.list(namespace, { labelSelector: list.labelSelector, fieldSelector: list.fieldSelector });
    const out: KubeObject[] = [];
    for (const e of res.entries) {
      try {
        const r = await this.delete(e.obj.metadata.namespace ?? '', e.obj.metadata.name ?? '', opts);
        if (r.body.kind !== 'Status') out.push(r.body as KubeObject);
        else out.push(e.obj);
      } catch (err) {
        if (err instanceof StatusError && err.code === 404) continue;
        throw err;
      }
    }
    return out;
  }

  /** A namespace whose spec.finalizers were all removed and that is terminating is deleted now. */
  async finishNamespaceIfReady(ns: KubeObject): Promise<void> {
    const fins = (ns.spec as { finalizers?: string[] } | undefined)?.finalizers ?? [];
    if (!ns.metadata.deletionTimestamp || fins.length || (ns.metadata.finalizers?.length ?? 0)) return;
    try {
      await this.deps.store.delete(this.key('', ns.metadata.name ?? ''), Number(ns.metadata.resourceVersion));
    } catch (err) {
      if (!isStorageError(err)) throw err;
    }
  }

  /** Deletes an object whose finalizers are gone and whose deletion was requested (used after updates). */
  async finishIfReady(obj: KubeObject): Promise<void> {
    if (!obj.metadata.deletionTimestamp || (obj.metadata.finalizers?.length ?? 0) > 0) return;
    if (this.info.kind === 'Pod') return; // pods are finished by the kubelet (or grace period 0)
    if (this.info.kind === 'Namespace') return this.finishNamespaceIfReady(obj);
    try {
      await this.deps.store.delete(this.key(obj.metadata.namespace ?? '', obj.metadata.name ?? ''), Number(obj.metadata.resourceVersion));
    } catch (err) {
      if (!isStorageError(err)) throw internalError(err);
    }
  }
}

export type { ManagedFieldsEntry };
