// OpenAPI v3 documents, one per group-version, as served at /openapi/v3/<gv path> ("api/v1",
// "apis/apps/v1", ...). Paths and operations come from the resource table; components.schemas holds
// the schemas the operations reference, transitively, without kite's own x-kite-* extensions.
//
// kubectl relies on: a PATCH operation per kind carrying x-kubernetes-group-version-kind and a
// `fieldValidation` query parameter (server-side validation), the strategic-merge-patch content
// type on that operation plus patch markers in the schemas (client-side apply), and descriptions
// and types (explain).

import { createHash } from 'node:crypto';
import { RESOURCES, groupVersion, groupVersions, type ResourceInfo, type SubresourceInfo } from '../resources.js';
import { META } from './dsl.js';
import { refName, schemaRegistry } from './registry.js';
import type { Json } from '../types.js';
import type { OpenAPISchema } from './types.js';

type JsonObject = { [k: string]: Json };

interface Gvk { group: string; version: string; kind: string }

const PATCH_TYPES = ['application/json-patch+json', 'application/merge-patch+json', 'application/strategic-merge-patch+json', 'application/apply-patch+yaml'];
const RESPONSE_TYPES = ['application/json', 'application/yaml', 'application/vnd.kubernetes.protobuf'];

// ---- parameters -------------------------------------------------------------------------------------

function param(name: string, where: 'query' | 'path', type: string, description: string): JsonObject {
  const p: JsonObject = { name, in: where, description, schema: { type, uniqueItems: true } };
  if (where === 'path') p.required = true;
  return p;
}

const P = {
  name: (kind: string) => param('name', 'path', 'string', `name of the ${kind}`),
  namespace: () => param('namespace', 'path', 'string', 'object name and auth scope, such as for teams and projects'),
  pretty: () => param('pretty', 'query', 'string', "If 'true', the output is pretty printed."),
  dryRun: () => param('dryRun', 'query', 'string', 'When present, changes are validated and admitted but not persisted. The only valid value is "All".'),
  fieldManager: (patch: boolean) => param('fieldManager', 'query', 'string', patch
    ? 'Name of the actor making the change, at most 128 printable characters. Required for apply patches (application/apply-patch+yaml), optional otherwise.'
    : 'Name of the actor making the change, at most 128 printable characters.'),
  fieldValidation: () => param('fieldValidation', 'query', 'string', 'How to treat unknown or duplicate fields in the body: "Ignore" drops them silently, "Warn" (the default) drops them with a warning header, "Strict" fails the request with 400 BadRequest listing them.'),
  force: () => param('force', 'query', 'boolean', 'Take over fields owned by other managers on apply. Must be unset for non-apply patches.'),
  gracePeriodSeconds: () => param('gracePeriodSeconds', 'query', 'integer', 'Seconds before the object is deleted; 0 deletes immediately, unset uses the per-kind default.'),
  ignoreStoreReadError: () => param('ignoreStoreReadErrorWithClusterBreakingPotential', 'query', 'boolean', 'Delete an object that cannot be read from storage, skipping finalizers and preconditions. Dangerous; defaults to false.'),
  orphanDependents: () => param('orphanDependents', 'query', 'boolean', 'Deprecated: use propagationPolicy. true orphans dependents, false deletes them.'),
  propagationPolicy: () => param('propagationPolicy', 'query', 'string', 'Garbage collection of dependents: "Orphan", "Background" or "Foreground".'),
  allowWatchBookmarks: () => param('allowWatchBookmarks', 'query', 'boolean', 'Ask for BOOKMARK events in a watch; servers may ignore it.'),
  continue: () => param('continue', 'query', 'string', 'Token from a previous chunk of a limited list, to fetch the next chunk.'),
  fieldSelector: () => param('fieldSelector', 'query', 'string', 'Restrict the returned objects by their fields. Defaults to everything.'),
  labelSelector: () => param('labelSelector', 'query', 'string', 'Restrict the returned objects by their labels. Defaults to everything.'),
  limit: () => param('limit', 'query', 'integer', 'Maximum number of items to return; when more exist the list carries a continue token.'),
  resourceVersion: () => param('resourceVersion', 'query', 'string', 'Constrains which resource versions the request may be served from. Defaults to unset (most recent).'),
  resourceVersionMatch: () => param('resourceVersionMatch', 'query', 'string', 'How resourceVersion applies to a list: "NotOlderThan" or "Exact".'),
  sendInitialEvents: () => param('sendInitialEvents', 'query', 'boolean', 'With watch=true, start with synthetic ADDED events for the current state, ended by a bookmark annotated "k8s.io/initial-events-end".'),
  timeoutSeconds: () => param('timeoutSeconds', 'query', 'integer', 'Time limit of the list or watch call, in seconds.'),
  watch: () => param('watch', 'query', 'boolean', 'Watch for changes and return them as a stream of add, update and remove events.'),
};

