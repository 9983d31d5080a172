// A DisruptionTarget=True condition on a pod that is not being deleted is stale after a while: the
// eviction or preemption that set it did not go through. Upstream
// nonTerminatingPodHasStaleDisruptionCondition; the controller then sets the condition to False.

import { parseTime } from '../runtime/pod-util.js';
import type { Pod } from '../runtime/types.js';

/** Upstream stalePodDisruptionTimeout. */
export const STALE_POD_DISRUPTION_TIMEOUT_MS = 2 * 60_000;

export const DISRUPTION_TARGET = 'DisruptionTarget';

/** Set by the kubelet; never stale, as the pod may take arbitrarily long to start terminating. */
const TERMINATION_BY_KUBELET = 'TerminationByKubelet';

/**
 * Undefined when the pod has no stale-able condition; otherwise how long (ms, >= 0) until the
 * condition counts as stale.
 */
export function staleDisruptionCondition(pod: Pod, now: number, timeoutMs: number = STALE_POD_DISRUPTION_TIMEOUT_MS): number | undefined {
  if (pod.metadata.deletionTimestamp) return undefined;
  const cond = pod.status?.conditions?.find((c) => c.type === DISRUPTION_TARGET);
  const phase = pod.status?.phase;
  if (!cond || cond.status !== 'True' || cond.reason === TERMINATION_BY_KUBELET || phase === 'Succeeded' || phase === 'Failed') return undefined;
  const since = parseTime(cond.lastTransitionTime) ?? 0;
  return Math.max(0, timeoutMs - (now - since));
}
