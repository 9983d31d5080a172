// Server-side apply (PATCH with application/apply-patch+yaml), as the API server's field manager
// runs it: version check, last-applied handling for kubectl, tracking of pre-existing fields
// ("before-first-apply"), the structured merge with pruning and conflict detection, stripping of
// meta fields, timestamps, and managedFields written back sorted.

import type { OpenAPISchema, SchemaRegistry } from '../../api/schema/types.js';
import type { KubeObject } from '../../api/types.js';
import { isPlainObject } from '../../api/types.js';
import { badRequest, StatusError } from '../errors.js';
import { gvkString, pathsToSet, recordUpdate, withoutManagedFields } from './chain.js';
import { conflictError, type Conflict } from './conflict.js';
import { decodeManagedFields, encodeManagedFields, managerIdentity, type Managed } from './managed.js';
import { pathString, type FieldPath } from './path.js';
import { allowedConflictsFromLastApplied, buildLastApplied, hasLastApplied, LAST_APPLIED_ANNOTATION } from './last-applied.js';
import { intersectSkeleton, zeroValueSkeleton } from './skeleton.js';
import { stripMeta } from './stripmeta.js';
import { TypeInfo, type Schema } from './typeinfo.js';
import { ApplyConflicts, structuredApply, type UpdaterContext } from './updater.js';
import { cloneJSON, valuesEqual } from './values.js';
import { serializePathElement } from './path.js';

export interface ApplyOptions {
  /** Take ownership of conflicting fields instead of failing (?force=true). */
  force: boolean;
  /** The group/version of the endpoint ("apps/v1"); the applied object must use it. */
  apiVersion: string;
  /** RFC 3339 time for the manager's entry. */
  now: string;
  /** "status", "scale", ... when applying to a subresource. */
  subresource?: string;
  /** Expected kind; defaults to the live object's kind, else the applied one. */
  kind?: string;
  /** Reset fields of the strategy, never owned (e.g. [['status']] for the main resource). */
  ignoredPaths?: readonly (readonly string[])[];
}

export interface ApplyResult {
  /** The object to persist, with managedFields set. */
  object: KubeObject;
  /** False when the object (managedFields included) is the live object unchanged. */
  changed: boolean;
}

/**
 * Applies `applied` for `manager`. `live` undefined means create. Throws a 409 StatusError on
 * conflicts (unless opts.force), 400 for a wrong type or managedFields in the configuration, 500
 * (as upstream) for a configuration that cannot be typed (duplicate or missing list keys).
 */
export function apply(live: KubeObject | undefined, applied: KubeObject, manager: string, opts: ApplyOptions, schema: OpenAPISchema | undefined, registry: SchemaRegistry): ApplyResult {
  const types = new TypeInfo(registry);
  const ctx: UpdaterContext = { types, schema, ignored: pathsToSet(opts.ignoredPaths) };

  let managed: Managed;
  try {
    managed = decodeManagedFields(live?.metadata?.managedFields);
  } catch (e) {
    throw new StatusError(500, '', `failed to decode managed fields: ${(e as Error).message}`, undefined, { cause: e });
  }

  const kind = opts.kind ?? live?.kind ?? applied.kind;
  if (applied.apiVersion !== opts.apiVersion || applied.kind !== kind) {
    throw badRequest(`invalid object type: ${gvkString(applied.apiVersion ?? '', applied.kind ?? '')}`);
  }
  if (applied.metadata?.managedFields !== undefined && applied.metadata.managedFields !== null) {
    throw badRequest('metadata.managedFields must be nil');
  }
  validateConfiguration(types, applied, schema);

  const liveObj: Record<string, unknown> = live ? withoutManagedFields(live) : {};
  const attempt = (force: boolean): { object: unknown; managers: Managed } =>
    applyOnce(ctx, liveObj, live !== undefined, applied, new Map(managed), manager, opts, force);

  let result: { object: unknown; managers: Managed };
  try {
    result = attempt(opts.force);
  } catch (e) {
    if (!(e instanceof ApplyConflicts)) throw e;
    result = retryForLastApplied(e.conflicts, ctx, live, manager, opts, () => attempt(true));
  }

  const out = cloneJSON(result.object ?? liveObj) as Record<string, unknown>;
  dropNewNulls(out, liveObj);
  if (manager === 'kubectl' && hasLastApplied(out)) {
    const meta = out.metadata as Record<string, unknown>;
    meta.annotations = { ...(meta.annotations as Record<string, unknown>), [LAST_APPLIED_ANNOTATION]: buildLastApplied(applied) };
  }
  if (!isPlainObject(out.metadata)) out.metadata = {};
  const meta = out.metadata as Record<string, unknown>;
  const entries = encodeManagedFields(result.managers);
  if (entries) meta.managedFields = entries;
  else delete meta.managedFields;
  const object = out as unknown as KubeObject;
  return { object, changed: !valuesEqual(object, live) };
}

