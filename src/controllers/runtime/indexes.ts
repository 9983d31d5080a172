// Secondary indexes the controllers add to shared informers. The same index name always means the
// same function, so several controllers may ask for it.

import type { KubeObject } from '../../api/types.js';
import { NAMESPACE_INDEX, namespaceIndexFunc, type IndexFunc } from '../../client/store.js';
import type { Informer } from '../../client/informer.js';
import { controllerRefOf } from './owner-refs.js';

export { NAMESPACE_INDEX };

/** Objects by the uid of their controller owner reference. */
export const CONTROLLER_UID_INDEX = 'controllerUID';
export const controllerUidIndexFunc: IndexFunc<KubeObject> = (obj) => {
  const ref = controllerRefOf(obj);
  return ref ? [ref.uid] : [];
};

/** Objects without a controller owner reference, by namespace: the only ones a controller may adopt. */
export const ORPHAN_INDEX = 'orphansByNamespace';
export const orphanIndexFunc: IndexFunc<KubeObject> = (obj) => (controllerRefOf(obj) ? [] : [obj.metadata.namespace ?? '']);

/**
 * The objects a controller can claim: those it controls and the orphans of its namespace. Objects
 * controlled by another owner are never claimed, so skipping them keeps a sync proportional to the
 * controller's own objects instead of to the whole namespace.
 */
export function claimCandidates<T extends KubeObject>(informer: Informer<T>, owner: KubeObject): T[] {
  return [
    ...informer.byIndex(CONTROLLER_UID_INDEX, owner.metadata.uid ?? ''),
    ...informer.byIndex(ORPHAN_INDEX, owner.metadata.namespace ?? ''),
  ];
}

/** Pods by spec.nodeName (unscheduled pods are not indexed). */
export const NODE_NAME_INDEX = 'nodeName';
export const nodeNameIndexFunc: IndexFunc<KubeObject> = (obj) => {
  const n = (obj.spec as { nodeName?: string } | undefined)?.nodeName;
  return n ? [n] : [];
};

const KNOWN: Record<string, IndexFunc<KubeObject>> = {
  [NAMESPACE_INDEX]: namespaceIndexFunc,
  [CONTROLLER_UID_INDEX]: controllerUidIndexFunc,
  [NODE_NAME_INDEX]: nodeNameIndexFunc,
  [ORPHAN_INDEX]: orphanIndexFunc,
};

/** Adds one of the indexes above to `informer` unless it has it already. */
export function ensureIndex<T extends KubeObject>(informer: Informer<T>, name: string): void {
  const fn = KNOWN[name];
  if (!fn) throw new Error(`unknown index ${name}`);
  try {
    informer.addIndexer(name, fn as IndexFunc<T>);
  } catch (e) {
    if (!(e instanceof Error && e.message.includes('already exists'))) throw e;
  }
}
