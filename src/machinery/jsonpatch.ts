// RFC 6902 JSON Patch (`application/json-patch+json`), with the apiserver's error mapping:
// a malformed patch document is 400, too many operations 413, and any failure while applying
// (missing path, failed test, ...) is 422 Invalid "the server rejected our request due to an
// error in our request" — upstream hides the detail; ours is kept as the error's `cause`.

import { badRequest, StatusError } from './errors.js';
import { parseJsonPointer } from './fieldpath.js';
import { cloneJson, hasOwn, isJsonObject, jsonEqual, setOwn, type JsonObject } from './jsonvalue.js';

export type JsonPatchOperation =
  | { op: 'add' | 'replace' | 'test'; path: string; value: unknown }
  | { op: 'remove'; path: string }
  | { op: 'move' | 'copy'; from: string; path: string };

export interface JsonPatchOptions {
  /** Accept negative array indices counting from the end, as upstream's json-patch library does. Default true. */
  negativeIndices?: boolean;
  /** Most operations accepted (upstream: 10000). */
  maxOperations?: number;
}

export const MAX_JSON_PATCH_OPERATIONS = 10000;
export const JSON_PATCH_REJECTED_MESSAGE = 'the server rejected our request due to an error in our request';

/** Why applying a patch failed (carried as the `cause` of the 422). */
export class JsonPatchError extends Error {
  override name = 'JsonPatchError';
  constructor(message: string, readonly operationIndex: number) {
    super(message);
  }
}

/**
 * Applies an RFC 6902 patch to a copy of `doc` (the input is never changed) and returns the result.
 * `patch` is the decoded request body. Throws StatusError 400/413/422 as the apiserver does.
 */
export function applyJsonPatch(doc: unknown, patch: unknown, opts: JsonPatchOptions = {}): unknown {
  const ops = decodeJsonPatch(patch);
  const max = opts.maxOperations ?? MAX_JSON_PATCH_OPERATIONS;
  if (ops.length > max) {
    throw new StatusError(413, 'RequestEntityTooLarge', `Request entity too large: The allowed maximum operations in a JSON patch is ${max}, got ${ops.length}`);
  }
  try {
    return applyOperations(doc, ops, opts.negativeIndices ?? true);
  } catch (e) {
    if (e instanceof JsonPatchError) throw new StatusError(422, 'Invalid', JSON_PATCH_REJECTED_MESSAGE, {}, { cause: e });
    throw e;
  }
}

/** Checks the patch is an array of objects (DecodePatch); throws StatusError 400 with Go's json wording. */
export function decodeJsonPatch(patch: unknown): JsonObject[] {
  if (patch === null) return [];
  if (!Array.isArray(patch)) throw badRequest(`json: cannot unmarshal ${goJsonType(patch)} into Go value of type jsonpatch.Patch`);
  for (const op of patch) {
    if (op !== null && !isJsonObject(op)) throw badRequest(`json: cannot unmarshal ${goJsonType(op)} into Go value of type jsonpatch.Operation`);
  }
  return patch.map((op) => (op === null ? {} : (op as JsonObject)));
}

function goJsonType(v: unknown): string {
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'object') return 'object';
  return typeof v === 'boolean' ? 'bool' : typeof v;
}

/** Applies operations, throwing JsonPatchError on the first failure. Does not mutate `doc`. */
export function applyOperations(doc: unknown, ops: readonly JsonObject[], negativeIndices = true): unknown {
  let root = cloneJson(doc);
  ops.forEach((op, i) => {
    root = applyOne(root, op, i, negativeIndices);
  });
  return root;
}

type Container = JsonObject | unknown[];