/** One pass of the manager chain below the last-applied handling. */
function applyOnce(ctx: UpdaterContext, liveObj: Record<string, unknown>, exists: boolean, config: KubeObject, managed: Managed, manager: string, opts: ApplyOptions, force: boolean): { object: unknown; managers: Managed } {
  let m = managed;
  // Fields of an object nobody tracked yet belong to "before-first-apply".
  if (m.size === 0 && exists) {
    const base = intersectSkeleton(zeroValueSkeleton(ctx.types, ctx.schema), liveObj);
    m = recordUpdate(ctx, base, liveObj, m, 'before-first-apply', opts);
  }
  const name = manager || 'unknown';
  const id = managerIdentity(name, 'Apply', opts.apiVersion, opts.subresource);
  const template = {
    manager: name, operation: 'Apply' as const, apiVersion: opts.apiVersion,
    ...(opts.subresource ? { subresource: opts.subresource } : {}),
  };
  const r = structuredApply(ctx, liveObj, config, m, id, template, force);
  const managers = stripMeta(r.managers, id);
  const entry = managers.get(id);
  if (entry && r.object !== undefined) managers.set(id, { ...entry, time: opts.now });
  return { object: r.object, managers };
}

/**
 * kubectl moving from client-side to server-side apply: conflicts on fields that still hold their
 * last-applied values are forced; any other conflict fails the apply.
 */
function retryForLastApplied(conflicts: Conflict[], ctx: UpdaterContext, live: KubeObject | undefined, manager: string, opts: ApplyOptions, forced: () => { object: unknown; managers: Managed }): { object: unknown; managers: Managed } {
  const allowed = manager === 'kubectl' && live
    ? allowedConflictsFromLastApplied(ctx.types, ctx.schema, withoutManagedFields(live), opts.apiVersion)
    : undefined;
  if (!allowed) throw conflictError(conflicts);
  const remaining = conflicts.filter((c) => !allowed.has(c.path));
  if (remaining.length > 0) throw conflictError(remaining);
  return forced();
}

/** Removes nulls the merge left behind (emptied maps and lists, null in the configuration) unless live had them. */
function dropNewNulls(obj: unknown, live: unknown): void {
  if (Array.isArray(obj)) {
    obj.forEach((item, i) => dropNewNulls(item, Array.isArray(live) ? live[i] : undefined));
    return;
  }
  if (!isPlainObject(obj)) return;
  for (const [k, v] of Object.entries(obj)) {
    const lv = isPlainObject(live) ? live[k] : undefined;
    if (v === null) {
      if (lv !== null) delete obj[k];
    } else {
      dropNewNulls(v, lv);
    }
  }
}

/** Rejects configurations structured-merge-diff cannot type: list items without keys, duplicate keys. */
function validateConfiguration(types: TypeInfo, config: KubeObject, schema: Schema): void {
  const errors: string[] = [];
  const at = (path: FieldPath, msg: string): void => {
    errors.push(path.length > 0 ? `${pathString(path)}: ${msg}` : msg);
  };
  const walk = (value: unknown, s: Schema, path: FieldPath): void => {
    const atom = types.schemaAtom(s);
    if (Array.isArray(value)) {
      if (atom?.kind !== 'list' || atom.atomic) return;
      const seen = new Set<string>();
      value.forEach((item, i) => {
        const problem = types.listItemProblem(atom, item);
        if (problem) {
          at(path, `element ${i}: ${problem}`);
          return;
        }
        const pe = types.listItemPE(atom, item, i);
        if (!pe) return;
        const key = serializePathElement(pe);
        if (seen.has(key)) {
          at(path, `duplicate entries for key ${pathString([pe])}`);
          return;
        }
        seen.add(key);
        walk(item, atom.items, [...path, pe]);
      });
      return;
    }
    if (isPlainObject(value) && atom?.kind === 'map' && !atom.atomic) {
      for (const [k, v] of Object.entries(value)) walk(v, types.fieldSchema(atom, k), [...path, { kind: 'field', name: k }]);
    }
  };
  walk(config, schema, []);
  if (errors.length === 0) return;
  const detail = errors.length === 1 ? errors[0] : ['errors:', ...errors.map((e) => `  ${e}`)].join('\n');
  const meta = config.metadata ?? {};
  const what = `${meta.namespace ?? ''}/${meta.name ?? ''}; ${gvkString(config.apiVersion, config.kind)}`;
  throw new StatusError(500, '', `failed to create typed patch object (${what}): ${detail}`);
}
