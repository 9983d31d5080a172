// Strategic merge patch (application/strategic-merge-patch+json), as upstream
// k8s.io/apimachinery/pkg/util/strategicpatch applies it on the server (StrategicMergeMapPatch):
// - maps merge recursively, null deletes a key;
// - lists whose field has patch strategy "merge" merge by the merge key (lists of scalars are
//   unioned); other lists are replaced;
// - directives: `$patch: replace|delete` on maps, `$patch: replace|delete` on list items,
//   `$retainKeys`, `$deleteFromPrimitiveList/<field>`, `$setElementOrder/<field>`.
// Patch metadata comes from the OpenAPI schema (x-kubernetes-patch-strategy and
// x-kubernetes-patch-merge-key); where the schema says nothing, lists are replaced and maps merged.
// Errors are StatusErrors with upstream's wording and codes (400 for malformed directives, 422 for
// lists of lists, 500 with an empty reason for the rest, as the API server reports them).
// Inputs are never modified.

import type { OpenAPISchema, SchemaRegistry } from '../../api/schema/types.js';
import { StatusError } from '../errors.js';

type Obj = Record<string, unknown>;

const DIRECTIVE_MARKER = '$patch';
const DELETE_DIRECTIVE = 'delete';
const REPLACE_DIRECTIVE = 'replace';
const MERGE_DIRECTIVE = 'merge';
const RETAIN_KEYS_STRATEGY = 'retainKeys';
const RETAIN_KEYS_DIRECTIVE = '$retainKeys';
const DELETE_FROM_PRIMITIVE_LIST_PREFIX = '$deleteFromPrimitiveList';
const SET_ELEMENT_ORDER_PREFIX = '$setElementOrder';

// ---- errors (mergepatch's, with the HTTP mapping of the patch handler) ------------------------

const badRequest = (message: string): StatusError => new StatusError(400, 'BadRequest', message);
const internal = (message: string): StatusError => new StatusError(500, '', message);

const ERR_BAD_JSON_DOC = 'invalid JSON document';
const ERR_NO_LIST_OF_LISTS = 'lists of lists are not supported';
const ERR_PRIMITIVE_LIST = 'invalid patch format of primitive list';
const ERR_RETAIN_KEYS = 'invalid patch format of retainKeys';
const ERR_SET_ELEMENT_ORDER = 'invalid patch format of setElementOrder list';

function errNoListOfLists(): StatusError {
  // NewGenericServerResponse(422): the message is the generic one, not the cause.
  return new StatusError(422, 'Invalid', 'the server rejected our request due to an error in our request', {});
}

function errNoMergeKey(m: Obj, key: string): StatusError {
  return internal(`map: ${goV(m)} does not contain declared merge key: ${key}`);
}

function errBadArgType(expected: string, actual: unknown): StatusError {
  return internal(`expected a ${expected}, but received a ${goType(actual)}`);
}

function errBadPatchType(t: unknown, m: Obj): StatusError {
  return internal(`unknown patch type: ${typeof t === 'string' ? t : goS(t)} in map: ${goV(m)}`);
}

const MAP_TYPE = 'map[string]interface {}';
const SLICE_TYPE = '[]interface {}';

/** reflect.TypeOf(v).String() for a decoded JSON value. */
function goType(v: unknown): string {
  if (v === null || v === undefined) return '%!s(<nil>)';
  if (Array.isArray(v)) return SLICE_TYPE;
  if (isObj(v)) return MAP_TYPE;
  if (typeof v === 'number') return Number.isInteger(v) ? 'int64' : 'float64';
  if (typeof v === 'boolean') return 'bool';
  return 'string';
}

/** %s of a non-string value in Go (e.g. `%!s(bool=true)`). */
function goS(v: unknown): string {
  if (v === null || v === undefined) return '%!s(<nil>)';
  if (typeof v === 'number' || typeof v === 'boolean') return `%!s(${goType(v)}=${goV(v)})`;
  return goV(v);
}

