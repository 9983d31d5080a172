// A Deployment's status and its progress conditions (upstream sync.go calculateStatus and
// progress.go syncRolloutStatus / requeueStuckDeployment, deployment_util.go DeploymentComplete,
// DeploymentProgressing, DeploymentTimedOut).

import type { Condition, Deployment, DeploymentStatus, ReplicaSet } from '../runtime/types.js';
import { parseTime } from '../runtime/pod-util.js';
import { semanticEqual } from '../runtime/semantic-equal.js';
import { maxUnavailable, replicasOf } from './fenceposts.js';
import { actualReplicas, availableReplicas, readyReplicas, specReplicas } from './replica-sets.js';
import {
  AVAILABLE, PROGRESSING, REASON, REPLICA_FAILURE, getDeploymentCondition, newDeploymentCondition, removeDeploymentCondition, setDeploymentCondition,
} from './conditions.js';

const MAX_INT32 = 2147483647;

/** spec.progressDeadlineSeconds is set (default 600) and not "forever" (MaxInt32). */
export function hasProgressDeadline(d: Deployment): boolean {
  const s = d.spec?.progressDeadlineSeconds ?? 600;
  return s !== MAX_INT32;
}

export function progressDeadlineSeconds(d: Deployment): number {
  return d.spec?.progressDeadlineSeconds ?? 600;
}

/** Drops zero and empty fields, as the Go type's omitempty does. */
export function normalizeDeploymentStatus(s: DeploymentStatus): DeploymentStatus {
  const out: DeploymentStatus = {};
  if (s.observedGeneration) out.observedGeneration = s.observedGeneration;
  if (s.replicas) out.replicas = s.replicas;
  if (s.updatedReplicas) out.updatedReplicas = s.updatedReplicas;
  if (s.readyReplicas) out.readyReplicas = s.readyReplicas;
  if (s.availableReplicas) out.availableReplicas = s.availableReplicas;
  if (s.unavailableReplicas) out.unavailableReplicas = s.unavailableReplicas;
  if (s.conditions?.length) out.conditions = s.conditions;
  if (s.collisionCount !== undefined && s.collisionCount !== null) out.collisionCount = s.collisionCount;
  return out;
}

export function deploymentStatusEqual(a: DeploymentStatus | undefined, b: DeploymentStatus | undefined): boolean {
  return semanticEqual(normalizeDeploymentStatus(a ?? {}), normalizeDeploymentStatus(b ?? {}));
}

/** Counts from the ReplicaSets, the observed generation, and the Available condition. */
export function calculateStatus(allRSs: readonly (ReplicaSet | undefined)[], newRS: ReplicaSet | undefined, d: Deployment, now: number): DeploymentStatus {
  const available = availableReplicas(allRSs);
  const unavailable = Math.max(0, specReplicas(allRSs) - available);
  const status: DeploymentStatus = {
    observedGeneration: d.metadata.generation,
    replicas: actualReplicas(allRSs),
    updatedReplicas: actualReplicas([newRS]),
    readyReplicas: readyReplicas(allRSs),
    availableReplicas: available,
    unavailableReplicas: unavailable,
    conditions: structuredClone(d.status?.conditions ?? []),
    collisionCount: d.status?.collisionCount,
  };
  if (available >= replicasOf(d) - maxUnavailable(d)) {
    setDeploymentCondition(status, newDeploymentCondition(AVAILABLE, 'True', REASON.minimumReplicasAvailable, 'Deployment has minimum availability.', now));
  } else {
    setDeploymentCondition(status, newDeploymentCondition(AVAILABLE, 'False', REASON.minimumReplicasUnavailable, 'Deployment does not have minimum availability.', now));
  }
  return normalizeDeploymentStatus(status);
}

/** All replicas updated and available, nothing old left, and the current generation observed. */
export function deploymentComplete(d: Deployment, s: DeploymentStatus): boolean {
  const want = replicasOf(d);
  return (s.updatedReplicas ?? 0) === want && (s.replicas ?? 0) === want && (s.availableReplicas ?? 0) === want
    && (s.observedGeneration ?? 0) >= (d.metadata.generation ?? 0);
}

/** More pods updated, fewer old ones, or more ready or available than the last recorded status. */
export function deploymentProgressing(d: Deployment, s: DeploymentStatus): boolean {
  const old = d.status ?? {};
  const oldOld = (old.replicas ?? 0) - (old.updatedReplicas ?? 0);
  const newOld = (s.replicas ?? 0) - (s.updatedReplicas ?? 0);
  return (s.updatedReplicas ?? 0) > (old.updatedReplicas ?? 0) || newOld < oldOld
    || (s.readyReplicas ?? 0) > (old.readyReplicas ?? 0) || (s.availableReplicas ?? 0) > (old.availableReplicas ?? 0);
}

