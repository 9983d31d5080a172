// The disruptedPods bookkeeping (upstream buildDisruptedPodMap). The eviction
// handler records each pod it lets go; an entry stays until the pod is seen terminating or gone,
// or until DELETION_TIMEOUT_MS passed without that (then the pod is assumed to stay).

import { parseTime } from '../runtime/pod-util.js';
import type { Pod } from '../runtime/types.js';

/** Upstream DeletionTimeout: how long an evicted pod may take to be marked for deletion. */
export const DELETION_TIMEOUT_MS = 2 * 60_000;

export interface DisruptedPodMap {
  /** The entries still pending (pod present, not terminating, not expired), times kept verbatim. */
  disruptedPods: Record<string, string>;
  /** Earliest time (ms) an entry kept here expires; undefined when none is kept. */
  recheckAt: number | undefined;
  /** Pods whose entry expired without the pod being deleted (upstream warns about them). */
  notDeleted: Pod[];
}

/** Prunes `recorded` against the pods the budget selects now. */
export function buildDisruptedPodMap(
  pods: readonly Pod[],
  recorded: Readonly<Record<string, string>> | undefined,
  now: number,
  timeoutMs: number = DELETION_TIMEOUT_MS,
): DisruptedPodMap {
  const out: DisruptedPodMap = { disruptedPods: {}, recheckAt: undefined, notDeleted: [] };
  if (!recorded) return out;
  for (const pod of pods) {
    if (pod.metadata.deletionTimestamp) continue;
    const name = pod.metadata.name ?? '';
    if (!Object.hasOwn(recorded, name)) continue;
    const at = recorded[name];
    const since = parseTime(at);
    // An unparsable time is treated as long past (upstream could not have decoded it either).
    const expectedDeletion = (since ?? Number.NEGATIVE_INFINITY) + timeoutMs;
    if (expectedDeletion < now) {
      out.notDeleted.push(pod);
      continue;
    }
    out.disruptedPods[name] = at ?? '';
    if (out.recheckAt === undefined || expectedDeletion < out.recheckAt) out.recheckAt = expectedDeletion;
  }
  return out;
}