/** fmt's %v for a decoded JSON value: `map[a:1 b:[x y]]`, `<nil>`, floats as %g. */
function goV(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') return goNumber(v);
  if (Array.isArray(v)) return `[${v.map(goV).join(' ')}]`;
  if (isObj(v)) return `map[${Object.keys(v).sort().map((k) => `${k}:${goV(v[k])}`).join(' ')}]`;
  return String(v);
}

function goNumber(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return n.toFixed(0);
  if (!Number.isFinite(n)) return Number.isNaN(n) ? 'NaN' : n > 0 ? '+Inf' : '-Inf';
  const [mant, expStr] = n.toExponential().split('e');
  const exp = Number(expStr);
  if (exp < -4 || exp >= 6) return `${mant}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  return String(n);
}

// ---- values -------------------------------------------------------------------------------------

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function clone<T>(v: T): T {
  if (Array.isArray(v)) return v.map(clone) as T;
  if (isObj(v)) {
    const out: Obj = {};
    for (const [k, x] of Object.entries(v)) if (x !== undefined) out[k] = clone(x);
    return out as T;
  }
  return v;
}

type Kind = 'map' | 'slice' | 'string' | 'number' | 'bool' | 'nil';

function kindOf(v: unknown): Kind {
  if (v === null || v === undefined) return 'nil';
  if (Array.isArray(v)) return 'slice';
  if (isObj(v)) return 'map';
  if (typeof v === 'number') return 'number';
  if (typeof v === 'boolean') return 'bool';
  return 'string';
}

/** Go's reflect.TypeOf equality for decoded JSON (int64 and float64 differ). */
function sameGoType(a: unknown, b: unknown): boolean {
  return goType(a) === goType(b);
}

/** Values as they end up in an object: directives and nulls stripped, maps marked `$patch` dropped. */
const DROP = Symbol('drop');
function cleanAdded(v: unknown): unknown {
  if (Array.isArray(v)) {
    const out: unknown[] = [];
    for (const item of v) {
      const c = cleanAdded(item);
      if (c !== DROP) out.push(c);
    }
    return out;
  }
  if (isObj(v)) {
    if (DIRECTIVE_MARKER in v) return DROP;
    const out: Obj = {};
    for (const [k, x] of Object.entries(v)) {
      if (x === null || x === undefined || isDirectiveKey(k)) continue;
      const c = cleanAdded(x);
      if (c !== DROP) out[k] = c;
    }
    return out;
  }
  return v;
}

function isDirectiveKey(k: string): boolean {
  return k === RETAIN_KEYS_DIRECTIVE || k.startsWith(DELETE_FROM_PRIMITIVE_LIST_PREFIX) || k.startsWith(SET_ELEMENT_ORDER_PREFIX);
}

// ---- patch metadata from the schema -------------------------------------------------------------

interface PatchMeta {
  sub: Meta;
  strategies: string[];
  mergeKey: string;
}

class Meta {
  constructor(private readonly registry: SchemaRegistry, readonly schema: OpenAPISchema | undefined) {}

  private effective(s: OpenAPISchema | undefined): OpenAPISchema | undefined {
    if (!s) return undefined;
    if (!s.$ref && !(s.allOf && s.allOf.length === 1)) return s;
    const target = this.registry.resolve(s);
    if (target === s || target.$ref) return s.$ref ? undefined : this.effective(s.allOf?.[0]);
    return target;
  }

  private field(key: string): OpenAPISchema | undefined {
    const e = this.effective(this.schema);
    if (!e) return undefined;
    const prop = e.properties?.[key];
    if (prop) return prop;
    return isObj(e.additionalProperties) ? (e.additionalProperties as OpenAPISchema) : undefined;
  }

  private metaOf(field: OpenAPISchema | undefined, sub: OpenAPISchema | undefined): PatchMeta {
    const eff = this.effective(field);
    const strategy = field?.['x-kubernetes-patch-strategy'] ?? eff?.['x-kubernetes-patch-strategy'];
    const mergeKey = field?.['x-kubernetes-patch-merge-key'] ?? eff?.['x-kubernetes-patch-merge-key'] ?? '';
    return { sub: new Meta(this.registry, sub), strategies: strategy ? strategy.split(',') : [], mergeKey };
  }

  forStruct(key: string): PatchMeta {
    const field = this.field(key);
    return this.metaOf(field, field);
  }

  forSlice(key: string): PatchMeta {
    const field = this.field(key);
    return this.metaOf(field, this.effective(field)?.items);
  }

  name(): string {
    const e = this.effective(this.schema);
    return e?.type ?? 'object';
  }
}

/** Splits "merge,retainKeys" into (retainKeys?, other strategy). */
function extractRetainKeysPatchStrategy(strategies: string[]): string {
  switch (strategies.length) {
    case 0: return '';
    case 1: return strategies[0] === RETAIN_KEYS_STRATEGY ? '' : strategies[0];
    case 2:
      if (strategies[0] === RETAIN_KEYS_STRATEGY) return strategies[1];
      if (strategies[1] === RETAIN_KEYS_STRATEGY) return strategies[0];
      throw internal(`unexpected patch strategy: [${strategies.join(' ')}]`);
    default:
      throw internal(`unexpected patch strategy: [${strategies.join(' ')}]`);
  }
}

// ---- the merge ----------------------------------------------------------------------------------

/**
 * Applies a strategic merge patch to `original` and returns the result. `schema` is the kind's
 * root schema (undefined: replace lists, merge maps). Throws StatusError on a bad patch.
 */
export function strategicMergePatch(original: unknown, patch: unknown, schema: OpenAPISchema | undefined, registry: SchemaRegistry): unknown {
  const orig = original === null || original === undefined ? {} : original;
  const p = patch === null || patch === undefined ? {} : patch;
  if (!isObj(orig) || !isObj(p)) throw badRequest(ERR_BAD_JSON_DOC);
  return mergeMap(clone(orig), clone(p), new Meta(registry, schema));
}

function handleDirectiveInMergeMap(directive: unknown, patch: Obj): Obj {
  if (directive === REPLACE_DIRECTIVE) {
    delete patch[DIRECTIVE_MARKER];
    return cleanAdded(patch) as Obj;
  }
  if (directive === DELETE_DIRECTIVE) return {};
  throw errBadPatchType(directive, patch);
}

function mergeMap(original: Obj, patch: Obj, meta: Meta): Obj {
  if (DIRECTIVE_MARKER in patch) return handleDirectiveInMergeMap(patch[DIRECTIVE_MARKER], patch);
  applyRetainKeysDirective(original, patch);
  mergePatchIntoOriginal(original, patch, meta);

  for (const k of Object.keys(patch)) {
    if (!(k in patch)) continue;
    const patchV = patch[k];
    let key = k;
    let isDeleteList = false;
    if (k.startsWith(DELETE_FROM_PRIMITIVE_LIST_PREFIX)) {
      key = extractKey(k, DELETE_FROM_PRIMITIVE_LIST_PREFIX);
      isDeleteList = true;
    }
    if (patchV === null || patchV === undefined) {
      delete original[key];
      continue;
    }
    const origV = original[key];
    if (origV === undefined || origV === null || !sameGoType(origV, patchV)) {
      if (!isDeleteList) {
        const c = cleanAdded(patchV);
        if (c === DROP) delete original[key];
        else original[key] = c;
      }
      continue;
    }
    switch (kindOf(origV)) {
      case 'map': {
        const { sub, strategies } = meta.forStruct(key);
        const strategy = extractRetainKeysPatchStrategy(strategies);
        original[key] = strategy === REPLACE_DIRECTIVE ? cleanAdded(patchV) : mergeMap(origV as Obj, patchV as Obj, sub);
        break;
      }
      case 'slice': {
        const { sub, strategies, mergeKey } = meta.forSlice(key);
        const strategy = extractRetainKeysPatchStrategy(strategies);
        original[key] = mergeSliceHandler(origV as unknown[], patchV as unknown[], sub, strategy, mergeKey, isDeleteList);
        break;
      }
      default:
        if (!isDeleteList) original[key] = patchV;
    }
  }
  return original;
}

function extractKey(s: string, prefix: string): string {
  const i = s.indexOf('/');
  if (i < 0 || s.slice(0, i) !== prefix) {
    if (prefix === DELETE_FROM_PRIMITIVE_LIST_PREFIX) throw badRequest(ERR_PRIMITIVE_LIST);
    if (prefix === SET_ELEMENT_ORDER_PREFIX) throw badRequest(ERR_SET_ELEMENT_ORDER);
    throw internal(`fail to find unknown prefix ${JSON.stringify(prefix)} in ${s}`);
  }
  return s.slice(i + 1);
}

/** `$retainKeys`: keys of `original` not listed are cleared; every key the patch sets must be listed. */
function applyRetainKeysDirective(original: Obj, patch: Obj): void {
  if (!(RETAIN_KEYS_DIRECTIVE in patch)) return;
  const list = patch[RETAIN_KEYS_DIRECTIVE];
  delete patch[RETAIN_KEYS_DIRECTIVE];
  if (!Array.isArray(list)) throw badRequest(ERR_RETAIN_KEYS);
  const keep = new Set(list);
  for (const [k, v] of Object.entries(patch)) {
    if (v === null || k.startsWith(DELETE_FROM_PRIMITIVE_LIST_PREFIX) || k.startsWith(SET_ELEMENT_ORDER_PREFIX)) continue;
    if (!keep.has(k)) throw badRequest(ERR_RETAIN_KEYS);
  }
  for (const k of Object.keys(original)) if (!keep.has(k)) delete original[k];
}

/** `$setElementOrder/<field>`: merges the field's list and orders it as listed. */
function mergePatchIntoOriginal(original: Obj, patch: Obj, meta: Meta): void {
  for (const key of Object.keys(patch)) {
    if (!key.startsWith(SET_ELEMENT_ORDER_PREFIX)) continue;
    const order = patch[key];
    delete patch[key];
    if (!Array.isArray(order)) throw errBadArgType(SLICE_TYPE, order);
    const originalKey = extractKey(key, SET_ELEMENT_ORDER_PREFIX);
    const origV = original[originalKey];
    const foundOriginal = origV !== undefined && origV !== null;
    const foundPatch = originalKey in patch;
    const patchV = patch[originalKey];
    if (foundOriginal && !Array.isArray(origV)) throw errBadArgType(SLICE_TYPE, origV);
    if (foundPatch && !Array.isArray(patchV)) throw errBadArgType(SLICE_TYPE, patchV);
    const originalList = foundOriginal ? (origV as unknown[]) : [];
    const patchList = foundPatch ? (patchV as unknown[]) : [];
    const { sub, strategies, mergeKey } = meta.forSlice(originalKey);
    const strategy = extractRetainKeysPatchStrategy(strategies);
    validatePatchWithSetOrderList(patchList, order, mergeKey);

    // Upstream merges into the live list's own backing array, and then orders server-only items
    // by what that array holds afterwards (deleted items shifted out, new ones written over the
    // tail), so the same happens here on a copy.
    const backing = [...originalList];
    let merged: unknown[];
    if (foundOriginal && !foundPatch) merged = originalList;
    else if (!foundOriginal && foundPatch) merged = cleanAdded(patchList) as unknown[];
    else if (foundOriginal && foundPatch) merged = mergeSliceHandler(backing, patchList, sub, strategy, mergeKey, false);
    else continue;

    const [patchItems, serverOnly] = mergeKey
      ? partitionMapsByPresentInList(merged, order, mergeKey)
      : partitionPrimitivesByPresentInList(merged, order);
    const kind = sliceElementKind(originalList, patchList);
    original[originalKey] = normalizeElementOrder(patchItems, serverOnly, order, backing, mergeKey, kind);
    delete patch[originalKey];
  }
}

/** The patch list's items (deletions aside) must appear in the $setElementOrder list, in its order. */
function validatePatchWithSetOrderList(patchList: unknown[], order: unknown[], mergeKey: string): void {
  if (order.length === 0 || patchList.length === 0) return;
  const nonDelete = mergeKey ? extractToDeleteItems(patchList)[0] : patchList;
  let pi = 0;
  let si = 0;
  while (pi < nonDelete.length && si < order.length) {
    if (isObj(nonDelete[pi]) && DIRECTIVE_MARKER in (nonDelete[pi] as Obj)) {
      pi++;
      continue;
    }
    if (mergeKeyValueEqual(nonDelete[pi], order[si], mergeKey)) pi++;
    si++;
  }
  if (pi < nonDelete.length && si >= order.length) {
    throw internal(`the order in patch list:\n${goV(patchList)}\n doesn't match ${SET_ELEMENT_ORDER_PREFIX} list:\n${goV(order)}`);
  }
}

