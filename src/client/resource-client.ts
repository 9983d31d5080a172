// Typed CRUD for one resource (optionally within one namespace), as client-go's typed clients.

import type { KubeList, KubeObject, WatchEvent } from '../api/types.js';
import type { Status } from '../machinery/errors.js';
import type { RestClient } from './rest-client.js';

/** What a ResourceClient needs to know about a resource; a ResourceInfo fits. */
export interface ResourceRef {
  group: string;
  version: string;
  resource: string;
  namespaced: boolean;
}

export interface ListOptions {
  labelSelector?: string;
  fieldSelector?: string;
  limit?: number;
  continue?: string;
  resourceVersion?: string;
  resourceVersionMatch?: 'Exact' | 'NotOlderThan';
  timeoutSeconds?: number;
  signal?: AbortSignal;
}

export interface WatchOptions {
  /** Start after this version; '' or '0' to start with synthetic ADDED events for what exists. */
  resourceVersion?: string;
  labelSelector?: string;
  fieldSelector?: string;
  allowWatchBookmarks?: boolean;
  timeoutSeconds?: number;
  /** Aborting ends the iteration quietly. */
  signal?: AbortSignal;
}

export interface WriteOptions {
  dryRun?: boolean;
  fieldManager?: string;
  fieldValidation?: 'Ignore' | 'Warn' | 'Strict';
  signal?: AbortSignal;
}

export type PatchType = 'merge' | 'strategic' | 'json' | 'apply';

export const PATCH_CONTENT_TYPES: Record<PatchType, string> = {
  merge: 'application/merge-patch+json',
  strategic: 'application/strategic-merge-patch+json',
  json: 'application/json-patch+json',
  apply: 'application/apply-patch+yaml',
};

export interface PatchOptions extends WriteOptions {
  /** Server-side apply: take ownership of conflicting fields. */
  force?: boolean;
  /** e.g. 'status', 'scale'. */
  subresource?: string;
}

export interface Preconditions { uid?: string; resourceVersion?: string }

export interface DeleteOptions {
  propagationPolicy?: 'Orphan' | 'Background' | 'Foreground';
  gracePeriodSeconds?: number;
  preconditions?: Preconditions;
  dryRun?: boolean;
  signal?: AbortSignal;
}

/** Create/get/update/patch on one object's subresource (binding, eviction, scale, status ...). */
export interface SubresourceClient {
  readonly path: string;
  get<R = KubeObject>(opts?: { signal?: AbortSignal }): Promise<R>;
  create<R = KubeObject>(body: unknown, opts?: WriteOptions): Promise<R>;
  update<R = KubeObject>(body: unknown, opts?: WriteOptions): Promise<R>;
  patch<R = KubeObject>(patch: unknown, type: PatchType, opts?: Omit<PatchOptions, 'subresource'>): Promise<R>;
}

function writeQuery(o: WriteOptions | undefined): Record<string, string | undefined> {
  return { dryRun: o?.dryRun ? 'All' : undefined, fieldManager: o?.fieldManager, fieldValidation: o?.fieldValidation };
}

function listQuery(o: ListOptions | WatchOptions | undefined): Record<string, string | number | undefined> {
  if (!o) return {};
  const q: Record<string, string | number | undefined> = {
    labelSelector: o.labelSelector,
    fieldSelector: o.fieldSelector,
    resourceVersion: o.resourceVersion,
    timeoutSeconds: o.timeoutSeconds,
  };
  if ('limit' in o) q['limit'] = o.limit;
  if ('continue' in o) q['continue'] = o.continue;
  if ('resourceVersionMatch' in o) q['resourceVersionMatch'] = o.resourceVersionMatch;
  return q;
}

function deleteBody(o: DeleteOptions | undefined): Record<string, unknown> {
  const body: Record<string, unknown> = { kind: 'DeleteOptions', apiVersion: 'v1' };
  if (o?.propagationPolicy) body['propagationPolicy'] = o.propagationPolicy;
  if (o?.gracePeriodSeconds !== undefined) body['gracePeriodSeconds'] = o.gracePeriodSeconds;
  if (o?.preconditions) body['preconditions'] = o.preconditions;
  if (o?.dryRun) body['dryRun'] = ['All'];
  return body;
}

function encodePatch(patch: unknown): string | Buffer {
  if (typeof patch === 'string' || Buffer.isBuffer(patch)) return patch;
  return JSON.stringify(patch);
}

export class ResourceClient<T extends KubeObject = KubeObject> {
  constructor(
    readonly rest: RestClient,
    readonly ref: ResourceRef,
    /** For namespaced resources: the namespace, or undefined for all namespaces (list/watch). */
    readonly namespace?: string,
  ) {}

  /** The same resource in another namespace. */
  inNamespace(namespace: string | undefined): ResourceClient<T> {
    return new ResourceClient<T>(this.rest, this.ref, namespace);
  }

  /** `/api/v1` or `/apis/<group>/<version>`. */
  get groupVersionPath(): string {
    return this.ref.group ? `/apis/${this.ref.group}/${this.ref.version}` : `/api/${this.ref.version}`;
  }

