// Which pods a ReplicaSet deletes first when it scales down (upstream getPodsToDelete and
// controller.ActivePodsWithRanks, with PodDeletionCost and LogarithmicScaleDown on, as in 1.34):
// unassigned < assigned; Pending < Unknown < Running; not ready < ready; lower deletion cost <
// higher; more related pods on the same node < fewer; ready for less time < more (log2 buckets);
// more restarts < fewer; newer < older (log2 buckets); then by uid.

import type { Pod } from '../runtime/types.js';
import { isPodActive, isPodReady, maxContainerRestarts, parseTime, podReadyTime } from '../runtime/pod-util.js';

export const POD_DELETION_COST_ANNOTATION = 'controller.kubernetes.io/pod-deletion-cost';

const PHASE_ORDINAL: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };

function deletionCost(pod: Pod): number {
  const v = pod.metadata.annotations?.[POD_DELETION_COST_ANNOTATION];
  if (v === undefined || !/^[+-]?\d+$/.test(v)) return 0;
  const n = Number(v);
  return n >= -2147483648 && n <= 2147483647 ? n : 0;
}

/** Base-2 logarithmic rank of the age of t1 minus that of t2, in Go's nanoseconds (upstream logarithmicRankDiff). */
function logRankDiff(t1: number, t2: number, now: number): number {
  const rank = (t: number): number => {
    const d = (now - t) * 1e6;
    return d > 0 ? Math.floor(Math.log2(d)) : -1;
  };
  return rank(t1) - rank(t2);
}

/** Negative when `a` should be deleted before `b` (upstream ActivePodsWithRanks.Less). */
export function comparePodsForDeletion(a: Pod, rankA: number, b: Pod, rankB: number, now: number): number {
  const nodeA = a.spec?.nodeName ?? '';
  const nodeB = b.spec?.nodeName ?? '';
  if (nodeA !== nodeB && (!nodeA || !nodeB)) return !nodeA ? -1 : 1;
  const phaseA = PHASE_ORDINAL[a.status?.phase ?? ''] ?? -1;
  const phaseB = PHASE_ORDINAL[b.status?.phase ?? ''] ?? -1;
  if (phaseA !== phaseB) return phaseA - phaseB;
  const readyA = isPodReady(a);
  const readyB = isPodReady(b);
  if (readyA !== readyB) return readyA ? 1 : -1;
  const costA = deletionCost(a);
  const costB = deletionCost(b);
  if (costA !== costB) return costA - costB;
  if (rankA !== rankB) return rankB - rankA;
  const byUid = (): number => ((a.metadata.uid ?? '') < (b.metadata.uid ?? '') ? -1 : (a.metadata.uid ?? '') > (b.metadata.uid ?? '') ? 1 : 0);
  if (readyA && readyB) {
    const ta = podReadyTime(a);
    const tb = podReadyTime(b);
    if (ta !== tb) {
      if (ta === undefined || tb === undefined) return ta === undefined ? -1 : 1;
      const d = logRankDiff(ta, tb, now);
      return d === 0 ? byUid() : d;
    }
  }
  const ra = maxContainerRestarts(a);
  const rb = maxContainerRestarts(b);
  if (ra !== rb) return rb - ra;
  const ca = parseTime(a.metadata.creationTimestamp);
  const cb = parseTime(b.metadata.creationTimestamp);
  if (ca !== cb) {
    if (ca === undefined || cb === undefined) return ca === undefined ? -1 : 1;
    const d = logRankDiff(ca, cb, now);
    return d === 0 ? byUid() : d;
  }
  return 0;
}

/**
 * The `diff` pods of `filteredPods` to delete. `relatedPods` are the pods of every ReplicaSet of
 * the same owner: a pod sharing its node with more of them goes first.
 */
export function getPodsToDelete(filteredPods: readonly Pod[], relatedPods: readonly Pod[], diff: number, now: number): Pod[] {
  if (diff >= filteredPods.length) return [...filteredPods];
  const onNode = new Map<string, number>();
  for (const p of relatedPods) {
    if (!isPodActive(p)) continue;
    const n = p.spec?.nodeName ?? '';
    onNode.set(n, (onNode.get(n) ?? 0) + 1);
  }
  const ranked = filteredPods.map((pod) => ({ pod, rank: onNode.get(pod.spec?.nodeName ?? '') ?? 0 }));
  ranked.sort((x, y) => comparePodsForDeletion(x.pod, x.rank, y.pod, y.rank, now));
  return ranked.slice(0, diff).map((r) => r.pod);
}