function mergeKeyValueEqual(left: unknown, right: unknown, mergeKey: string): boolean {
  if (!mergeKey) return left === right;
  if (!isObj(left)) throw errBadArgType(MAP_TYPE, left);
  if (!isObj(right)) throw errBadArgType(MAP_TYPE, right);
  if (!(mergeKey in left)) throw errNoMergeKey(left, mergeKey);
  if (!(mergeKey in right)) throw errNoMergeKey(right, mergeKey);
  return left[mergeKey] === right[mergeKey];
}

function mergeSliceHandler(original: unknown[], patch: unknown[], meta: Meta, strategy: string, mergeKey: string, isDeleteList: boolean): unknown[] {
  // Deletion lists are applied whatever the field's strategy.
  if (strategy === MERGE_DIRECTIVE || isDeleteList) return mergeSlice(original, patch, meta, mergeKey, isDeleteList);
  return cleanAdded(patch) as unknown[];
}

function mergeSlice(original: unknown[], patch: unknown[], meta: Meta, mergeKey: string, isDeleteList: boolean): unknown[] {
  if (original.length === 0 && patch.length === 0) return original;
  const kind = sliceElementKind(original, patch);
  let merged: unknown[];
  let orig = original;
  let pat = patch;
  if (kind !== 'map') {
    if (isDeleteList) return deleteFromSlice(original, patch);
    merged = deduplicateScalars([...original, ...patch]);
  } else {
    if (!mergeKey) throw internal(`cannot merge lists without merge key for ${meta.name()}`);
    let slice: GoSlice;
    [slice, pat] = mergeSliceWithSpecialElements(goSlice(original), patch, mergeKey);
    orig = sliceItems(slice);
    mergeSliceWithoutSpecialElements(slice, pat, mergeKey, meta);
    merged = sliceItems(slice);
  }
  const [patchItems, serverOnly] = mergeKey
    ? partitionMapsByPresentInList(merged, pat, mergeKey)
    : partitionPrimitivesByPresentInList(merged, pat);
  return normalizeElementOrder(patchItems, serverOnly, pat, orig, mergeKey, kind);
}

