// The REST layer for resources: decodes requests, calls the registry, encodes responses (JSON or
// Table) and streams watches. Upstream: k8s.io/apiserver/pkg/endpoints/handlers.

import type { ApiRequest, ResponseSink } from '../client/transport.js';
import type { KubeObject } from '../api/types.js';
import { isPlainObject } from '../api/types.js';
import type { ResourceInfo } from '../api/resources.js';
import { badRequest, fieldErr, invalid, methodNotAllowed, notAcceptable, notFound, notFoundPath, unsupportedMediaType, StatusError, type FieldError, type StatusCause } from '../machinery/errors.js';
import { parseJsonStrict, parseYamlOrJson } from '../machinery/index.js';
import { decodeProtobufObject, unknownFields, schemaRegistry } from '../api/schema/index.js';
import { toTable } from '../api/printers/index.js';
import type { Clock } from '../machinery/clock.js';
import type { RequestInfo } from './request-info.js';
import { BODY_TYPES, PATCH_TYPES, acceptsJson, mediaTypeOf, parseAccept, wantsTable, type PatchType } from './negotiation.js';
import { sendJson, sendError } from './respond.js';
import { typedDecode, documentOrder } from './typed-decode.js';
import type { GenericRegistry, DeleteOptions } from './registry/generic.js';
import type { CacheEntry, CacheEventType } from './watch-cache.js';
import { scaleOf, applyScale } from './registry/scale.js';
import type { Subresources } from './registry/subresources.js';

export const MAX_BODY_BYTES = 3 * 1024 * 1024;
const TABLE_TYPE = 'application/json;as=Table;v=v1;g=meta.k8s.io';

/** 413 for a body over MAX_BODY_BYTES, worded as upstream's limitedReadBody. */
export function bodyTooLarge(): StatusError {
  return new StatusError(413, 'RequestEntityTooLarge', `Request entity too large: limit is ${MAX_BODY_BYTES}`);
}

export interface RestDeps {
  registries: Map<string, GenericRegistry>;
  clock: Clock;
  log: (msg: string) => void;
  subresources: Subresources;
  /** Bookmark interval for watches (ms). */
  bookmarkIntervalMs?: number;
}

type FieldValidation = 'Strict' | 'Warn' | 'Ignore';

function fieldValidationOf(q: URLSearchParams): FieldValidation {
  const v = q.get('fieldValidation') ?? 'Warn';
  if (v !== 'Strict' && v !== 'Warn' && v !== 'Ignore') {
    throw badRequest(`fieldValidation parameter unsupported: ${v}; supported values: Ignore, Warn, Strict`);
  }
  return v;
}

function dryRunOf(q: URLSearchParams): boolean {
  const all = q.getAll('dryRun');
  for (const v of all) if (v !== 'All') throw badRequest(`Invalid dryRun parameter: unsupported dry run value: ${JSON.stringify(v)}; supported values: "All"`);
  return all.length > 0;
}

function intParam(q: URLSearchParams, name: string): number | undefined {
  const v = q.get(name);
  if (v === null || v === '') return undefined;
  if (!/^-?\d+$/.test(v)) throw badRequest(`invalid value for ${name}: ${JSON.stringify(v)}: must be an integer`);
  return Number(v);
}