const listParams = (): JsonObject[] => [
  P.allowWatchBookmarks(), P.continue(), P.fieldSelector(), P.labelSelector(), P.limit(), P.resourceVersion(),
  P.resourceVersionMatch(), P.sendInitialEvents(), P.timeoutSeconds(), P.watch(),
];

// ---- operations -------------------------------------------------------------------------------------

const schemaRef = (name: string | undefined): JsonObject | undefined =>
  name && schemaRegistry.schemas[name] ? { $ref: `#/components/schemas/${name}` } : undefined;

function content(types: string[], schema: JsonObject | undefined): JsonObject {
  const out: JsonObject = {};
  for (const t of types) out[t] = schema ? { schema } : {};
  return out;
}

function responses(codes: string[], schema: JsonObject | undefined, types = RESPONSE_TYPES): JsonObject {
  const out: JsonObject = {};
  const text: Record<string, string> = { 200: 'OK', 201: 'Created', 202: 'Accepted' };
  for (const c of codes) out[c] = { description: text[c], content: content(types, schema) };
  out['401'] = { description: 'Unauthorized' };
  return out;
}

interface OpSpec {
  id: string;
  description: string;
  action: string;
  gvk: Gvk;
  tag: string;
  parameters?: JsonObject[];
  body?: { types: string[]; schema: JsonObject | undefined; required?: boolean };
  responses: JsonObject;
}

function operation(o: OpSpec): JsonObject {
  const op: JsonObject = { tags: [o.tag], description: o.description, operationId: o.id };
  if (o.parameters?.length) op.parameters = o.parameters;
  if (o.body) {
    const rb: JsonObject = { content: content(o.body.types, o.body.schema) };
    if (o.body.required) rb.required = true;
    op.requestBody = rb;
  }
  op.responses = o.responses;
  op['x-kubernetes-action'] = o.action;
  op['x-kubernetes-group-version-kind'] = { ...o.gvk };
  return op;
}

/** "coordination.k8s.io" -> "Coordination", "" -> "Core" (as in upstream operation ids). */
function groupCamel(group: string): string {
  if (!group) return 'Core';
  return group.replace(/\.k8s\.io$/, '').split('.').map((p) => p.charAt(0).toUpperCase() + p.slice(1)).join('');
}

function tagOf(group: string, version: string): string {
  const g = group ? group.replace(/\.k8s\.io$/, '').replace(/\./g, '_') : 'core';
  return `${g}_${version}`;
}

const capital = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

function kindSchema(gvk: Gvk): string | undefined {
  return schemaRegistry.nameForKind(gvk.group ? `${gvk.group}/${gvk.version}` : gvk.version, gvk.kind);
}

type PathItem = JsonObject;