/**
 * A Go slice over a backing array: deleting shifts items left in place and appending writes into
 * the backing array while it has room, which is how upstream leaves the live list it merges into.
 */
interface GoSlice { arr: unknown[]; len: number }

const goSlice = (arr: unknown[]): GoSlice => ({ arr, len: arr.length });
const sliceItems = (s: GoSlice): unknown[] => s.arr.slice(0, s.len);

function sliceAppend(s: GoSlice, v: unknown): void {
  if (s.len < s.arr.length) s.arr[s.len] = v;
  else s.arr = [...sliceItems(s), v];
  s.len++;
}

function sliceDelete(s: GoSlice, at: number): void {
  for (let i = at; i < s.len - 1; i++) s.arr[i] = s.arr[i + 1];
  s.len--;
}

/** Items with `$patch`: delete drops matching items, replace discards the original list. */
function mergeSliceWithSpecialElements(original: GoSlice, patch: unknown[], mergeKey: string): [GoSlice, unknown[]] {
  const plain: unknown[] = [];
  let replace = false;
  for (const v of patch) {
    const item = v as Obj;
    if (!(DIRECTIVE_MARKER in item)) {
      plain.push(v);
      continue;
    }
    const directive = item[DIRECTIVE_MARKER];
    if (directive === DELETE_DIRECTIVE) {
      if (!(mergeKey in item)) throw errNoMergeKey(item, mergeKey);
      deleteMatchingEntries(original, mergeKey, item[mergeKey]);
    } else if (directive === REPLACE_DIRECTIVE) {
      replace = true;
    } else if (directive === MERGE_DIRECTIVE) {
      throw internal('merging lists cannot yet be specified in the patch');
    } else {
      throw errBadPatchType(directive, item);
    }
  }
  if (replace) return [goSlice(plain.map((x) => cleanAdded(x)).filter((x) => x !== DROP)), []];
  return [original, plain];
}

