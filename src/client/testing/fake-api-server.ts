// An in-memory API server speaking the ApiHandler contract, for testing clients, informers and
// controllers without the real server: CRUD with resourceVersion compare-and-swap, paged lists,
// label/field selectors (equality forms), watches with a bounded history (410 Expired when a
// watch starts before it), plus fault injection (compact, end watches, in-stream ERROR events,
// failing the next requests). Semantics are deliberately simple: merge-style patches for
// merge/strategic/apply, no defaulting, no validation, no finalizers, no admission.

import { randomUUID } from 'node:crypto';
import type { ApiHandler, ApiRequest, ResponseSink } from '../transport.js';
import type { KubeObject, WatchEvent, WatchEventType } from '../../api/types.js';
import { isPlainObject } from '../../api/types.js';
import { RESOURCES, type ResourceInfo } from '../../api/resources.js';
import {
  StatusError, OPTIMISTIC_LOCK_MESSAGE, alreadyExists, badRequest, conflict, expired, methodNotAllowed, notFound, notFoundPath, successStatus,
} from '../../machinery/errors.js';
import { realClock, rfc3339, type Clock } from '../../machinery/clock.js';

export interface FakeApiServerOptions {
  clock?: Clock;
  resources?: ResourceInfo[];
  /** Watch events kept for resuming; older starting versions get 410 Expired. Default 1000. */
  historyLimit?: number;
}

export interface RecordedRequest { method: string; path: string; query: string; user?: string }

interface Route {
  info: ResourceInfo;
  namespace?: string;
  name?: string;
  subresource?: string;
}

interface Watcher {
  route: Route;
  query: URLSearchParams;
  sink: ResponseSink;
}

interface HistoryEntry { rv: number; info: ResourceInfo; type: WatchEventType; object: KubeObject }

interface Fault {
  match: (r: RecordedRequest) => boolean;
  error: StatusError | Error;
  remaining: number;
}

function clone<T>(v: T): T { return JSON.parse(JSON.stringify(v)) as T; }

export function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isPlainObject(patch)) return clone(patch);
  const out: Record<string, unknown> = isPlainObject(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v);
  }
  return out;
}

