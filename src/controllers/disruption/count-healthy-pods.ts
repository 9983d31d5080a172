// currentHealthy of a budget (upstream countHealthyPods).

import { isPodReady, parseTime } from '../runtime/pod-util.js';
import type { Pod } from '../runtime/types.js';
import { DELETION_TIMEOUT_MS } from './disrupted-pods.js';

/** Ready pods that are neither being deleted nor pending deletion after an eviction. */
export function countHealthyPods(pods: readonly Pod[], disruptedPods: Readonly<Record<string, string>>, now: number, timeoutMs: number = DELETION_TIMEOUT_MS): number {
  let healthy = 0;
  for (const pod of pods) {
    if (pod.metadata.deletionTimestamp) continue;
    const name = pod.metadata.name ?? '';
    if (Object.hasOwn(disruptedPods, name)) {
      const since = parseTime(disruptedPods[name]);
      if (since !== undefined && since + timeoutMs > now) continue;
    }
    if (isPodReady(pod)) healthy++;
  }
  return healthy;
}