function deleteMatchingEntries(original: GoSlice, mergeKey: string, value: unknown): void {
  for (;;) {
    const i = findMapByKey(sliceItems(original), mergeKey, value);
    if (i < 0) return;
    sliceDelete(original, i);
  }
}

function findMapByKey(list: unknown[], key: string, value: unknown): number {
  for (let i = 0; i < list.length; i++) {
    const item = list[i];
    if (!isObj(item)) throw internal(`value for key ${i} is not a map`);
    if (key in item && item[key] === value) return i;
  }
  return -1;
}

function mergeSliceWithoutSpecialElements(original: GoSlice, patch: unknown[], mergeKey: string, meta: Meta): void {
  for (const v of patch) {
    const item = v as Obj;
    if (!(mergeKey in item)) throw errNoMergeKey(item, mergeKey);
    const i = findMapByKey(sliceItems(original), mergeKey, item[mergeKey]);
    if (i >= 0) {
      // mergeMap may consume directives of the item; keep the item itself for ordering.
      original.arr[i] = mergeMap(original.arr[i] as Obj, { ...item }, meta);
    } else {
      const c = cleanAdded(item);
      if (c !== DROP) sliceAppend(original, c);
    }
  }
}

function deleteFromSlice(current: unknown[], toDelete: unknown[]): unknown[] {
  const del = new Set(toDelete);
  return current.filter((v) => !del.has(v));
}

