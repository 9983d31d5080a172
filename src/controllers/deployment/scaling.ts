// How many replicas each of a Deployment's ReplicaSets should have (upstream sync.go scale,
// deployment_util.go NewRSNewReplicas, IsSaturated, GetReplicaSetProportion). Pure planning: the
// controller applies the returned steps.

import type { Deployment, ReplicaSet } from '../runtime/types.js';
import { desiredReplicasAnnotation, maxReplicasAnnotation } from './annotations.js';
import { isRollingUpdate, maxSurge, replicasOf } from './fenceposts.js';
import { scaledValueFromIntOrPercent } from './int-or-percent.js';
import { bySizeNewer, bySizeOlder, filterActiveReplicaSets, findActiveOrLatest, specReplicas } from './replica-sets.js';

export type ScaleOperation = 'up' | 'down' | '';

export interface ScaleStep {
  rs: ReplicaSet;
  replicas: number;
  operation: ScaleOperation;
  /** Write even when the size stays, to bring desired/max replicas annotations up to date. */
  syncAnnotations: boolean;
}

export function stepTo(rs: ReplicaSet, replicas: number): ScaleStep {
  const cur = replicasOf(rs);
  return { rs, replicas, operation: cur < replicas ? 'up' : cur > replicas ? 'down' : '', syncAnnotations: false };
}

/** Go's integer.RoundToInt32: half away from zero. */
function round(v: number): number {
  return v < 0 ? Math.trunc(v - 0.5) : Math.trunc(v + 0.5);
}

/** The size the new ReplicaSet may grow to now (RollingUpdate: within maxSurge; Recreate: all). */
export function newRSNewReplicas(d: Deployment, allRSs: readonly (ReplicaSet | undefined)[], newRS: ReplicaSet): number {
  const want = replicasOf(d);
  if (!isRollingUpdate(d)) {
    if ((d.spec?.strategy?.type ?? 'RollingUpdate') === 'Recreate') return want;
    throw new Error(`deployment type ${d.spec?.strategy?.type ?? ''} isn't supported`);
  }
  const surge = scaledValueFromIntOrPercent(d.spec?.strategy?.rollingUpdate?.maxSurge ?? '25%', want, true);
  const current = specReplicas(allRSs);
  const maxTotal = want + surge;
  const cur = replicasOf(newRS);
  if (current >= maxTotal) return cur;
  return cur + Math.min(maxTotal - current, want - cur);
}

/** The new set holds all desired replicas, believes so (annotation), and all are available. */
export function isSaturated(d: Deployment, rs: ReplicaSet | undefined): boolean {
  if (!rs) return false;
  const desired = desiredReplicasAnnotation(rs);
  if (desired === undefined) return false;
  const want = replicasOf(d);
  return replicasOf(rs) === want && desired === want && (rs.status?.availableReplicas ?? 0) === want;
}

function replicaSetFraction(rs: ReplicaSet, d: Deployment): number {
  const want = replicasOf(d);
  if (want === 0) return -replicasOf(rs);
  const maxNow = want + maxSurge(d);
  let maxBefore = maxReplicasAnnotation(rs);
  if (!maxBefore) {
    maxBefore = d.status?.replicas ?? 0;
    if (!maxBefore) return 0;
  }
  return round((replicasOf(rs) * maxNow) / maxBefore) - replicasOf(rs);
}

/** This set's share of `toAdd` replicas (negative when removing), given `added` handed out so far. */
export function replicaSetProportion(rs: ReplicaSet | undefined, d: Deployment, toAdd: number, added: number): number {
  if (!rs || replicasOf(rs) === 0 || toAdd === 0 || toAdd === added) return 0;
  const fraction = replicaSetFraction(rs, d);
  const allowed = toAdd - added;
  return toAdd > 0 ? Math.min(fraction, allowed) : Math.max(fraction, allowed);
}

/**
 * The scaling a Deployment needs outside a rollout step (a scaling event, or while paused): the
 * only active set takes all replicas; a saturated new set means old sets go to 0; otherwise, for
 * RollingUpdate, the difference is spread proportionally over the active sets.
 */
export function planScale(d: Deployment, newRS: ReplicaSet | undefined, oldRSs: readonly ReplicaSet[]): ScaleStep[] {
  const want = replicasOf(d);
  const only = findActiveOrLatest(newRS, oldRSs);
  if (only) return replicasOf(only) === want ? [] : [stepTo(only, want)];
  if (isSaturated(d, newRS)) return filterActiveReplicaSets(oldRSs).map((rs) => stepTo(rs, 0));
  if (!isRollingUpdate(d)) return [];

  const all = filterActiveReplicaSets([...oldRSs, newRS]);
  const allowed = want > 0 ? want + maxSurge(d) : 0;
  const toAdd = allowed - specReplicas(all);
  let operation: ScaleOperation = '';
  if (toAdd > 0) { all.sort(bySizeNewer); operation = 'up'; }
  else if (toAdd < 0) { all.sort(bySizeOlder); operation = 'down'; }

  let added = 0;
  const sizes = all.map((rs) => {
    if (toAdd === 0) return replicasOf(rs);
    const p = replicaSetProportion(rs, d, toAdd, added);
    added += p;
    return replicasOf(rs) + p;
  });
  if (all.length && toAdd !== 0) sizes[0] = Math.max(0, (sizes[0] ?? 0) + toAdd - added);
  return all.map((rs, i) => ({ rs, replicas: sizes[i] ?? 0, operation, syncAnnotations: true }));
}
