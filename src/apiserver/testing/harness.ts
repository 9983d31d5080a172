// A test harness for the API server's integration tests: an ApiServer on an in-memory SQLite store,
// raw requests straight into its handler chain (exact codes, headers and bodies), watch streams, and
// storage snapshots to assert that a rejected request changed nothing.

import assert from 'node:assert/strict';
import type { ApiRequest, ResponseSink } from '../../client/transport.js';
import type { Status } from '../../machinery/errors.js';
import type { KubeObject } from '../../api/types.js';
import { openSqliteStore, type SqliteStore } from '../../storage/index.js';
import { FakeClock, type Clock } from '../../machinery/clock.js';
import { ApiServer, type ApiServerOptions } from '../apiserver.js';

export interface TestUser { name: string; groups: string[] }

/** The identity requests carry unless told otherwise. */
export const ADMIN: TestUser = { name: 'admin', groups: ['system:masters', 'system:authenticated'] };

export interface RequestOptions {
  /** An object or array is sent as JSON; a string or Buffer is sent as is. */
  body?: unknown;
  /** Default application/json when there is a body (a patch's type for PATCH, see `patch`). */
  contentType?: string;
  query?: Record<string, string | string[] | number | boolean | undefined>;
  headers?: Record<string, string>;
  /** null sends no user (an unauthenticated request). */
  user?: TestUser | null;
}

export interface Response {
  status: number;
  headers: Record<string, string>;
  text: string;
  /** The body parsed as JSON (undefined when it is not JSON). */
  json: unknown;
  /** The body as an object (throws when it is not one). */
  obj: KubeObject;
  /** The body as a Status (throws when it is not one). */
  statusBody: Status;
}

export interface WatchEvent { type: string; object: KubeObject }

export interface WatchStream {
  status: number;
  headers: Record<string, string>;
  /** Waits for the next n events (default 1); fails after timeoutMs (default 2000). */
  next(n?: number, timeoutMs?: number): Promise<WatchEvent[]>;
  /** Events received and not yet taken by next(). */
  readonly pending: WatchEvent[];
  /** The body when the request failed before streaming (an error Status). */
  readonly text: string;
  /** True once the server ended the stream. */
  readonly ended: boolean;
  close(): void;
}

class CollectSink implements ResponseSink {
  status = 0;
  headers: Record<string, string> = {};
  chunks: Buffer[] = [];
  isOpen = true;
  done: Promise<void>;
  private resolve!: () => void;
  private closers: (() => void)[] = [];
  private listeners: (() => void)[] = [];

  constructor() {
    this.done = new Promise((r) => { this.resolve = r; });
  }

  get open(): boolean { return this.isOpen; }

  writeHead(status: number, headers: Record<string, string>): void {
    if (this.status) throw new Error(`writeHead called twice (${this.status}, then ${status})`);
    this.status = status;
    this.headers = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  }

  write(chunk: string | Buffer): void {
    if (!this.status) throw new Error('write before writeHead');
    if (!this.isOpen) return;
    this.chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
    for (const l of this.listeners) l();
  }

  end(chunk?: string | Buffer): void {
    if (!this.status) throw new Error('end before writeHead');
    if (chunk !== undefined) this.write(chunk);
    this.isOpen = false;
    this.closers = [];
    for (const l of this.listeners) l();
    this.resolve();
  }

  onClose(fn: () => void): void { this.closers.push(fn); }

  onData(fn: () => void): void { this.listeners.push(fn); }

  /** The client goes away. */
  hangUp(): void {
    if (!this.isOpen) return;
    this.isOpen = false;
    const fns = this.closers;
    this.closers = [];
    for (const fn of fns) fn();
    this.resolve();
  }

  get text(): string { return Buffer.concat(this.chunks).toString('utf8'); }
}

function toQuery(q: RequestOptions['query']): URLSearchParams {
  const out = new URLSearchParams();
  for (const [k, v] of Object.entries(q ?? {})) {
    if (v === undefined) continue;
    if (Array.isArray(v)) for (const x of v) out.append(k, x);
    else out.append(k, String(v));
  }
  return out;
}

function toBody(body: unknown): Buffer | undefined {
  if (body === undefined) return undefined;
  if (Buffer.isBuffer(body)) return body;
  if (typeof body === 'string') return Buffer.from(body);
  return Buffer.from(JSON.stringify(body));
}

function tryJson(text: string): unknown {
  try { return JSON.parse(text); } catch { return undefined; }
}

function makeResponse(status: number, headers: Record<string, string>, text: string): Response {
  const json = tryJson(text);
  return {
    status, headers, text, json,
    get obj(): KubeObject {
      if (!json || typeof json !== 'object' || Array.isArray(json)) throw new Error(`not an object (${status}): ${text.slice(0, 500)}`);
      return json as KubeObject;
    },
    get statusBody(): Status {
      const s = json as Status | undefined;
      if (!s || s.kind !== 'Status') throw new Error(`not a Status (${status}): ${text.slice(0, 500)}`);
      return s;
    },
  };
}

