// Adoption and release by a controller (upstream ControllerRefManager.ClaimObject): an object
// owned by the controller and matching its selector is claimed; owned but no longer matching is
// released; an orphan that matches is adopted, once the controller has been re-read from the
// API server and found alive (so a controller being deleted never adopts).

import type { KubeObject, OwnerReference } from '../../api/types.js';
import { isStatusError } from '../../machinery/errors.js';
import type { ResourceClient } from '../../client/resource-client.js';
import { controllerRefOf, newControllerRef } from './owner-refs.js';

export interface ClaimOptions<T extends KubeObject> {
  /** The controller object (from the cache). */
  owner: KubeObject;
  ownerApiVersion: string;
  ownerKind: string;
  /** Candidates (from the cache; never mutated). */
  objects: readonly T[];
  /** Whether the controller wants this object (its selector matches, and so on). */
  match: (obj: T) => boolean;
  /** Throws when the controller may not adopt (it is gone or being deleted); called at most once. */
  canAdopt: () => Promise<void>;
  /** Writes `obj` with these ownerReferences; compare-and-swap on its resourceVersion. */
  setOwnerReferences: (obj: T, refs: OwnerReference[]) => Promise<unknown>;
}

export interface ClaimResult<T> {
  claimed: T[];
  /** Failed adoptions and releases; the caller should retry later. */
  errors: unknown[];
}

const isNotFound = (e: unknown): boolean => isStatusError(e) && e.code === 404;

export async function claimObjects<T extends KubeObject>(o: ClaimOptions<T>): Promise<ClaimResult<T>> {
  const ownerUid = o.owner.metadata.uid;
  const ownerDeleting = !!o.owner.metadata.deletionTimestamp;
  const claimed: T[] = [];
  const errors: unknown[] = [];
  let adoptCheck: Promise<void> | undefined;
  const canAdoptOnce = (): Promise<void> => (adoptCheck ??= o.canAdopt());

  for (const obj of o.objects) {
    const ref = controllerRefOf(obj);
    if (ref) {
      if (ref.uid !== ownerUid) continue; // someone else's
      if (o.match(obj)) { claimed.push(obj); continue; }
      if (ownerDeleting) continue;
      try {
        const refs = (obj.metadata.ownerReferences ?? []).filter((r) => r.uid !== ownerUid);
        await o.setOwnerReferences(obj, refs);
      } catch (e) {
        if (!isNotFound(e)) errors.push(e);
      }
      continue;
    }
    // An orphan.
    if (ownerDeleting || !o.match(obj) || obj.metadata.deletionTimestamp) continue;
    if (o.owner.metadata.namespace && o.owner.metadata.namespace !== obj.metadata.namespace) continue;
    try {
      await canAdoptOnce();
      const refs = [...(obj.metadata.ownerReferences ?? []).filter((r) => r.uid !== ownerUid), newControllerRef(o.owner, o.ownerApiVersion, o.ownerKind)];
      await o.setOwnerReferences(obj, refs);
      claimed.push(obj);
    } catch (e) {
      if (!isNotFound(e)) errors.push(e);
    }
  }
  return { claimed, errors };
}

/**
 * A setOwnerReferences for objects of `rc`: a merge patch of metadata.ownerReferences guarded by
 * the cached resourceVersion, so a stale cache gets 409 Conflict instead of overwriting.
 */
export function ownerReferencesPatcher<T extends KubeObject>(rc: ResourceClient<T>, fieldManager: string): (obj: T, refs: OwnerReference[]) => Promise<T> {
  return (obj, refs) => rc.inNamespace(obj.metadata.namespace).patch(obj.metadata.name ?? '', {
    metadata: { resourceVersion: obj.metadata.resourceVersion, ownerReferences: refs.length ? refs : null },
  }, 'merge', { fieldManager });
}

/**
 * A canAdopt that re-reads the controller from the API server (upstream
 * RecheckDeletionTimestamp): it must still exist with the same uid and not be being deleted.
 */
export function recheckDeletionTimestamp(get: () => Promise<KubeObject>, owner: KubeObject, describe: string): () => Promise<void> {
  return async () => {
    const fresh = await get();
    if (fresh.metadata.uid !== owner.metadata.uid) {
      throw new Error(`original ${describe} is gone: got uid ${fresh.metadata.uid}, wanted ${owner.metadata.uid}`);
    }
    if (fresh.metadata.deletionTimestamp) {
      throw new Error(`${describe} has just been deleted at ${fresh.metadata.deletionTimestamp}`);
    }
  };
}