function resourcePaths(r: ResourceInfo): Record<string, PathItem> {
  const paths: Record<string, PathItem> = {};
  const prefix = r.group ? `/apis/${r.group}/${r.version}` : `/api/${r.version}`;
  const gvk: Gvk = { group: r.group, version: r.version, kind: r.kind };
  const ns = r.namespaced ? 'Namespaced' : '';
  const gv = `${groupCamel(r.group)}${capital(r.version)}`;
  const tag = tagOf(r.group, r.version);
  const kindRef = schemaRef(kindSchema(gvk));
  const listRef = schemaRef(kindSchema({ ...gvk, kind: r.listKind }));
  const statusRef = schemaRef(`${META}.Status`);
  const has = (v: string): boolean => r.verbs.includes(v);
  const scopeParams = (): JsonObject[] => (r.namespaced ? [P.namespace()] : []);
  const collection = r.namespaced ? `${prefix}/namespaces/{namespace}/${r.resource}` : `${prefix}/${r.resource}`;
  const item = `${collection}/{name}`;

  if (r.namespaced && has('list')) {
    paths[`${prefix}/${r.resource}`] = {
      get: operation({
        id: `list${gv}${r.kind}ForAllNamespaces`, description: `list or watch objects of kind ${r.kind} in all namespaces`,
        action: 'list', gvk, tag, parameters: listParams(), responses: responses(['200'], listRef),
      }),
      parameters: [P.pretty()],
    };
  }

  const coll: PathItem = {};
  if (has('list')) {
    coll.get = operation({
      id: `list${gv}${ns}${r.kind}`, description: `list or watch objects of kind ${r.kind}`,
      action: 'list', gvk, tag, parameters: listParams(), responses: responses(['200'], listRef),
    });
  }
  if (has('create')) {
    coll.post = operation({
      id: `create${gv}${ns}${r.kind}`, description: `create a ${r.kind}`, action: 'post', gvk, tag,
      parameters: [P.dryRun(), P.fieldManager(false), P.fieldValidation()],
      body: { types: ['*/*'], schema: kindRef, required: true },
      responses: responses(['200', '201', '202'], kindRef),
    });
  }
  if (has('deletecollection')) {
    coll.delete = operation({
      id: `delete${gv}Collection${ns}${r.kind}`, description: `delete a collection of ${r.kind}`, action: 'deletecollection', gvk, tag,
      parameters: [P.continue(), P.dryRun(), P.fieldSelector(), P.gracePeriodSeconds(), P.ignoreStoreReadError(), P.labelSelector(), P.limit(),
        P.orphanDependents(), P.propagationPolicy(), P.resourceVersion(), P.resourceVersionMatch(), P.sendInitialEvents(), P.timeoutSeconds()],
      body: { types: ['*/*'], schema: schemaRef(`${META}.DeleteOptions`) },
      responses: responses(['200'], statusRef),
    });
  }
  if (Object.keys(coll).length) paths[collection] = { ...coll, parameters: [...scopeParams(), P.pretty()] };

  const one: PathItem = {};
  if (has('get')) {
    one.get = operation({ id: `read${gv}${ns}${r.kind}`, description: `read the specified ${r.kind}`, action: 'get', gvk, tag, responses: responses(['200'], kindRef) });
  }
  if (has('update')) {
    one.put = operation({
      id: `replace${gv}${ns}${r.kind}`, description: `replace the specified ${r.kind}`, action: 'put', gvk, tag,
      parameters: [P.dryRun(), P.fieldManager(false), P.fieldValidation()],
      body: { types: ['*/*'], schema: kindRef, required: true },
      responses: responses(['200', '201'], kindRef),
    });
  }
  if (has('patch')) one.patch = patchOp(`patch${gv}${ns}${r.kind}`, `partially update the specified ${r.kind}`, gvk, tag, kindRef);
  if (has('delete')) {
    one.delete = operation({
      id: `delete${gv}${ns}${r.kind}`, description: `delete a ${r.kind}`, action: 'delete', gvk, tag,
      parameters: [P.dryRun(), P.gracePeriodSeconds(), P.ignoreStoreReadError(), P.orphanDependents(), P.propagationPolicy()],
      body: { types: ['*/*'], schema: schemaRef(`${META}.DeleteOptions`) },
      responses: responses(['200', '202'], statusRef),
    });
  }
  const itemParams = (): JsonObject[] => [P.name(r.kind), ...scopeParams(), P.pretty()];
  if (Object.keys(one).length) paths[item] = { ...one, parameters: itemParams() };

  for (const sub of r.subresources) {
    const ops = subresourceOps(r, sub, { gv, ns, tag });
    if (Object.keys(ops).length) paths[`${item}/${sub.name}`] = { ...ops, parameters: itemParams() };
  }
  return paths;
}

function patchOp(id: string, description: string, gvk: Gvk, tag: string, ref: JsonObject | undefined): JsonObject {
  return operation({
    id, description, action: 'patch', gvk, tag,
    parameters: [P.dryRun(), P.fieldManager(true), P.fieldValidation(), P.force()],
    body: { types: PATCH_TYPES, schema: schemaRef(`${META}.Patch`), required: true },
    responses: responses(['200', '201'], ref),
  });
}

function subresourceOps(r: ResourceInfo, sub: SubresourceInfo, ids: { gv: string; ns: string; tag: string }): PathItem {
  const ops: PathItem = {};
  const gvk: Gvk = { group: sub.group, version: sub.version, kind: sub.kind };
  const ref = schemaRef(kindSchema(gvk));
  const suffix = capital(sub.name);
  const base = `${ids.gv}${ids.ns}${r.kind}${suffix}`;
  const what = `${sub.name} of the specified ${r.kind}`;
  const tag = ids.tag;
  if (sub.verbs.includes('get')) {
    const isLog = sub.name === 'log';
    ops.get = operation({
      id: `read${base}`, description: `read ${what}`, action: 'get', gvk, tag,
      responses: isLog ? responses(['200'], { type: 'string' }, ['text/plain']) : responses(['200'], ref),
    });
  }
  if (sub.verbs.includes('create')) {
    ops.post = operation({
      id: `create${base}`, description: `create ${sub.name} of a ${r.kind}`, action: 'post', gvk, tag,
      parameters: [P.dryRun(), P.fieldManager(false), P.fieldValidation()],
      body: { types: ['*/*'], schema: ref, required: true },
      responses: responses(['200', '201', '202'], ref),
    });
  }
  if (sub.verbs.includes('update')) {
    ops.put = operation({
      id: `replace${base}`, description: `replace ${what}`, action: 'put', gvk, tag,
      parameters: [P.dryRun(), P.fieldManager(false), P.fieldValidation()],
      body: { types: ['*/*'], schema: ref, required: true },
      responses: responses(['200', '201'], ref),
    });
  }
  if (sub.verbs.includes('patch')) ops.patch = patchOp(`patch${base}`, `partially update ${what}`, gvk, tag, ref);
  return ops;
}