/** The element kind of one or more lists: all items must have the same type, and not be lists. */
function sliceElementKind(...lists: unknown[][]): Kind {
  let prev: unknown;
  let found = false;
  for (const list of lists) {
    for (const v of list) {
      if (!found) {
        prev = v;
        found = true;
        if (Array.isArray(v)) throw errNoListOfLists();
      } else if (!sameGoType(prev, v)) {
        throw internal(`list element types are not identical: ${goV(lists)}`);
      }
    }
  }
  if (!found) throw internal('no elements in any of the given slices');
  return kindOf(prev);
}

/** Go's deduplicateScalars (it moves the last element into each duplicate's place). */
function deduplicateScalars(s: unknown[]): unknown[] {
  const out = [...s];
  let length = out.length - 1;
  for (let i = 0; i < length; i++) {
    for (let j = i + 1; j <= length; j++) {
      if (out[i] === out[j]) {
        out[j] = out[length];
        out.length = length;
        length--;
        j--;
      }
    }
  }
  return out;
}

// ---- ordering (patch items in patch order, server-only items kept around them) ------------------

function partitionPrimitivesByPresentInList(list: unknown[], by: unknown[]): [unknown[], unknown[]] {
  const present = new Set(by);
  const inPatch: unknown[] = [];
  const serverOnly: unknown[] = [];
  for (const v of list) (present.has(v) ? inPatch : serverOnly).push(v);
  return [inPatch, serverOnly];
}