/** The Progressing condition was last updated more than progressDeadlineSeconds ago (or already timed out). */
export function deploymentTimedOut(d: Deployment, s: DeploymentStatus, now: number): boolean {
  if (!hasProgressDeadline(d)) return false;
  const cond = getDeploymentCondition(s, PROGRESSING);
  if (!cond) return false;
  if (cond.reason === REASON.timedOut) return true;
  const from = parseTime(cond.lastUpdateTime);
  if (from === undefined) return false;
  return from + progressDeadlineSeconds(d) * 1000 < now;
}

function replicaFailures(allRSs: readonly (ReplicaSet | undefined)[], newRS: ReplicaSet | undefined): Condition[] {
  const toDeployment = (c: Condition): Condition => ({
    type: c.type, status: c.status, lastUpdateTime: c.lastTransitionTime, lastTransitionTime: c.lastTransitionTime, reason: c.reason, message: c.message,
  });
  const fromNew = (newRS?.status?.conditions ?? []).filter((c) => c.type === REPLICA_FAILURE).map(toDeployment);
  if (fromNew.length) return fromNew;
  const out: Condition[] = [];
  for (const rs of allRSs) for (const c of rs?.status?.conditions ?? []) if (c.type === REPLICA_FAILURE) out.push(toDeployment(c));
  return out;
}

/** The status after a rollout step: counts, Available, and Progressing (complete, progressing or timed out). */
export function rolloutStatus(allRSs: readonly (ReplicaSet | undefined)[], newRS: ReplicaSet | undefined, d: Deployment, now: number): DeploymentStatus {
  const s = calculateStatus(allRSs, newRS, d, now);
  if (!hasProgressDeadline(d)) removeDeploymentCondition(s, PROGRESSING);
  const current = getDeploymentCondition(d.status, PROGRESSING);
  const isComplete = (s.replicas ?? 0) === (s.updatedReplicas ?? 0) && current?.reason === REASON.newRSAvailable;
  if (hasProgressDeadline(d) && !isComplete) {
    const name = d.metadata.name ?? '';
    if (deploymentComplete(d, s)) {
      const msg = newRS ? `ReplicaSet "${newRS.metadata.name ?? ''}" has successfully progressed.` : `Deployment "${name}" has successfully progressed.`;
      setDeploymentCondition(s, newDeploymentCondition(PROGRESSING, 'True', REASON.newRSAvailable, msg, now));
    } else if (deploymentProgressing(d, s)) {
      const msg = newRS ? `ReplicaSet "${newRS.metadata.name ?? ''}" is progressing.` : `Deployment "${name}" is progressing.`;
      const cond = newDeploymentCondition(PROGRESSING, 'True', REASON.replicaSetUpdated, msg, now);
      // Progress refreshes lastUpdateTime even when the reason stays the same.
      if (current) {
        if (current.status === 'True') cond.lastTransitionTime = current.lastTransitionTime;
        removeDeploymentCondition(s, PROGRESSING);
      }
      setDeploymentCondition(s, cond);
    } else if (deploymentTimedOut(d, s, now)) {
      const msg = newRS ? `ReplicaSet "${newRS.metadata.name ?? ''}" has timed out progressing.` : `Deployment "${name}" has timed out progressing.`;
      setDeploymentCondition(s, newDeploymentCondition(PROGRESSING, 'False', REASON.timedOut, msg, now));
    }
  }
  const failures = replicaFailures(allRSs, newRS);
  if (failures.length) setDeploymentCondition(s, failures[0] as Condition);
  else removeDeploymentCondition(s, REPLICA_FAILURE);
  return normalizeDeploymentStatus(s);
}

/**
 * When a rollout that shows no progress should be looked at again to check its deadline:
 * milliseconds from now (0 = now), or undefined when no check is needed.
 */
export function stuckDeploymentRecheckMs(d: Deployment, s: DeploymentStatus, now: number): number | undefined {
  const current = getDeploymentCondition(d.status, PROGRESSING);
  if (!hasProgressDeadline(d) || !current) return undefined;
  if (deploymentComplete(d, s) || current.reason === REASON.timedOut) return undefined;
  const last = parseTime(current.lastUpdateTime);
  if (last === undefined) return undefined;
  const after = last + progressDeadlineSeconds(d) * 1000 - now;
  // A second more, so the check lands after the deadline despite rounding to seconds.
  return after < 1000 ? 0 : after + 1000;
}