// ---- components -------------------------------------------------------------------------------------

/** Deep copy without kite's private x-kite-* extensions. */
function servable(value: unknown): Json {
  if (Array.isArray(value)) return value.map(servable);
  if (value && typeof value === 'object') {
    const out: JsonObject = {};
    for (const [k, v] of Object.entries(value)) if (!k.startsWith('x-kite-') && v !== undefined) out[k] = servable(v);
    return out;
  }
  return value as Json;
}

function collectRefs(value: unknown, found: string[]): void {
  if (Array.isArray(value)) {
    for (const v of value) collectRefs(v, found);
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === '$ref' && typeof v === 'string') {
        const name = refName(v);
        if (name !== undefined) found.push(name);
      } else {
        collectRefs(v, found);
      }
    }
  }
}

/** The named schemas reachable from `roots`, in a stable (sorted) order. */
function closure(roots: unknown): Record<string, Json> {
  const pending: string[] = [];
  collectRefs(roots, pending);
  const seen = new Set<string>();
  while (pending.length) {
    const name = pending.pop() as string;
    if (seen.has(name)) continue;
    const schema: OpenAPISchema | undefined = schemaRegistry.schemas[name];
    if (!schema) continue;
    seen.add(name);
    collectRefs(schema, pending);
  }
  const out: Record<string, Json> = {};
  for (const name of [...seen].sort()) out[name] = servable(schemaRegistry.schemas[name]);
  return out;
}

// ---- documents --------------------------------------------------------------------------------------

/** "api/v1" for the core group, "apis/<group>/<version>" otherwise. */
export function gvPathOf(gv: { group: string; version: string }): string {
  return gv.group ? `apis/${gv.group}/${gv.version}` : `api/${gv.version}`;
}

function buildDocument(gv: { group: string; version: string }): JsonObject {
  const paths: Record<string, Json> = {};
  for (const r of RESOURCES) {
    if (groupVersion(r) !== groupVersion(gv)) continue;
    Object.assign(paths, resourcePaths(r));
  }
  const sortedPaths: JsonObject = {};
  for (const p of Object.keys(paths).sort()) sortedPaths[p] = paths[p];
  return {
    openapi: '3.0.0',
    info: { title: 'Kubernetes', version: 'unversioned' },
    paths: sortedPaths,
    components: { schemas: closure(sortedPaths) },
  };
}

export interface OpenAPIDocument {
  /** The JSON document, ready to send as application/json. */
  body: Buffer;
  /** Uppercase hex SHA-512 of body, as used in `?hash=`. */
  hash: string;
}

const cache = new Map<string, OpenAPIDocument>();

/** The v3 document of one group-version path ("api/v1", "apis/apps/v1"), or undefined if not served. */
export function openapiDocument(gvPath: string): OpenAPIDocument | undefined {
  const hit = cache.get(gvPath);
  if (hit) return hit;
  const gv = groupVersions().find((g) => gvPathOf(g) === gvPath);
  if (!gv) return undefined;
  const body = Buffer.from(JSON.stringify(buildDocument(gv)));
  const doc = { body, hash: createHash('sha512').update(body).digest('hex').toUpperCase() };
  cache.set(gvPath, doc);
  return doc;
}

/** The /openapi/v3 root index: one entry per served group-version with its content-hashed URL. */
export function openapiIndex(): { paths: Record<string, { serverRelativeURL: string }> } {
  const paths: Record<string, { serverRelativeURL: string }> = {};
  for (const gv of groupVersions()) {
    const p = gvPathOf(gv);
    const doc = openapiDocument(p);
    if (doc) paths[p] = { serverRelativeURL: `/openapi/v3/${p}?hash=${doc.hash}` };
  }
  return { paths };
}