/** Upstream ValidateListOptions: 422 Invalid on ListOptions for inconsistent list/watch parameters. */
export function validateListOptions(q: URLSearchParams, watch: boolean): void {
  const match = q.get('resourceVersionMatch') ?? '';
  const rv = q.get('resourceVersion') ?? '';
  const cont = q.get('continue') ?? '';
  const sendInitialEvents = q.get('sendInitialEvents');
  const errs: FieldError[] = [];
  if (watch) {
    if (sendInitialEvents !== null && match !== 'NotOlderThan') errs.push(fieldErr.forbidden('resourceVersionMatch', 'sendInitialEvents requires setting resourceVersionMatch to NotOlderThan'));
    if (match) {
      if (sendInitialEvents === null) errs.push(fieldErr.forbidden('resourceVersionMatch', 'resourceVersionMatch is forbidden for watch unless sendInitialEvents is provided'));
      if (match !== 'NotOlderThan') errs.push(fieldErr.notSupported('resourceVersionMatch', match, ['NotOlderThan']));
      if (cont) errs.push(fieldErr.forbidden('resourceVersionMatch', 'resourceVersionMatch is forbidden when continue is provided'));
    }
  } else {
    if (match) {
      if (!rv) errs.push(fieldErr.forbidden('resourceVersionMatch', 'resourceVersionMatch is forbidden unless resourceVersion is provided'));
      if (cont) errs.push(fieldErr.forbidden('resourceVersionMatch', 'resourceVersionMatch is forbidden when continue is provided'));
      if (match !== 'Exact' && match !== 'NotOlderThan') errs.push(fieldErr.notSupported('resourceVersionMatch', match, ['Exact', 'NotOlderThan', '']));
      if (match === 'Exact' && rv === '0') errs.push(fieldErr.forbidden('resourceVersionMatch', 'resourceVersionMatch "exact" is forbidden for resourceVersion "0"'));
    }
    if (sendInitialEvents !== null) errs.push(fieldErr.forbidden('sendInitialEvents', 'sendInitialEvents is forbidden for list'));
  }
  if (errs.length) throw invalid('meta.k8s.io', 'ListOptions', '', errs);
}

interface Decoded { obj: unknown; warnings: string[] }

/** Go's decoder stops at 10000 levels; the patch and apply code recurse, so deeper bodies are refused. */
export const MAX_NESTING_DEPTH = 10000;

/** The nesting depth of a JSON value (iterative: the value may be deeper than the stack). */
export function nestingDepth(v: unknown): number {
  let max = 0;
  const stack: [unknown, number][] = [[v, 1]];
  while (stack.length) {
    const [x, d] = stack.pop()!;
    if (x === null || typeof x !== 'object') continue;
    if (d > max) max = d;
    for (const c of Array.isArray(x) ? x : Object.values(x)) if (c !== null && typeof c === 'object') stack.push([c, d + 1]);
  }
  return max;
}

