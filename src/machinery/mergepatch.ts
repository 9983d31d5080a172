// RFC 7386 JSON Merge Patch (`application/merge-patch+json`), as the apiserver applies it
// (evanphx/json-patch MergePatch): null deletes a member, objects merge recursively, anything
// else replaces. New values have their object members that are null pruned, also inside arrays.
// Inputs are never changed.

import { badRequest } from './errors.js';
import { cloneJson, hasOwn, isJsonObject, jsonEqual, setOwn, type JsonObject } from './jsonvalue.js';

export const INVALID_MERGE_PATCH_MESSAGE = 'Invalid JSON Patch';

/**
 * Applies a merge patch to `doc` and returns the result. A patch that is an array replaces the
 * document; a patch that is null or a scalar is rejected with 400 "Invalid JSON Patch".
 */
export function applyMergePatch(doc: unknown, patch: unknown): unknown {
  if (Array.isArray(patch)) return pruneNulls(cloneJson(patch));
  if (!isJsonObject(patch)) throw badRequest(INVALID_MERGE_PATCH_MESSAGE);
  if (!isJsonObject(doc)) return pruneNulls(cloneJson(patch));
  return mergeObjects(doc, patch);
}

/** The RFC 7386 algorithm without upstream's array-null pruning: MergePatch(target, patch). */
export function mergePatchRfc(target: unknown, patch: unknown): unknown {
  if (!isJsonObject(patch)) return cloneJson(patch);
  const out: JsonObject = isJsonObject(target) ? shallowCopy(target) : {};
  for (const k of Object.keys(patch)) {
    const v = patch[k];
    if (v === null) delete out[k];
    else setOwn(out, k, mergePatchRfc(hasOwn(out, k) ? out[k] : undefined, v));
  }
  return out;
}

function shallowCopy(o: JsonObject): JsonObject {
  const out: JsonObject = {};
  for (const k of Object.keys(o)) setOwn(out, k, o[k]);
  return out;
}

function mergeObjects(doc: JsonObject, patch: JsonObject): JsonObject {
  const out = shallowCopy(doc);
  for (const k of Object.keys(patch)) {
    const pv = patch[k];
    if (pv === null) {
      delete out[k];
    } else if (!hasOwn(out, k) || out[k] === null) {
      setOwn(out, k, pruneNulls(cloneJson(pv)));
    } else {
      const cur = out[k];
      if (!isJsonObject(cur)) setOwn(out, k, pruneNulls(cloneJson(pv)));
      else if (!isJsonObject(pv)) setOwn(out, k, cloneJson(pv));
      else setOwn(out, k, mergeObjects(cur, pv));
    }
  }
  return out;
}

/** Drops null-valued object members, recursively, also in objects inside arrays (array nulls stay). */
function pruneNulls<T>(v: T): T {
  if (Array.isArray(v)) {
    for (const item of v) if (item !== null) pruneNulls(item);
  } else if (isJsonObject(v)) {
    for (const k of Object.keys(v)) {
      if (v[k] === null) delete v[k];
      else pruneNulls(v[k]);
    }
  }
  return v;
}

/**
 * Builds the merge patch that turns `original` into `modified` (CreateMergePatch): changed
 * members as-is, removed members as null, nested objects as nested patches.
 */
export function createMergePatch(original: unknown, modified: unknown): unknown {
  if (!isJsonObject(original) || !isJsonObject(modified)) return cloneJson(modified);
  const out: JsonObject = {};
  for (const k of Object.keys(original)) if (!hasOwn(modified, k)) setOwn(out, k, null);
  for (const k of Object.keys(modified)) {
    const m = modified[k];
    if (!hasOwn(original, k)) { setOwn(out, k, cloneJson(m)); continue; }
    const o = original[k];
    if (isJsonObject(o) && isJsonObject(m)) {
      const sub = createMergePatch(o, m) as JsonObject;
      if (Object.keys(sub).length) setOwn(out, k, sub);
    } else if (!jsonEqual(o, m)) {
      setOwn(out, k, cloneJson(m));
    }
  }
  return out;
}
