// One step of a rolling update (upstream rolling.go): grow the new ReplicaSet within maxSurge,
// then shrink old ones while keeping at least spec.replicas - maxUnavailable pods available,
// unhealthy old replicas first. Pure planning: the controller applies the sizes.

import type { Deployment, ReplicaSet } from '../runtime/types.js';
import { maxUnavailable, replicasOf } from './fenceposts.js';
import { availableReplicas, byCreationTimestamp, specReplicas } from './replica-sets.js';
import { newRSNewReplicas } from './scaling.js';

/** The size the new ReplicaSet should have after this step. */
export function newReplicaSetTarget(d: Deployment, allRSs: readonly ReplicaSet[], newRS: ReplicaSet): number {
  const want = replicasOf(d);
  const cur = replicasOf(newRS);
  if (cur === want) return cur;
  if (cur > want) return want;
  return newRSNewReplicas(d, allRSs, newRS);
}

export interface OldScaleDown {
  rs: ReplicaSet;
  replicas: number;
}

/**
 * How far each old ReplicaSet should shrink in this step (one entry per set that shrinks, oldest
 * first). `oldRSs` are the active old sets; `allRSs` includes the new one.
 */
export function oldReplicaSetsScaleDown(d: Deployment, allRSs: readonly ReplicaSet[], oldRSs: readonly ReplicaSet[], newRS: ReplicaSet): OldScaleDown[] {
  if (specReplicas(oldRSs) === 0) return [];
  const allPods = specReplicas(allRSs);
  const minAvail = replicasOf(d) - maxUnavailable(d);
  const newUnavailable = replicasOf(newRS) - (newRS.status?.availableReplicas ?? 0);
  const maxScaledDown = allPods - minAvail - newUnavailable;
  if (maxScaledDown <= 0) return [];

  // Working copies: sizes change as we plan.
  const olds = [...oldRSs].sort(byCreationTimestamp).map((rs) => ({ rs, size: replicasOf(rs) }));

  // 1. Unhealthy old replicas can go without lowering availability.
  let cleaned = 0;
  for (const o of olds) {
    if (cleaned >= maxScaledDown) break;
    const avail = o.rs.status?.availableReplicas ?? 0;
    if (o.size === 0 || o.size === avail) continue;
    const n = Math.min(maxScaledDown - cleaned, o.size - avail);
    o.size -= n;
    cleaned += n;
  }

  // 2. Then healthy ones, as far as availability allows.
  const available = availableReplicas([...olds.map((o) => o.rs), newRS]);
  if (available > minAvail) {
    const total = available - minAvail;
    let done = 0;
    for (const o of olds) {
      if (done >= total) break;
      if (o.size === 0) continue;
      const n = Math.min(o.size, total - done);
      o.size -= n;
      done += n;
    }
  }
  return olds.filter((o) => o.size !== replicasOf(o.rs)).map((o) => ({ rs: o.rs, replicas: o.size }));
}