/** Decodes a request body by Content-Type, with strict or lenient field validation. */
export function decodeBody(req: ApiRequest, expect: { schemaName?: string; allowed: readonly string[]; fieldValidation: FieldValidation; typed?: { kind: string; apiVersion: string } }): Decoded {
  const body = req.body ?? Buffer.alloc(0);
  if (body.length > MAX_BODY_BYTES) throw bodyTooLarge();
  const mt = mediaTypeOf(req.headers['content-type']) || 'application/json';
  if (!expect.allowed.includes(mt)) throw unsupportedMediaType(mt, [...expect.allowed]);
  if (body.length === 0) throw badRequest('the request body is empty: expected an object');
  let obj: unknown;
  let duplicates: string[] = [];
  if (mt === 'application/vnd.kubernetes.protobuf') {
    obj = decodeProtobufObject(body);
  } else if (mt === 'application/yaml' || mt === 'application/apply-patch+yaml') {
    const r = parseYamlOrJson(body.toString('utf8'));
    obj = r.value;
    duplicates = r.duplicates;
  } else {
    const r = parseJsonStrict(body.toString('utf8'));
    obj = r.value;
    duplicates = r.duplicates;
  }
  if (nestingDepth(obj) > MAX_NESTING_DEPTH) throw badRequest(`the request body is nested too deeply: more than ${MAX_NESTING_DEPTH} levels`);
  let problems: string[] = duplicates.map((d) => `duplicate field "${d}"`);
  if (expect.schemaName && isPlainObject(obj) && expect.typed) {
    // Decoding into the kind's type: mistyped values fail (400, as upstream's transformDecodeError),
    // undeclared fields are dropped and reported with the duplicates in document order.
    const { kind, apiVersion } = expect.typed;
    const order = mt === 'application/json' ? documentOrder(obj) : undefined;
    const r = typedDecode(obj, expect.schemaName, kind, { prune: true });
    if (r.typeError) {
      const bodyKind = typeof obj.kind === 'string' && obj.kind ? obj.kind : kind;
      const version = (typeof obj.apiVersion === 'string' && obj.apiVersion ? obj.apiVersion : apiVersion).split('/').pop();
      throw badRequest(`${bodyKind} in version ${JSON.stringify(version)} cannot be handled as a ${kind}: ${r.typeError}`);
    }
    if (expect.fieldValidation !== 'Ignore') {
      const unknown = new Set(r.unknown);
      const listed = [...duplicates.filter((d) => !unknown.has(d)).map((d) => ({ path: d, text: `duplicate field "${d}"` })), ...r.unknown.map((u) => ({ path: u, text: `unknown field "${u}"` }))];
      if (order) listed.sort((a, b) => (order.get(a.path) ?? Infinity) - (order.get(b.path) ?? Infinity));
      problems = order ? listed.map((p) => p.text) : [...problems, ...r.unknown.map((u) => `unknown field "${u}"`)];
    }
  } else if (expect.schemaName && isPlainObject(obj) && expect.fieldValidation !== 'Ignore') {
    for (const u of unknownFields(obj, expect.schemaName)) problems.push(`unknown field "${u}"`);
  }
  if (problems.length && expect.fieldValidation === 'Strict') {
    throw new StatusError(400, 'BadRequest', `strict decoding error: ${problems.join(', ')}`, { causes: problems.map((p): StatusCause => ({ reason: 'FieldValueInvalid', message: p })) });
  }
  return { obj, warnings: expect.fieldValidation === 'Warn' ? problems : [] };
}

function warningHeaders(warnings: string[]): Record<string, string> {
  if (!warnings.length) return {};
  return { warning: warnings.map((w) => `299 - ${JSON.stringify(w)}`).join(', ') };
}

export class RestHandler {
  constructor(private deps: RestDeps) {}

  private registry(info: RequestInfo): GenericRegistry {
    const r = this.deps.registries.get(`${info.group}/${info.version}/${info.resource}`);
    if (!r) throw notFoundPath();
    return r;
  }

