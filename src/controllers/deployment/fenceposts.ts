// Replica counts and the rolling-update fenceposts of a Deployment (upstream deployment_util.go
// ResolveFenceposts, MaxSurge, MaxUnavailable), with the API defaults applied when absent.

import type { Deployment, IntOrString, ReplicaSet } from '../runtime/types.js';
import { scaledValueFromIntOrPercent } from './int-or-percent.js';

const DEFAULT_FENCEPOST = '25%';

/** spec.replicas (default 1). */
export function replicasOf(obj: Deployment | ReplicaSet): number {
  return obj.spec?.replicas ?? 1;
}

export function isRollingUpdate(d: Deployment): boolean {
  return (d.spec?.strategy?.type ?? 'RollingUpdate') === 'RollingUpdate';
}

/**
 * maxSurge rounded up and maxUnavailable rounded down against `desired`; when both come to 0,
 * maxUnavailable becomes 1 (surge might be impossible, say under quota).
 */
export function resolveFenceposts(maxSurge: IntOrString | undefined, maxUnavailable: IntOrString | undefined, desired: number): { surge: number; unavailable: number } {
  const surge = scaledValueFromIntOrPercent(maxSurge ?? DEFAULT_FENCEPOST, desired, true);
  let unavailable = scaledValueFromIntOrPercent(maxUnavailable ?? DEFAULT_FENCEPOST, desired, false);
  if (surge === 0 && unavailable === 0) unavailable = 1;
  return { surge, unavailable };
}

function fenceposts(d: Deployment): { surge: number; unavailable: number } {
  const ru = d.spec?.strategy?.rollingUpdate;
  return resolveFenceposts(ru?.maxSurge, ru?.maxUnavailable, replicasOf(d));
}

/** Pods that may exist above spec.replicas during a rolling update (0 for Recreate). */
export function maxSurge(d: Deployment): number {
  if (!isRollingUpdate(d)) return 0;
  return fenceposts(d).surge;
}

/** Pods that may be unavailable during a rolling update (0 for Recreate), at most spec.replicas. */
export function maxUnavailable(d: Deployment): number {
  const replicas = replicasOf(d);
  if (!isRollingUpdate(d) || replicas === 0) return 0;
  return Math.min(fenceposts(d).unavailable, replicas);
}

/** spec.replicas - maxUnavailable. */
export function minAvailable(d: Deployment): number {
  return replicasOf(d) - maxUnavailable(d);
}