function applyOne(root: unknown, op: JsonObject, i: number, neg: boolean): unknown {
  const fail = (msg: string): never => { throw new JsonPatchError(`operation ${i} (${String(op.op)}): ${msg}`, i); };
  const kind = op.op;
  if (typeof kind !== 'string') fail(`missing or invalid "op"`);
  const pointer = (name: 'path' | 'from'): string[] => {
    const p = op[name];
    if (typeof p !== 'string') return fail(`missing or invalid "${name}"`);
    try {
      return parseJsonPointer(p);
    } catch (e) {
      return fail((e as Error).message);
    }
  };
  const value = (): unknown => (hasOwn(op, 'value') ? cloneJson(op.value) : fail('missing "value"'));
  const ctx: Ctx = { fail, neg };

  switch (kind) {
    case 'add': {
      const path = pointer('path');
      return add(root, path, value(), ctx);
    }
    case 'remove': {
      const path = pointer('path');
      if (path.length === 0) fail('cannot remove the document root');
      remove(root, path, ctx);
      return root;
    }
    case 'replace': {
      const path = pointer('path');
      const v = value();
      if (path.length === 0) return v;
      const { parent, key } = locate(root, path, ctx);
      if (Array.isArray(parent)) parent[index(parent, key, false, ctx)] = v;
      else if (hasOwn(parent, key)) setOwn(parent, key, v);
      else fail(`path ${String(op.path)} does not exist`);
      return root;
    }
    case 'move': {
      const from = pointer('from');
      const path = pointer('path');
      if (from.length < path.length && from.every((t, j) => t === path[j])) fail('cannot move a value into one of its own children');
      const v = get(root, from, ctx);
      if (from.length === path.length && from.every((t, j) => t === path[j])) return root;
      remove(root, from, ctx);
      return add(root, path, v, ctx);
    }
    case 'copy': {
      const from = pointer('from');
      const path = pointer('path');
      return add(root, path, cloneJson(get(root, from, ctx)), ctx);
    }
    case 'test': {
      const path = pointer('path');
      const want = value();
      const have = get(root, path, ctx);
      if (!jsonEqual(have, want)) fail(`test failed: value at ${String(op.path)} is not equal`);
      return root;
    }
    default:
      return fail(`Unexpected kind: ${String(kind)}`);
  }
}

interface Ctx { fail: (msg: string) => never; neg: boolean }

/** Resolves an array index token; `end` allows the position one past the last element (for add). */
function index(arr: unknown[], token: string, end: boolean, ctx: Ctx): number {
  const max = end ? arr.length : arr.length - 1;
  if (token === '-') {
    if (end) return arr.length;
    return ctx.fail(`'-' is not a valid index here`);
  }
  let idx: number;
  if (/^(0|[1-9][0-9]*)$/.test(token)) idx = Number(token);
  else if (ctx.neg && /^-[1-9][0-9]*$/.test(token)) idx = Number(token) + (end ? arr.length + 1 : arr.length);
  else return ctx.fail(`invalid array index ${JSON.stringify(token)}`);
  if (idx < 0 || idx > max || !Number.isSafeInteger(idx)) return ctx.fail(`array index ${token} out of bounds (length ${arr.length})`);
  return idx;
}

/** The value at a pointer; fails when absent. */
function get(root: unknown, path: readonly string[], ctx: Ctx): unknown {
  let v = root;
  for (const token of path) {
    if (Array.isArray(v)) v = v[index(v, token, false, ctx)];
    else if (isJsonObject(v) && hasOwn(v, token)) v = v[token];
    else return ctx.fail(`path /${path.join('/')} does not exist`);
  }
  return v;
}

/** The container holding the last token; fails when it is absent or not a container. */
function locate(root: unknown, path: readonly string[], ctx: Ctx): { parent: Container; key: string } {
  const parent = get(root, path.slice(0, -1), ctx);
  if (!Array.isArray(parent) && !isJsonObject(parent)) return ctx.fail(`parent of /${path.join('/')} is not an object or array`);
  return { parent, key: path[path.length - 1]! };
}

function add(root: unknown, path: readonly string[], v: unknown, ctx: Ctx): unknown {
  if (path.length === 0) return v;
  const { parent, key } = locate(root, path, ctx);
  if (Array.isArray(parent)) parent.splice(index(parent, key, true, ctx), 0, v);
  else setOwn(parent, key, v);
  return root;
}

function remove(root: unknown, path: readonly string[], ctx: Ctx): void {
  const { parent, key } = locate(root, path, ctx);
  if (Array.isArray(parent)) parent.splice(index(parent, key, false, ctx), 1);
  else if (hasOwn(parent, key)) delete parent[key];
  else ctx.fail(`path /${path.join('/')} does not exist`);
}