  async handle(req: ApiRequest, res: ResponseSink, info: RequestInfo): Promise<void> {
    const reg = this.registry(info);
    if (!acceptsJson(parseAccept(req.headers.accept))) throw notAcceptable(['application/json', 'application/yaml', 'application/vnd.kubernetes.protobuf']);
    const r = reg.info;
    if (info.namespace && !r.namespaced && info.resource !== 'namespaces') throw notFoundPath();
    if (r.namespaced && info.resource !== 'namespaces' && !info.namespace && info.verb !== 'list' && info.verb !== 'watch' && info.verb !== 'deletecollection' && !(info.verb === 'create' && r.kind === 'Binding')) {
      throw notFoundPath();
    }
    if (info.subresource) {
      await this.deps.subresources.handle(req, res, info, reg, this);
      return;
    }
    // No route upstream: POST to a named object, PUT/PATCH to a collection, or a verb the resource lacks.
    const routed = info.verb === 'create' ? !info.name : info.verb === 'update' || info.verb === 'patch' ? !!info.name : true;
    if (!routed || !r.verbs.includes(info.verb)) {
      throw new StatusError(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource', {});
    }
    const q = req.query;
    switch (info.verb) {
      case 'get': return this.get(req, res, reg, info);
      case 'list': return this.list(req, res, reg, info);
      case 'watch': return this.watch(req, res, reg, info);
      case 'create': return this.create(req, res, reg, info);
      case 'update': return this.update(req, res, reg, info, '');
      case 'patch': return this.patch(req, res, reg, info, '');
      case 'delete': return this.delete(req, res, reg, info);
      case 'deletecollection': {
        const opts = this.deleteOptions(req);
        const items = await reg.deleteCollection(info.namespace, { labelSelector: q.get('labelSelector') ?? undefined, fieldSelector: q.get('fieldSelector') ?? undefined }, opts);
        sendJson(res, 200, { kind: r.listKind, apiVersion: reg.apiVersion, metadata: {}, items });
        return;
      }
      default: throw methodNotAllowed(req.method, info.path);
    }
  }

  /** Sends one object, as JSON or as a Table. */
  sendObject(req: ApiRequest, res: ResponseSink, status: number, obj: KubeObject, json?: string, headers: Record<string, string> = {}): void {
    const table = wantsTable(parseAccept(req.headers.accept));
    if (table && obj.kind !== 'Status') {
      const t = toTable(obj.apiVersion, obj.kind, [obj], { now: this.deps.clock.now(), includeObject: this.includeObject(req) }, { resourceVersion: obj.metadata.resourceVersion });
      sendJson(res, status, t, TABLE_TYPE, headers);
      return;
    }
    sendJson(res, status, json ?? JSON.stringify(obj), 'application/json', headers);
  }

  private includeObject(req: ApiRequest): 'None' | 'Metadata' | 'Object' {
    const v = req.query.get('includeObject') ?? 'Metadata';
    if (v !== 'None' && v !== 'Metadata' && v !== 'Object') throw badRequest(`includeObject: unsupported value ${JSON.stringify(v)}`);
    return v;
  }

  private async get(req: ApiRequest, res: ResponseSink, reg: GenericRegistry, info: RequestInfo): Promise<void> {
    const e = await reg.get(info.namespace, info.name, req.query.get('resourceVersion') ?? undefined);
    this.sendObject(req, res, 200, e.obj, e.json);
  }

  private async list(req: ApiRequest, res: ResponseSink, reg: GenericRegistry, info: RequestInfo): Promise<void> {
    const q = req.query;
    validateListOptions(q, false);
    const limit = intParam(q, 'limit');
    const result = await reg.list(info.namespace, {
      labelSelector: q.get('labelSelector') ?? undefined,
      fieldSelector: q.get('fieldSelector') ?? undefined,
      limit,
      continue: q.get('continue') || undefined,
      resourceVersion: q.get('resourceVersion') ?? undefined,
      resourceVersionMatch: q.get('resourceVersionMatch') ?? undefined,
    });
    const meta: Record<string, unknown> = { resourceVersion: result.resourceVersion };
    if (result.continue) meta.continue = result.continue;
    if (result.remainingItemCount !== undefined) meta.remainingItemCount = result.remainingItemCount;
    const table = wantsTable(parseAccept(req.headers.accept));
    if (table) {
      const t = toTable(reg.apiVersion, reg.info.kind, result.entries.map((e) => e.obj), { now: this.deps.clock.now(), includeObject: this.includeObject(req) }, meta);
      sendJson(res, 200, t, TABLE_TYPE);
      return;
    }
    const head = `{"kind":${JSON.stringify(reg.info.listKind)},"apiVersion":${JSON.stringify(reg.apiVersion)},"metadata":${JSON.stringify(meta)},"items":[`;
    res.writeHead(200, { 'content-type': 'application/json' });
    const parts: string[] = [head];
    let first = true;
    for (const e of result.entries) { parts.push(first ? e.json : `,${e.json}`); first = false; }
    parts.push(']}');
    res.end(parts.join(''));
  }

  private async watch(req: ApiRequest, res: ResponseSink, reg: GenericRegistry, info: RequestInfo): Promise<void> {
    const q = req.query;
    validateListOptions(q, true);
    const sendInitialEvents = q.get('sendInitialEvents');
    const bookmarks = q.get('allowWatchBookmarks') === 'true' || q.get('allowWatchBookmarks') === '1';
    const rvParam = q.get('resourceVersion') ?? undefined;
    let initialEventsEnd = false;
    if (sendInitialEvents !== null) {
      if (sendInitialEvents === 'true' && !bookmarks) {
        throw new StatusError(422, 'Invalid', 'ListOptions.meta.k8s.io "" is invalid: allowWatchBookmarks: Forbidden: sendInitialEvents requires setting allowWatchBookmarks to true', { causes: [{ reason: 'FieldValueForbidden', message: 'Forbidden: sendInitialEvents requires setting allowWatchBookmarks to true', field: 'allowWatchBookmarks' }] });
      }
      initialEventsEnd = sendInitialEvents === 'true';
      // NotOlderThan: the initial state must be at least as new as the requested revision.
      await reg.list(info.namespace, { limit: 1, resourceVersion: rvParam, resourceVersionMatch: rvParam && rvParam !== '0' ? 'NotOlderThan' : undefined });
    } else if (rvParam !== undefined && rvParam !== '' && rvParam !== '0') {
      // validated by the registry
    }
    const timeoutSeconds = intParam(q, 'timeoutSeconds') ?? 1800 + Math.floor(Math.random() * 1800);
    const table = wantsTable(parseAccept(req.headers.accept));
    const includeObject = table ? this.includeObject(req) : 'Object';
    const apiVersion = reg.apiVersion;
    const kind = reg.info.kind;
    let headersSent = false;
    let closed = false;
    const lines: string[] = [];
    const typedLines = new WeakMap<CacheEntry, Partial<Record<CacheEventType, string>>>();

    const encode = (type: CacheEventType, entry: CacheEntry): string => {
      if (table) {
        const t = toTable(apiVersion, kind, [entry.obj], { now: this.deps.clock.now(), includeObject, noHeaders: headersSent }, { resourceVersion: entry.obj.metadata.resourceVersion });
        headersSent = true;
        return `{"type":"${type}","object":${JSON.stringify(t)}}\n`;
      }
      // Serialize once: one line per (event type, object revision), shared by every watcher.
      let m = typedLines.get(entry);
      if (!m) { m = {}; typedLines.set(entry, m); }
      return (m[type] ??= `{"type":"${type}","object":${entry.json}}\n`);
    };

    const write = (line: string): boolean => {
      if (closed || !res.open) return false;
      res.write(line);
      return true;
    };

    let cancel: () => void = () => undefined;
    const finish = () => {
      if (closed) return;
      closed = true;
      cancel();
      clearTimeout(timer);
      clearInterval(bm);
      if (res.open) res.end();
    };

    let w: ReturnType<GenericRegistry['watch']>;
    try {
      w = reg.watch(info.namespace, {
        labelSelector: q.get('labelSelector') ?? undefined,
        fieldSelector: q.get('fieldSelector') ?? undefined,
        resourceVersion: rvParam,
        sendInitialEvents: sendInitialEvents === null ? undefined : sendInitialEvents === 'true',
      }, {
        send: (type, entry) => write(encode(type, entry)),
        close: () => finish(),
      });
    } catch (err) {
      // As upstream's cacher: a too old resourceVersion is an ERROR event in a 200 stream.
      if (!(err instanceof StatusError && err.code === 410)) throw err;
      res.writeHead(200, { 'content-type': table ? TABLE_TYPE : 'application/json', 'cache-control': 'no-cache, private' });
      res.end(`{"type":"ERROR","object":${JSON.stringify(err.toStatus())}}\n`);
      return;
    }
    cancel = w.cancel;
    res.writeHead(200, { 'content-type': table ? TABLE_TYPE : 'application/json', 'transfer-encoding': 'chunked', 'cache-control': 'no-cache, private' });
    for (const ev of w.initial) lines.push(encode(ev.type, ev.entry));
    if (initialEventsEnd) {
      lines.push(`{"type":"BOOKMARK","object":{"kind":${JSON.stringify(kind)},"apiVersion":${JSON.stringify(apiVersion)},"metadata":{"resourceVersion":"${w.rv}","annotations":{"k8s.io/initial-events-end":"true"}}}}\n`);
    }
    if (lines.length) write(lines.join(''));
    res.onClose(finish);
    const timer = setTimeout(finish, timeoutSeconds * 1000);
    const bm = setInterval(() => {
      if (!bookmarks) return;
      write(`{"type":"BOOKMARK","object":{"kind":${JSON.stringify(kind)},"apiVersion":${JSON.stringify(apiVersion)},"metadata":{"resourceVersion":"${this.currentRv(reg)}"}}}\n`);
    }, this.deps.bookmarkIntervalMs ?? 60_000);
    timer.unref?.();
    bm.unref?.();
  }

  private currentRv(reg: GenericRegistry): number {
    return reg.cacherRv();
  }

  private async create(req: ApiRequest, res: ResponseSink, reg: GenericRegistry, info: RequestInfo): Promise<void> {
    const q = req.query;
    const fv = fieldValidationOf(q);
    const { obj, warnings } = decodeBody(req, { schemaName: this.schemaName(reg), allowed: BODY_TYPES, fieldValidation: fv, typed: { kind: reg.info.kind, apiVersion: reg.apiVersion } });
    if (!isPlainObject(obj)) throw badRequest('the request body must be a JSON object');
    const created = await reg.create(info.namespace, obj as KubeObject, { dryRun: dryRunOf(q), fieldManager: this.fieldManager(req), user: req.user });
    this.sendObject(req, res, 201, created, undefined, warningHeaders(warnings));
  }

  fieldManager(req: ApiRequest): string {
    const fm = req.query.get('fieldManager');
    if (fm !== null) {
      if (fm.length > 128) throw badRequest(`fieldManager: Too long: may not be more than 128 bytes`);
      return fm;
    }
    // Upstream derives a manager from the user agent ("kubectl", "helm", ...).
    const ua = req.headers['user-agent'] ?? 'unknown';
    return ua.split('/')[0]!.slice(0, 128) || 'unknown';
  }

  schemaName(reg: GenericRegistry): string | undefined {
    return schemaRegistry.nameForKind(reg.apiVersion, reg.info.kind);
  }

  async update(req: ApiRequest, res: ResponseSink, reg: GenericRegistry, info: RequestInfo, subresource: string): Promise<void> {
    const q = req.query;
    const fv = fieldValidationOf(q);
    const { obj, warnings } = decodeBody(req, { schemaName: this.schemaName(reg), allowed: BODY_TYPES, fieldValidation: fv, typed: { kind: reg.info.kind, apiVersion: reg.apiVersion } });
    if (!isPlainObject(obj)) throw badRequest('the request body must be a JSON object');
    const r = await reg.update(info.namespace, info.name, obj as KubeObject, { dryRun: dryRunOf(q), fieldManager: this.fieldManager(req), subresource, user: req.user });
    this.sendObject(req, res, r.created ? 201 : 200, r.obj, undefined, warningHeaders(warnings));
  }

  async patch(req: ApiRequest, res: ResponseSink, reg: GenericRegistry, info: RequestInfo, subresource: string): Promise<void> {
    const q = req.query;
    const fv = fieldValidationOf(q);
    const mt = mediaTypeOf(req.headers['content-type']);
    if (!(PATCH_TYPES as readonly string[]).includes(mt)) throw unsupportedMediaType(mt, [...PATCH_TYPES]);
    const patchType = mt as PatchType;
    const isApply = patchType === 'application/apply-patch+yaml';
    // JSON patches are not objects; strict checks apply to the others (as upstream, on the result for json-patch).
    // Unknown fields are checked on the apply configuration itself, and for the other patch types on
    // the patched object (as upstream), by the registry.
    const { obj: patch, warnings } = decodeBody(req, { schemaName: isApply ? this.schemaName(reg) : undefined, allowed: PATCH_TYPES, fieldValidation: fv });
    if (patchType === 'application/json-patch+json' && !Array.isArray(patch)) throw badRequest('json: cannot unmarshal object into Go value of type jsonpatch.Patch');
    if (patchType !== 'application/json-patch+json' && !isPlainObject(patch)) throw badRequest('the patch must be a JSON object');
    const force = q.get('force');
    if (force !== null && !isApply) throw badRequest('force is only allowed for apply patches');
    const r = await reg.patch(info.namespace, info.name, patchType, patch, { dryRun: dryRunOf(q), fieldManager: q.get('fieldManager') ?? (isApply ? undefined : this.fieldManager(req)), subresource, force: force === 'true', user: req.user, fieldValidation: isApply ? 'Ignore' : fv });
    this.sendObject(req, res, r.created ? 201 : 200, r.obj, undefined, warningHeaders([...warnings, ...r.warnings]));
  }

  deleteOptions(req: ApiRequest): DeleteOptions {
    const q = req.query;
    let body: Record<string, unknown> = {};
    if (req.body && req.body.length > 0) {
      const { obj } = decodeBody(req, { allowed: BODY_TYPES, fieldValidation: 'Ignore' });
      if (!isPlainObject(obj)) throw badRequest('DeleteOptions must be an object');
      body = obj;
      if (body.kind !== undefined && body.kind !== 'DeleteOptions') throw badRequest(`expected DeleteOptions, got ${String(body.kind)}`);
    }
    const opts: DeleteOptions = { user: req.user };
    const grace = intParam(q, 'gracePeriodSeconds') ?? (typeof body.gracePeriodSeconds === 'number' ? body.gracePeriodSeconds : undefined);
    if (grace !== undefined) opts.gracePeriodSeconds = grace;
    const policy = q.get('propagationPolicy') ?? (typeof body.propagationPolicy === 'string' ? body.propagationPolicy : undefined);
    if (policy !== undefined && policy !== null) {
      if (policy !== 'Orphan' && policy !== 'Background' && policy !== 'Foreground') {
        throw new StatusError(422, 'Invalid', `DeleteOptions.meta.k8s.io "" is invalid: propagationPolicy: Unsupported value: "${policy}": supported values: "Foreground", "Background", "Orphan", "nil"`, { causes: [{ reason: 'FieldValueNotSupported', message: `Unsupported value: "${policy}": supported values: "Foreground", "Background", "Orphan", "nil"`, field: 'propagationPolicy' }] });
      }
      opts.propagationPolicy = policy;
    }
    const orphan = q.get('orphanDependents') ?? (typeof body.orphanDependents === 'boolean' ? String(body.orphanDependents) : null);
    if (orphan !== null) opts.orphanDependents = orphan === 'true';
    if (isPlainObject(body.preconditions)) opts.preconditions = body.preconditions as DeleteOptions['preconditions'];
    const dry = q.getAll('dryRun').length ? dryRunOf(q) : Array.isArray(body.dryRun) && body.dryRun.includes('All');
    opts.dryRun = dry;
    return opts;
  }

  private async delete(req: ApiRequest, res: ResponseSink, reg: GenericRegistry, info: RequestInfo): Promise<void> {
    const opts = this.deleteOptions(req);
    const r = await reg.delete(info.namespace, info.name, opts);
    const status = !r.deleted && opts.orphanDependents === false ? 202 : 200;
    if (r.body.kind === 'Status') sendJson(res, status, r.body);
    else this.sendObject(req, res, status, r.body as KubeObject);
  }

  /** Scale subresource helpers for the subresource router. */
  scale = { scaleOf, applyScale };
}

export { sendError, notFound, TABLE_TYPE };
export type { ResourceInfo };