  /** The collection path (namespace may be overridden), or an object/subresource path. */
  path(name?: string, subresource?: string, namespace: string | undefined = this.namespace): string {
    let p = this.groupVersionPath;
    if (this.ref.namespaced && namespace) p += `/namespaces/${encodeURIComponent(namespace)}`;
    p += `/${this.ref.resource}`;
    if (name !== undefined) {
      if (!name) throw new Error(`${this.ref.resource}: a resource name is required`);
      p += `/${encodeURIComponent(name)}`;
      if (subresource) p += `/${subresource}`;
    }
    return p;
  }

  /** Namespace for a single-object call: the client's, else the object's. */
  private nsFor(obj?: KubeObject): string | undefined {
    if (!this.ref.namespaced) return undefined;
    const ns = this.namespace ?? obj?.metadata.namespace;
    if (!ns) throw new Error(`${this.ref.resource} is namespaced: a namespace is required`);
    return ns;
  }

  private objectPath(name: string, sub?: string, obj?: KubeObject): string {
    return this.path(name, sub, this.nsFor(obj));
  }

  async get(name: string, opts: { resourceVersion?: string; signal?: AbortSignal } = {}): Promise<T> {
    return this.rest.json<T>({ path: this.objectPath(name), query: { resourceVersion: opts.resourceVersion }, signal: opts.signal });
  }

  async list(opts: ListOptions = {}): Promise<KubeList<T>> {
    return this.rest.json<KubeList<T>>({ path: this.path(), query: listQuery(opts), signal: opts.signal });
  }

  async create(obj: T, opts: WriteOptions = {}): Promise<T> {
    return this.rest.json<T>({ method: 'POST', path: this.path(undefined, undefined, this.nsFor(obj)), query: writeQuery(opts), body: obj, signal: opts.signal });
  }

  /** PUT; metadata.resourceVersion, when set, makes it a compare-and-swap (409 Conflict if stale). */
  async update(obj: T, opts: WriteOptions = {}): Promise<T> {
    return this.rest.json<T>({ method: 'PUT', path: this.objectPath(this.nameOf(obj), undefined, obj), query: writeQuery(opts), body: obj, signal: opts.signal });
  }

  async updateStatus(obj: T, opts: WriteOptions = {}): Promise<T> {
    return this.rest.json<T>({ method: 'PUT', path: this.objectPath(this.nameOf(obj), 'status', obj), query: writeQuery(opts), body: obj, signal: opts.signal });
  }

  /** `apply` needs a fieldManager; its body may be an object (JSON is YAML) or a YAML string. */
  async patch(name: string, patch: unknown, type: PatchType, opts: PatchOptions = {}): Promise<T> {
    if (type === 'apply' && !opts.fieldManager) throw new Error('apply patches require a fieldManager');
    if (opts.force && type !== 'apply') throw new Error('force is only allowed for apply patches');
    return this.rest.json<T>({
      method: 'PATCH',
      path: this.objectPath(name, opts.subresource),
      query: { ...writeQuery(opts), force: opts.force ? 'true' : undefined },
      body: encodePatch(patch),
      contentType: PATCH_CONTENT_TYPES[type],
      signal: opts.signal,
    });
  }

  /** Returns the object when deletion is deferred (finalizers, grace period), else a Status. */
  async delete(name: string, opts: DeleteOptions = {}): Promise<T | Status> {
    return this.rest.json<T | Status>({ method: 'DELETE', path: this.objectPath(name), body: deleteBody(opts), signal: opts.signal });
  }

  async deleteCollection(opts: ListOptions & DeleteOptions = {}): Promise<KubeList<T> | Status> {
    const q = listQuery(opts);
    return this.rest.json<KubeList<T> | Status>({ method: 'DELETE', path: this.path(), query: q, body: deleteBody(opts), signal: opts.signal });
  }

  /** Events as they come; see RestClient.watch for the end and error behaviour. */
  watch(opts: WatchOptions = {}): AsyncGenerator<WatchEvent<T>, void, undefined> {
    return this.rest.watch<T>({
      path: this.path(),
      query: { ...listQuery(opts), watch: 'true', allowWatchBookmarks: opts.allowWatchBookmarks ? 'true' : undefined },
      signal: opts.signal,
    });
  }

  subresource(name: string, sub: string, namespace?: string): SubresourceClient {
    const path = this.path(name, sub, this.ref.namespaced ? (namespace ?? this.nsFor()) : undefined);
    const rest = this.rest;
    return {
      path,
      get: <R>(o: { signal?: AbortSignal } = {}) => rest.json<R>({ path, signal: o.signal }),
      create: <R>(body: unknown, o: WriteOptions = {}) => rest.json<R>({ method: 'POST', path, query: writeQuery(o), body, signal: o.signal }),
      update: <R>(body: unknown, o: WriteOptions = {}) => rest.json<R>({ method: 'PUT', path, query: writeQuery(o), body, signal: o.signal }),
      patch: <R>(patch: unknown, type: PatchType, o: Omit<PatchOptions, 'subresource'> = {}) => rest.json<R>({
        method: 'PATCH', path, query: { ...writeQuery(o), force: o.force ? 'true' : undefined }, body: encodePatch(patch), contentType: PATCH_CONTENT_TYPES[type], signal: o.signal,
      }),
    };
  }

  private nameOf(obj: T): string {
    const n = obj.metadata.name;
    if (!n) throw new Error(`${this.ref.resource}: metadata.name is required`);
    return n;
  }
}
