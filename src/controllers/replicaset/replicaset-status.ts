// A ReplicaSet's status from its pods (upstream replica_set_utils.go calculateStatus).

import { rfc3339 } from '../../machinery/clock.js';
import type { Condition, Pod, ReplicaSet, ReplicaSetStatus } from '../runtime/types.js';
import { isPodAvailable, isPodReady } from '../runtime/pod-util.js';
import { semanticEqual } from '../runtime/semantic-equal.js';
import { errorMessage } from '../runtime/api-errors.js';

export const REPLICA_FAILURE = 'ReplicaFailure';

function labelsContain(labels: Record<string, string> | undefined, want: Record<string, string>): boolean {
  for (const [k, v] of Object.entries(want)) if (labels?.[k] !== v) return false;
  return true;
}

/**
 * The status `rs` should have, given its active pods and the error (if any) of the last attempt
 * to create or delete pods. observedGeneration is left as it was.
 */
export function calculateReplicaSetStatus(rs: ReplicaSet, activePods: readonly Pod[], manageReplicasErr: unknown, now: number): ReplicaSetStatus {
  const templateLabels = rs.spec?.template?.metadata?.labels ?? {};
  const minReady = rs.spec?.minReadySeconds ?? 0;
  let fullyLabeled = 0;
  let ready = 0;
  let available = 0;
  for (const pod of activePods) {
    if (labelsContain(pod.metadata.labels, templateLabels)) fullyLabeled++;
    if (isPodReady(pod)) {
      ready++;
      if (isPodAvailable(pod, minReady, now)) available++;
    }
  }
  let conditions: Condition[] = [...(rs.status?.conditions ?? [])];
  const failure = conditions.find((c) => c.type === REPLICA_FAILURE);
  if (manageReplicasErr !== undefined && !failure) {
    const diff = activePods.length - (rs.spec?.replicas ?? 1);
    const reason = diff < 0 ? 'FailedCreate' : diff > 0 ? 'FailedDelete' : '';
    conditions.push({ type: REPLICA_FAILURE, status: 'True', lastTransitionTime: rfc3339(now), reason, message: errorMessage(manageReplicasErr) });
  } else if (manageReplicasErr === undefined && failure) {
    conditions = conditions.filter((c) => c.type !== REPLICA_FAILURE);
  }
  return normalizeReplicaSetStatus({
    ...rs.status,
    replicas: activePods.length,
    fullyLabeledReplicas: fullyLabeled,
    readyReplicas: ready,
    availableReplicas: available,
    conditions,
  });
}

/** Drops zero and empty fields, as the Go types' omitempty does (replicas always stays). */
export function normalizeReplicaSetStatus(s: ReplicaSetStatus): ReplicaSetStatus {
  const out: ReplicaSetStatus = { replicas: s.replicas ?? 0 };
  if (s.fullyLabeledReplicas) out.fullyLabeledReplicas = s.fullyLabeledReplicas;
  if (s.readyReplicas) out.readyReplicas = s.readyReplicas;
  if (s.availableReplicas) out.availableReplicas = s.availableReplicas;
  if (s.observedGeneration) out.observedGeneration = s.observedGeneration;
  if (s.conditions?.length) out.conditions = s.conditions;
  return out;
}

/** Nothing to write: the counts and conditions match and the generation was observed. */
export function replicaSetStatusUpToDate(rs: ReplicaSet, next: ReplicaSetStatus): boolean {
  const cur = rs.status ?? {};
  return (cur.replicas ?? 0) === (next.replicas ?? 0)
    && (cur.fullyLabeledReplicas ?? 0) === (next.fullyLabeledReplicas ?? 0)
    && (cur.readyReplicas ?? 0) === (next.readyReplicas ?? 0)
    && (cur.availableReplicas ?? 0) === (next.availableReplicas ?? 0)
    && (rs.metadata.generation ?? 0) === (cur.observedGeneration ?? 0)
    && semanticEqual(cur.conditions, next.conditions);
}
