// Fields never tracked in managedFields (managedfields' stripMetaManager): type meta and the
// server-owned parts of object meta. Only these exact paths are stripped, not what is below them
// (metadata.labels stays owned).

import { FieldSet } from './fieldset.js';
import type { Managed } from './managed.js';
import { fieldPE } from './path.js';

const STRIP = FieldSet.of(
  [fieldPE('apiVersion')],
  [fieldPE('kind')],
  [fieldPE('metadata')],
  ...['name', 'namespace', 'creationTimestamp', 'selfLink', 'uid', 'clusterName', 'generation', 'managedFields', 'resourceVersion']
    .map((f) => [fieldPE('metadata'), fieldPE(f)]),
);

/** Strips the meta fields from one manager's set, dropping the manager when nothing is left. */
export function stripMeta(managed: Managed, id: string): Managed {
  const e = managed.get(id);
  if (!e) return managed;
  const out: Managed = new Map(managed);
  const set = e.set.difference(STRIP);
  if (set.isEmpty()) out.delete(id);
  else out.set(id, { ...e, set });
  return out;
}