/** One stored key: its value and revision. */
export type Snapshot = Map<string, { value: string; modRevision: number }>;

export interface HarnessOptions extends Partial<Omit<ApiServerOptions, 'store'>> {
  /** Default: a manual clock (time moves only when the test says). */
  clock?: Clock;
}

export class Harness {
  readonly api: ApiServer;
  readonly store: SqliteStore;
  private watches = new Set<CollectSink>();

  private constructor(opts: HarnessOptions) {
    this.store = openSqliteStore(':memory:');
    const errors: string[] = [];
    this.api = new ApiServer({ log: (m) => { errors.push(m); }, ...opts, store: this.store });
    this.log = errors;
  }

  /** What the server logged (internal errors are logged here). */
  readonly log: string[];

  static async start(opts: HarnessOptions = {}): Promise<Harness> {
    const h = new Harness({ clock: opts.clock ?? new FakeClock(Date.parse('2025-01-01T00:00:00Z')), ...opts });
    await h.api.start();
    return h;
  }

  async stop(): Promise<void> {
    for (const w of this.watches) w.hangUp();
    this.watches.clear();
    await this.api.stop();
    await this.store.close();
  }

  /** Sends one request through the handler chain and buffers the response. */
  async request(method: string, path: string, opts: RequestOptions = {}): Promise<Response> {
    const sink = new CollectSink();
    await this.api.handler(this.toRequest(method, path, opts), sink);
    if (sink.open) {
      // A handler that returned without ending its response would hang a real client.
      sink.hangUp();
      throw new Error(`${method} ${path}: the handler returned without ending the response`);
    }
    return makeResponse(sink.status, sink.headers, sink.text);
  }

  get(path: string, opts: RequestOptions = {}): Promise<Response> { return this.request('GET', path, opts); }
  post(path: string, body: unknown, opts: RequestOptions = {}): Promise<Response> { return this.request('POST', path, { ...opts, body }); }
  put(path: string, body: unknown, opts: RequestOptions = {}): Promise<Response> { return this.request('PUT', path, { ...opts, body }); }
  delete(path: string, opts: RequestOptions = {}): Promise<Response> { return this.request('DELETE', path, opts); }

  /** PATCH with one of the four patch types ('json', 'merge', 'strategic', 'apply') or a full media type. */
  patch(path: string, type: 'json' | 'merge' | 'strategic' | 'apply' | string, body: unknown, opts: RequestOptions = {}): Promise<Response> {
    const ct = type === 'json' ? 'application/json-patch+json' : type === 'merge' ? 'application/merge-patch+json'
      : type === 'strategic' ? 'application/strategic-merge-patch+json' : type === 'apply' ? 'application/apply-patch+yaml' : type;
    return this.request('PATCH', path, { ...opts, body, contentType: ct });
  }

  /** Creates an object and asserts a 201; returns it. */
  async create(path: string, body: unknown, opts: RequestOptions = {}): Promise<KubeObject> {
    const r = await this.post(path, body, opts);
    assert.equal(r.status, 201, `POST ${path}: ${r.text}`);
    return r.obj;
  }

  /** Starts a watch (adds watch=true). Resolves when the response head was written. */
  async watch(path: string, opts: RequestOptions = {}): Promise<WatchStream> {
    const sink = new CollectSink();
    const req = this.toRequest('GET', path, { ...opts, query: { watch: 'true', ...opts.query } });
    this.watches.add(sink);
    const handled = this.api.handler(req, sink);
    await handled;
    const events: WatchEvent[] = [];
    let consumed = 0;
    const parse = (): void => {
      if (sink.status !== 200) return;
      const lines = sink.text.split('\n');
      for (let i = consumed; i < lines.length - 1; i++) events.push(JSON.parse(lines[i]!) as WatchEvent);
      consumed = Math.max(consumed, lines.length - 1);
    };
    let wake: (() => void) | undefined;
    sink.onData(() => { parse(); wake?.(); });
    parse();
    const watches = this.watches;
    return {
      status: sink.status,
      headers: sink.headers,
      pending: events,
      get text() { return sink.text; },
      get ended() { return !sink.open; },
      async next(n = 1, timeoutMs = 2000): Promise<WatchEvent[]> {
        const deadline = Date.now() + timeoutMs;
        while (events.length < n) {
          if (!sink.open) throw new Error(`watch ended after ${events.length} of ${n} events: ${sink.text.slice(-300)}`);
          const left = deadline - Date.now();
          if (left <= 0) throw new Error(`timed out waiting for ${n} watch events (got ${events.length}): ${JSON.stringify(events).slice(0, 500)}`);
          await new Promise<void>((resolve) => {
            const t = setTimeout(resolve, left);
            wake = () => { clearTimeout(t); resolve(); };
          });
          wake = undefined;
        }
        return events.splice(0, n);
      },
      close(): void { sink.hangUp(); watches.delete(sink); },
    };
  }