function partitionMapsByPresentInList(list: unknown[], by: unknown[], mergeKey: string): [unknown[], unknown[]] {
  const inPatch: unknown[] = [];
  const serverOnly: unknown[] = [];
  for (const v of list) {
    if (!isObj(v)) throw errBadArgType(MAP_TYPE, v);
    if (!(mergeKey in v)) throw errNoMergeKey(v, mergeKey);
    (findMapByKey(by, mergeKey, v[mergeKey]) >= 0 ? inPatch : serverOnly).push(v);
  }
  return [inPatch, serverOnly];
}

function indexIn(list: unknown[], v: unknown, mergeKey: string, kind: Kind): number {
  const key = (x: unknown): unknown => (kind === 'map' ? (isObj(x) ? x[mergeKey] : undefined) : x);
  const want = key(v);
  for (let i = 0; i < list.length; i++) if (key(list[i]) === want) return i;
  return -1;
}

function extractToDeleteItems(list: unknown[]): [unknown[], unknown[]] {
  const keep: unknown[] = [];
  const del: unknown[] = [];
  for (const v of list) {
    if (!isObj(v)) throw errBadArgType(MAP_TYPE, v);
    (v[DIRECTIVE_MARKER] === DELETE_DIRECTIVE ? del : keep).push(v);
  }
  return [keep, del];
}

function normalizeSliceOrder(toSort: unknown[], order: unknown[], mergeKey: string, kind: Kind): unknown[] {
  let items = toSort;
  let toDelete: unknown[] = [];
  if (kind === 'map') {
    for (const list of [toSort, order]) {
      for (const item of list) {
        if (!isObj(item)) throw errBadArgType(MAP_TYPE, item);
        if (!(mergeKey in item)) throw errNoMergeKey(item, mergeKey);
      }
    }
    [items, toDelete] = extractToDeleteItems(toSort);
  }
  const positions = items.map((v) => indexIn(order, v, mergeKey, kind));
  const sorted = items
    .map((v, i) => ({ v, at: positions[i] }))
    .sort((a, b) => (a.at >= 0 && b.at >= 0 ? a.at - b.at : 0))
    .map((x) => x.v);
  return [...sorted, ...toDelete];
}

function normalizeElementOrder(patch: unknown[], serverOnly: unknown[], patchOrder: unknown[], serverOrder: unknown[], mergeKey: string, kind: Kind): unknown[] {
  const p = normalizeSliceOrder(patch, patchOrder, mergeKey, kind);
  const s = normalizeSliceOrder(serverOnly, serverOrder, mergeKey, kind);
  return mergeSortedSlice(s, p, serverOrder, mergeKey, kind);
}

/** Interleaves server-only items (left) into patch items (right), following the live order. */
function mergeSortedSlice(left: unknown[], right: unknown[], serverOrder: unknown[], mergeKey: string, kind: Kind): unknown[] {
  const out: unknown[] = [];
  let i = 0;
  let j = 0;
  while (i < left.length && j < right.length) {
    const li = indexIn(serverOrder, left[i], mergeKey, kind);
    const ri = indexIn(serverOrder, right[j], mergeKey, kind);
    if (li >= 0 && ri >= 0 && li < ri) out.push(left[i++]);
    else out.push(right[j++]);
  }
  return [...out, ...left.slice(i), ...right.slice(j)];
}
