// Pieces shared by apply and updateManagedFields: recording a non-apply write for a manager
// (managedfields' buildManagerInfo + managedFieldsUpdater + stripMeta around the structured
// update), reset-field sets, and object helpers.

import type { KubeObject } from '../../api/types.js';
import { isPlainObject } from '../../api/types.js';
import { FieldSet } from './fieldset.js';
import { managerIdentity, type Managed } from './managed.js';
import { fieldPE } from './path.js';
import { stripMeta } from './stripmeta.js';
import { updateSet, type UpdaterContext } from './updater.js';
import { cloneJSON } from './values.js';

const CURRENT_OPERATION = '\u0000current-operation';

export interface WriteInfo {
  apiVersion: string;
  now: string;
  subresource?: string;
}

/**
 * Records that `manager` changed `liveObj` into `newObj`: the changed fields move to its Update
 * entry (timestamped now) and away from everyone else. Nothing changes if no field changed.
 */
export function recordUpdate(ctx: UpdaterContext, liveObj: unknown, newObj: unknown, managed: Managed, manager: string, info: WriteInfo): Managed {
  const name = manager || 'unknown';
  const id = managerIdentity(name, 'Update', info.apiVersion, info.subresource);
  const template = { manager: 'current-operation', operation: 'Update' as const, apiVersion: info.apiVersion };
  let m = updateSet(ctx, liveObj, newObj, managed, CURRENT_OPERATION, template);
  m = stripMeta(m, CURRENT_OPERATION);
  const cur = m.get(CURRENT_OPERATION);
  if (!cur) return m;
  m.delete(CURRENT_OPERATION);
  const prev = m.get(id);
  m.set(id, {
    manager: name, operation: 'Update', apiVersion: info.apiVersion,
    ...(info.subresource ? { subresource: info.subresource } : {}),
    set: prev ? cur.set.union(prev.set) : cur.set,
    time: info.now,
  });
  return m;
}

/** Reset fields given as paths of field names (e.g. [['status']]). */
export function pathsToSet(paths: readonly (readonly string[])[] | undefined): FieldSet | undefined {
  if (!paths || paths.length === 0) return undefined;
  return FieldSet.of(...paths.map((p) => p.map(fieldPE)));
}

/** A deep copy of an object without metadata.managedFields. */
export function withoutManagedFields(obj: KubeObject): Record<string, unknown> {
  const out = cloneJSON(obj) as unknown as Record<string, unknown>;
  if (isPlainObject(out.metadata)) delete out.metadata.managedFields;
  return out;
}

/** "apps/v1, Kind=Deployment" (schema.GroupVersionKind.String). */
export function gvkString(apiVersion: string, kind: string): string {
  const i = apiVersion.indexOf('/');
  const group = i >= 0 ? apiVersion.slice(0, i) : '';
  const version = i >= 0 ? apiVersion.slice(i + 1) : apiVersion;
  return `${group}/${version}, Kind=${kind}`;
}