function pointer(path: string): string[] {
  return path.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function jsonPatch(doc: unknown, ops: unknown): unknown {
  if (!Array.isArray(ops)) throw badRequest('json patch must be an array of operations');
  let root = clone(doc);
  for (const op of ops) {
    if (!isPlainObject(op) || typeof op['path'] !== 'string') throw badRequest('invalid json patch operation');
    const parts = pointer(op['path']);
    const last = parts.pop();
    if (last === undefined) { root = clone(op['value']); continue; }
    let parent: unknown = root;
    for (const p of parts) parent = Array.isArray(parent) ? parent[Number(p)] : isPlainObject(parent) ? parent[p] : undefined;
    if (typeof parent !== 'object' || parent === null) throw badRequest(`json patch: path ${op['path']} not found`);
    const arr = Array.isArray(parent) ? (parent as unknown[]) : undefined;
    const map = parent as Record<string, unknown>;
    switch (op['op']) {
      case 'add':
        if (arr) arr.splice(last === '-' ? arr.length : Number(last), 0, clone(op['value']));
        else map[last] = clone(op['value']);
        break;
      case 'replace':
        if (arr) arr[Number(last)] = clone(op['value']); else map[last] = clone(op['value']);
        break;
      case 'remove':
        if (arr) arr.splice(Number(last), 1); else delete map[last];
        break;
      case 'test': {
        const cur = arr ? arr[Number(last)] : map[last];
        if (JSON.stringify(cur) !== JSON.stringify(op['value'])) throw new StatusError(422, 'Invalid', `json patch test failed at ${op['path']}`);
        break;
      }
      default:
        throw badRequest(`json patch: unsupported op ${JSON.stringify(op['op'])}`);
    }
  }
  return root;
}

/** Equality-based label selector: `a=b`, `a==b`, `a!=b`, `a`, `!a`, comma separated (AND). */
export function matchLabels(selector: string, labels: Record<string, string> | undefined): boolean {
  const l = labels ?? {};
  for (const raw of selector.split(',')) {
    const term = raw.trim();
    if (!term) continue;
    let m: RegExpMatchArray | null;
    if ((m = term.match(/^([^!=\s]+)\s*!=\s*(.*)$/))) { if (l[m[1] as string] === m[2]) return false; }
    else if ((m = term.match(/^([^!=\s]+)\s*==?\s*(.*)$/))) { if (l[m[1] as string] !== m[2]) return false; }
    else if ((m = term.match(/^!\s*(\S+)$/))) { if ((m[1] as string) in l) return false; }
    else if (!(term in l)) return false;
  }
  return true;
}

function fieldValue(obj: KubeObject, path: string): string {
  let cur: unknown = obj;
  for (const p of path.split('.')) cur = isPlainObject(cur) ? cur[p] : undefined;
  return cur === undefined || cur === null ? '' : String(cur);
}

/** Equality-based field selector over dotted paths: `spec.nodeName=n1,metadata.name!=x`. */
export function matchFields(selector: string, obj: KubeObject): boolean {
  for (const raw of selector.split(',')) {
    const term = raw.trim();
    if (!term) continue;
    const m = term.match(/^([^!=\s]+)\s*(!=|==|=)\s*(.*)$/);
    if (!m) return false;
    const v = fieldValue(obj, m[1] as string);
    if ((m[2] === '!=') === (v === m[3])) return false;
  }
  return true;
}

function apiVersionOf(info: ResourceInfo): string {
  return info.group ? `${info.group}/${info.version}` : info.version;
}

export class FakeApiServer {
  readonly handler: ApiHandler;
  /** Every request handled, in order. */
  readonly requests: RecordedRequest[] = [];
  private readonly clock: Clock;
  private readonly resources: ResourceInfo[];
  private readonly historyLimit: number;
  private readonly objects = new Map<string, KubeObject>();
  private history: HistoryEntry[] = [];
  /** History before this version is gone. */
  private compactedTo = 0;
  private rv = 0;
  private readonly watchers = new Set<Watcher>();
  private faults: Fault[] = [];

  constructor(options: FakeApiServerOptions = {}) {
    this.clock = options.clock ?? realClock;
    this.resources = options.resources ?? RESOURCES;
    this.historyLimit = options.historyLimit ?? 1000;
    this.handler = (req, res) => this.handle(req, res);
  }

  /** The current resourceVersion. */
  get resourceVersion(): string { return String(this.rv); }

  /** Open watch streams. */
  get watchCount(): number { return this.watchers.size; }

  resourceFor(group: string, resource: string): ResourceInfo {
    const info = this.resources.find((r) => r.group === group && r.resource === resource);
    if (!info) throw new Error(`FakeApiServer: unknown resource ${resource}.${group}`);
    return info;
  }

  /** Creates or replaces an object directly (emitting ADDED/MODIFIED); returns the stored copy. */
  put(group: string, resource: string, obj: KubeObject): KubeObject {
    const info = this.resourceFor(group, resource);
    const key = this.key(info, obj.metadata.namespace, obj.metadata.name ?? '');
    const old = this.objects.get(key);
    const next = clone(obj);
    next.apiVersion ||= apiVersionOf(info);
    next.kind ||= info.kind;
    next.metadata.uid ??= old?.metadata.uid ?? randomUUID();
    next.metadata.creationTimestamp ??= old?.metadata.creationTimestamp ?? rfc3339(this.clock.now());
    return this.store(info, key, next, old ? 'MODIFIED' : 'ADDED');
  }

  /** Removes an object directly (emitting DELETED). */
  remove(group: string, resource: string, name: string, namespace?: string): void {
    const info = this.resourceFor(group, resource);
    const key = this.key(info, namespace, name);
    const old = this.objects.get(key);
    if (!old) return;
    this.objects.delete(key);
    const gone = clone(old);
    gone.metadata.resourceVersion = String(++this.rv);
    this.record(info, 'DELETED', gone);
  }

  /** A copy of a stored object. */
  getObject(group: string, resource: string, name: string, namespace?: string): KubeObject | undefined {
    const o = this.objects.get(this.key(this.resourceFor(group, resource), namespace, name));
    return o ? clone(o) : undefined;
  }

  /** Forgets the watch history: watches resuming from any older version get 410 Expired. */
  compact(): void {
    this.history = [];
    this.compactedTo = this.rv;
  }

  /** Ends every open watch normally (as a server-side timeout does). */
  endWatches(): void {
    for (const w of [...this.watchers]) { this.watchers.delete(w); w.sink.end(); }
  }

  /** Sends a BOOKMARK at the current resourceVersion to every open watch that asked for them. */
  sendBookmark(): void {
    for (const w of this.watchers) {
      if (w.query.get('allowWatchBookmarks') !== 'true') continue;
      const info = w.route.info;
      const object = { apiVersion: apiVersionOf(info), kind: info.kind, metadata: { resourceVersion: String(this.rv) } };
      w.sink.write(`${JSON.stringify({ type: 'BOOKMARK', object })}\n`);
    }
  }

  /** Sends an ERROR event carrying `err` as a Status to every open watch, then ends them. */
  sendWatchError(err: StatusError): void {
    const line = `${JSON.stringify({ type: 'ERROR', object: err.toStatus() })}\n`;
    for (const w of [...this.watchers]) { this.watchers.delete(w); w.sink.write(line); w.sink.end(); }
  }

  /**
   * Fails the next `times` requests that `match` accepts: a StatusError is answered as a Status
   * response; any other Error makes the handler reject (a transport failure).
   */
  failNext(match: (r: RecordedRequest) => boolean, error: StatusError | Error, times = 1): void {
    this.faults.push({ match, error, remaining: times });
  }

  // ---- internals ----

  private key(info: ResourceInfo, namespace: string | undefined, name: string): string {
    return `${info.group}/${info.resource}/${info.namespaced ? namespace ?? '' : ''}/${name}`;
  }

  private store(info: ResourceInfo, key: string, obj: KubeObject, type: WatchEventType): KubeObject {
    obj.metadata.resourceVersion = String(++this.rv);
    this.objects.set(key, obj);
    this.record(info, type, obj);
    return clone(obj);
  }

  private record(info: ResourceInfo, type: WatchEventType, object: KubeObject): void {
    const entry: HistoryEntry = { rv: this.rv, info, type, object: clone(object) };
    this.history.push(entry);
    if (this.history.length > this.historyLimit) {
      const dropped = this.history.shift() as HistoryEntry;
      this.compactedTo = dropped.rv;
    }
    for (const w of this.watchers) this.deliver(w, entry);
  }

  private matches(route: Route, query: URLSearchParams, info: ResourceInfo, obj: KubeObject): boolean {
    if (info !== route.info) return false;
    if (route.namespace && obj.metadata.namespace !== route.namespace) return false;
    const ls = query.get('labelSelector');
    if (ls && !matchLabels(ls, obj.metadata.labels)) return false;
    const fs = query.get('fieldSelector');
    if (fs && !matchFields(fs, obj)) return false;
    return true;
  }

  private deliver(w: Watcher, e: HistoryEntry): void {
    if (!w.sink.open || !this.matches(w.route, w.query, e.info, e.object)) return;
    w.sink.write(`${JSON.stringify({ type: e.type, object: e.object } satisfies WatchEvent)}\n`);
  }

  private parse(path: string): Route | undefined {
    const segs = path.split('/').filter(Boolean).map(decodeURIComponent);
    let group: string, version: string, rest: string[];
    if (segs[0] === 'api' && segs.length >= 2) { group = ''; version = segs[1] as string; rest = segs.slice(2); }
    else if (segs[0] === 'apis' && segs.length >= 3) { group = segs[1] as string; version = segs[2] as string; rest = segs.slice(3); }
    else return undefined;
    const find = (r: string | undefined): ResourceInfo | undefined =>
      this.resources.find((x) => x.group === group && x.version === version && x.resource === r);
    let namespace: string | undefined;
    if (rest[0] === 'namespaces' && rest.length >= 3 && find(rest[2])?.namespaced) {
      namespace = rest[1];
      rest = rest.slice(2);
    }
    const info = find(rest[0]);
    if (!info || rest.length > 3) return undefined;
    return { info, namespace, name: rest[1], subresource: rest[2] };
  }

  private send(res: ResponseSink, code: number, body: unknown): void {
    res.writeHead(code, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  }

  private async handle(req: ApiRequest, res: ResponseSink): Promise<void> {
    const rec: RecordedRequest = { method: req.method, path: req.path, query: req.query.toString(), user: req.user?.name };
    this.requests.push(rec);
    const fault = this.faults.find((f) => f.remaining > 0 && f.match(rec));
    if (fault) {
      fault.remaining--;
      this.faults = this.faults.filter((f) => f.remaining > 0);
      if (!(fault.error instanceof StatusError)) throw fault.error;
      this.send(res, fault.error.code, fault.error.toStatus());
      return;
    }
    try {
      const route = this.parse(req.path);
      if (!route) throw notFoundPath();
      this.dispatch(req, res, route);
    } catch (e) {
      const err = e instanceof StatusError ? e : new StatusError(500, 'InternalError', `Internal error occurred: ${e instanceof Error ? e.message : String(e)}`);
      this.send(res, err.code, err.toStatus());
    }
  }

  private body(req: ApiRequest): unknown {
    if (!req.body || req.body.length === 0) return undefined;
    try { return JSON.parse(req.body.toString('utf8')); } catch { throw badRequest('request body is not valid JSON'); }
  }

  private dispatch(req: ApiRequest, res: ResponseSink, route: Route): void {
    const { info } = route;
    const gr = { group: info.group, resource: info.resource };
    const q = req.query;
    if (route.name === undefined) {
      if (req.method === 'GET' && (q.get('watch') === 'true' || q.get('watch') === '1')) { this.watch(req, res, route); return; }
      if (req.method === 'GET') { this.send(res, 200, this.list(route, q)); return; }
      if (req.method === 'POST') { this.send(res, 201, this.create(route, this.body(req))); return; }
      if (req.method === 'DELETE') {
        const list = this.list(route, q);
        for (const o of list.items) this.remove(info.group, info.resource, o.metadata.name ?? '', o.metadata.namespace);
        this.send(res, 200, list);
        return;
      }
      throw methodNotAllowed(req.method, info.resource);
    }
    const key = this.key(info, route.namespace, route.name);
    const current = this.objects.get(key);
    const sub = route.subresource;
    if (sub === 'binding' && req.method === 'POST') {
      if (!current) throw notFound(gr, route.name);
      const b = this.body(req);
      const target = isPlainObject(b) && isPlainObject(b['target']) ? b['target']['name'] : undefined;
      if (typeof target !== 'string') throw badRequest('binding target name is required');
      const spec = isPlainObject(current['spec']) ? current['spec'] : {};
      if (spec['nodeName']) throw conflict(gr, route.name, `pod ${route.name} is already assigned to node "${String(spec['nodeName'])}"`);
      const next = clone(current);
      next['spec'] = { ...spec, nodeName: target };
      this.store(info, key, next, 'MODIFIED');
      this.send(res, 201, successStatus());
      return;
    }
    if (sub === 'eviction' && req.method === 'POST') {
      if (!current) throw notFound(gr, route.name);
      this.remove(info.group, info.resource, route.name, route.namespace);
      this.send(res, 201, successStatus());
      return;
    }
    if (sub !== undefined && sub !== 'status') throw notFoundPath();
    switch (req.method) {
      case 'GET':
        if (!current) throw notFound(gr, route.name);
        this.send(res, 200, clone(current));
        return;
      case 'PUT': {
        const b = this.body(req);
        if (!isPlainObject(b) || !isPlainObject(b['metadata'])) throw badRequest('body must be an object with metadata');
        const obj = b as unknown as KubeObject;
        if (!current) throw notFound(gr, route.name);
        if (obj.metadata.resourceVersion && obj.metadata.resourceVersion !== current.metadata.resourceVersion) {
          throw conflict(gr, route.name, OPTIMISTIC_LOCK_MESSAGE);
        }
        const next: KubeObject = sub === 'status' ? { ...clone(current), status: obj['status'] } : { ...obj, status: current['status'] };
        next.metadata = sub === 'status' ? clone(current.metadata) : { ...obj.metadata, uid: current.metadata.uid, creationTimestamp: current.metadata.creationTimestamp, namespace: current.metadata.namespace, name: route.name };
        if (!info.hasStatus && sub === undefined) next['status'] = obj['status'];
        this.send(res, 200, this.store(info, key, next, 'MODIFIED'));
        return;
      }
      case 'PATCH': {
        if (!current) throw notFound(gr, route.name);
        const ct = req.headers['content-type'] ?? '';
        const patch = this.body(req);
        const patched = (ct.startsWith('application/json-patch+json') ? jsonPatch(current, patch) : mergePatch(current, patch)) as KubeObject;
        if (!isPlainObject(patched) || !isPlainObject(patched['metadata'])) throw badRequest('patch removed metadata');
        const pRV = patched.metadata.resourceVersion;
        if (pRV && pRV !== current.metadata.resourceVersion) throw conflict(gr, route.name, OPTIMISTIC_LOCK_MESSAGE);
        patched.metadata.uid = current.metadata.uid;
        patched.metadata.name = route.name;
        this.send(res, 200, this.store(info, key, patched, 'MODIFIED'));
        return;
      }
      case 'DELETE': {
        if (!current) throw notFound(gr, route.name);
        const b = this.body(req);
        const pre = isPlainObject(b) && isPlainObject(b['preconditions']) ? b['preconditions'] : undefined;
        if (pre?.['uid'] && pre['uid'] !== current.metadata.uid) throw conflict(gr, route.name, `Precondition failed: UID in precondition: ${String(pre['uid'])}, UID in object meta: ${current.metadata.uid ?? ''}`);
        if (pre?.['resourceVersion'] && pre['resourceVersion'] !== current.metadata.resourceVersion) throw conflict(gr, route.name, OPTIMISTIC_LOCK_MESSAGE);
        this.remove(info.group, info.resource, route.name, route.namespace);
        this.send(res, 200, successStatus({ name: route.name, group: info.group || undefined, kind: info.resource, uid: current.metadata.uid }));
        return;
      }
      default:
        throw methodNotAllowed(req.method, info.resource);
    }
  }

  private list(route: Route, q: URLSearchParams): { apiVersion: string; kind: string; metadata: { resourceVersion: string; continue?: string }; items: KubeObject[] } {
    const { info } = route;
    const all = [...this.objects.entries()]
      .filter(([, o]) => this.matches(route, q, info, o))
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    let start = 0;
    let rv = this.rv;
    const cont = q.get('continue');
    if (cont) {
      const tok = JSON.parse(Buffer.from(cont, 'base64url').toString('utf8')) as { after: string; rv: number };
      start = all.findIndex(([k]) => k > tok.after);
      if (start < 0) start = all.length;
      rv = tok.rv;
    }
    const limit = Number(q.get('limit') ?? '0');
    const page = limit > 0 ? all.slice(start, start + limit) : all.slice(start);
    const meta: { resourceVersion: string; continue?: string } = { resourceVersion: String(rv) };
    const lastKey = page.length ? (page[page.length - 1] as [string, KubeObject])[0] : undefined;
    if (limit > 0 && start + limit < all.length && lastKey) {
      meta.continue = Buffer.from(JSON.stringify({ after: lastKey, rv })).toString('base64url');
    }
    // As the real server, list items carry no apiVersion/kind.
    const items = page.map(([, o]) => { const c = clone(o) as Partial<KubeObject> & { metadata: KubeObject['metadata'] }; delete c.apiVersion; delete c.kind; return c as KubeObject; });
    return { apiVersion: apiVersionOf(info), kind: info.listKind, metadata: meta, items };
  }

  private create(route: Route, b: unknown): KubeObject {
    const { info } = route;
    if (!isPlainObject(b) || !isPlainObject(b['metadata'])) throw badRequest('body must be an object with metadata');
    const obj = clone(b) as unknown as KubeObject;
    if (!obj.metadata.name && obj.metadata.generateName) obj.metadata.name = obj.metadata.generateName + randomUUID().slice(0, 5);
    if (!obj.metadata.name) throw new StatusError(422, 'Invalid', `${info.kind} "" is invalid: metadata.name: Required value: name or generateName is required`);
    if (info.namespaced) obj.metadata.namespace = route.namespace ?? obj.metadata.namespace ?? 'default';
    const key = this.key(info, obj.metadata.namespace, obj.metadata.name);
    if (this.objects.has(key)) throw alreadyExists({ group: info.group, resource: info.resource }, obj.metadata.name);
    obj.apiVersion ||= apiVersionOf(info);
    obj.kind ||= info.kind;
    obj.metadata.uid = randomUUID();
    obj.metadata.creationTimestamp = rfc3339(this.clock.now());
    obj.metadata.generation = 1;
    return this.store(info, key, obj, 'ADDED');
  }

  private watch(req: ApiRequest, res: ResponseSink, route: Route): void {
    const q = req.query;
    const from = q.get('resourceVersion') ?? '';
    const w: Watcher = { route, query: q, sink: res };
    if (from === '' || from === '0') {
      res.writeHead(200, { 'content-type': 'application/json', 'transfer-encoding': 'chunked' });
      const prefix = `${route.info.group}/${route.info.resource}/`;
      for (const [k, o] of [...this.objects.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
        if (k.startsWith(prefix)) this.deliver(w, { rv: this.rv, info: route.info, type: 'ADDED', object: o });
      }
    } else {
      const n = Number(from);
      if (!Number.isFinite(n)) throw badRequest(`invalid resource version: ${from}`);
      if (n < this.compactedTo) {
        const err = expired(`too old resource version: ${n} (${this.compactedTo})`);
        this.send(res, 410, err.toStatus());
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json', 'transfer-encoding': 'chunked' });
      for (const e of this.history) if (e.rv > n) this.deliver(w, e);
    }
    this.watchers.add(w);
    res.onClose(() => this.watchers.delete(w));
  }
}