  /** Every stored key with its value and revision. */
  async snapshot(prefix = '/registry/'): Promise<Snapshot> {
    const list = await this.store.list(prefix);
    return new Map(list.kvs.map((kv) => [kv.key, { value: Buffer.from(kv.value).toString('utf8'), modRevision: kv.modRevision }]));
  }

  /** Runs fn and asserts storage is exactly as before (no key added, changed or removed, no revision spent). */
  async assertUnchanged<T>(fn: () => Promise<T>, what = 'request'): Promise<T> {
    const before = await this.snapshot();
    const revBefore = await this.store.currentRevision();
    const out = await fn();
    const after = await this.snapshot();
    const revAfter = await this.store.currentRevision();
    const diff: string[] = [];
    for (const [k, v] of after) {
      const b = before.get(k);
      if (!b) diff.push(`added ${k}`);
      else if (b.modRevision !== v.modRevision || b.value !== v.value) diff.push(`changed ${k}`);
    }
    for (const k of before.keys()) if (!after.has(k)) diff.push(`removed ${k}`);
    assert.deepEqual(diff, [], `${what} changed storage`);
    assert.equal(revAfter, revBefore, `${what} spent a storage revision`);
    return out;
  }

  /** Waits until the watch cache has seen every write (reads are served from it). */
  async settle(): Promise<void> {
    const rev = await this.store.currentRevision();
    const ok = await this.api.cacher.waitFor(rev);
    assert.ok(ok, 'watch cache did not catch up');
  }

  private toRequest(method: string, path: string, opts: RequestOptions): ApiRequest {
    const [p, qs] = path.split('?', 2) as [string, string | undefined];
    const query = toQuery(opts.query);
    if (qs) for (const [k, v] of new URLSearchParams(qs)) query.append(k, v);
    const body = toBody(opts.body);
    const headers: Record<string, string | undefined> = {};
    if (body !== undefined) headers['content-type'] = opts.contentType ?? 'application/json';
    for (const [k, v] of Object.entries(opts.headers ?? {})) headers[k.toLowerCase()] = v;
    const req: ApiRequest = { method, path: p, query, headers, body };
    const user = opts.user === undefined ? ADMIN : opts.user;
    if (user) req.user = user;
    return req;
  }
}

/** Asserts a Status error: code, reason and (when given) the exact message. */
export function assertStatus(r: Response, code: number, reason: string, message?: string | RegExp): Status {
  assert.equal(r.status, code, `expected ${code} ${reason}, got ${r.status}: ${r.text.slice(0, 600)}`);
  const s = r.statusBody;
  assert.equal(s.code, code, 'Status.code');
  assert.equal(s.reason, reason, `Status.reason (message: ${s.message})`);
  assert.equal(s.status, 'Failure');
  assert.equal(s.apiVersion, 'v1');
  if (typeof message === 'string') assert.equal(s.message, message);
  else if (message) assert.match(s.message ?? '', message);
  return s;
}

// ---- small object builders ----

export function ns(name: string, labels?: Record<string, string>): KubeObject {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name, ...(labels ? { labels } : {}) } };
}

export function configMap(name: string, data: Record<string, string> = { a: '1' }, labels?: Record<string, string>): KubeObject {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, ...(labels ? { labels } : {}) }, data };
}

export function pod(name: string, opts: { labels?: Record<string, string>; nodeName?: string; image?: string } = {}): KubeObject {
  return {
    apiVersion: 'v1', kind: 'Pod',
    metadata: { name, ...(opts.labels ? { labels: opts.labels } : {}) },
    spec: { containers: [{ name: 'c', image: opts.image ?? 'nginx:1.27' }], ...(opts.nodeName ? { nodeName: opts.nodeName } : {}) },
  };
}

export function deployment(name: string, replicas = 1, image = 'nginx:1.27'): KubeObject {
  return {
    apiVersion: 'apps/v1', kind: 'Deployment',
    metadata: { name },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'web', image }] } },
    },
  };
}

export function service(name: string, spec: Record<string, unknown> = {}): KubeObject {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name }, spec: { ports: [{ port: 80, protocol: 'TCP' }], selector: { app: name }, ...spec } };
}

export function event(name: string, involved: Record<string, string>, reason = 'Started'): KubeObject {
  return {
    apiVersion: 'v1', kind: 'Event', metadata: { name },
    involvedObject: involved, reason, message: 'm', type: 'Normal', source: { component: 'test' },
    firstTimestamp: '2025-01-01T00:00:00Z', lastTimestamp: '2025-01-01T00:00:00Z', count: 1,
  };
}

/** A deterministic PRNG (mulberry32) for the fuzz tests. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
