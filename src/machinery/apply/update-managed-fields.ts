// managedFields for non-apply writes (POST, PUT, PATCH other than apply), as the API server's
// field manager Update: the writer's Update entry gains the fields that changed, other managers
// lose them; managedFields a client sends are honoured (an empty list resets them); an existing
// object that has no managedFields stays untracked; update entries are capped at ten.

import type { OpenAPISchema, SchemaRegistry } from '../../api/schema/types.js';
import type { KubeObject, ManagedFieldsEntry } from '../../api/types.js';
import { isPlainObject } from '../../api/types.js';
import { capUpdateManagers } from './capmanagers.js';
import { pathsToSet, recordUpdate, withoutManagedFields } from './chain.js';
import { decodeManagedFields, decodeOrEmpty, encodeManagedFields, type Managed } from './managed.js';
import { intersectSkeleton, zeroValueSkeleton } from './skeleton.js';
import { TypeInfo } from './typeinfo.js';
import { cloneJSON } from './values.js';

export interface UpdateManagedFieldsOptions {
  operation?: 'Update';
  /** The group/version of the endpoint ("apps/v1"). */
  apiVersion: string;
  /** RFC 3339 time for the manager's entry. */
  now: string;
  /** "status", "scale", ... for writes to a subresource (client-sent managedFields are then ignored). */
  subresource?: string;
  /** Reset fields of the strategy, never owned (e.g. [['status']] for the main resource). */
  ignoredPaths?: readonly (readonly string[])[];
  /**
   * What a create is compared against (upstream: the kind's Go zero value). Defaults to a skeleton
   * of the usual struct-valued fields (metadata, spec, status, template, strategy, ...); pass {}
   * for custom resources, which start from an empty object upstream too.
   */
  createBase?: unknown;
}

/** `updated` with its managedFields brought up to date for a write by `manager`. Never throws. */
export function updateManagedFields(old: KubeObject | undefined, updated: KubeObject, manager: string, opts: UpdateManagedFieldsOptions, schema: OpenAPISchema | undefined, registry: SchemaRegistry): KubeObject {
  try {
    return update(old, updated, manager, opts, schema, registry);
  } catch {
    // As UpdateNoErrors: keep the live object's managedFields rather than losing them.
    const out = cloneJSON(updated);
    if (!isPlainObject(out.metadata)) out.metadata = {};
    const liveFields = old?.metadata?.managedFields;
    if (liveFields) out.metadata.managedFields = cloneJSON(liveFields);
    else delete out.metadata.managedFields;
    return out;
  }
}

function update(old: KubeObject | undefined, updated: KubeObject, manager: string, opts: UpdateManagedFieldsOptions, schema: OpenAPISchema | undefined, registry: SchemaRegistry): KubeObject {
  const sent = updated.metadata?.managedFields;
  let managed: Managed;
  if (opts.subresource) {
    managed = decodeOrEmpty(old?.metadata?.managedFields);
  } else if (isResetManagedFields(sent)) {
    managed = new Map();
  } else {
    let decoded: Managed | undefined;
    try {
      decoded = decodeManagedFields(sent);
    } catch {
      decoded = undefined;
    }
    managed = decoded && decoded.size > 0 ? decoded : decodeOrEmpty(old?.metadata?.managedFields);
  }

  const out = withoutManagedFields(updated);
  if (!isPlainObject(out.metadata)) out.metadata = {};
  // An existing object nobody tracks stays untracked until its first apply.
  if (managed.size === 0 && old !== undefined) return out as unknown as KubeObject;

  const types = new TypeInfo(registry);
  const ctx = { types, schema, ignored: pathsToSet(opts.ignoredPaths) };
  const liveObj = old
    ? withoutManagedFields(old)
    : intersectSkeleton(opts.createBase ?? zeroValueSkeleton(types, schema), out);
  let m = recordUpdate(ctx, liveObj, out, managed, manager, opts);
  m = capUpdateManagers(m);
  const entries = encodeManagedFields(m);
  if (entries) (out.metadata as Record<string, unknown>).managedFields = entries;
  return out as unknown as KubeObject;
}

/** A non-nil empty list, or a list of one empty entry, asks to reset managedFields. */
function isResetManagedFields(mf: readonly ManagedFieldsEntry[] | undefined): boolean {
  if (!Array.isArray(mf)) return false;
  if (mf.length === 0) return true;
  return mf.length === 1 && isPlainObject(mf[0]) && Object.keys(mf[0]).length === 0;
}
