// apimachinery meta.SetStatusCondition for metav1.Condition lists: adds or updates the condition of
// that type; lastTransitionTime moves only when the status changes. Returns a new list.

import { rfc3339 } from '../../machinery/clock.js';
import type { MetaCondition } from './types.js';

export function setStatusCondition(conditions: readonly MetaCondition[] | undefined, next: MetaCondition, now: number): MetaCondition[] {
  const list = (conditions ?? []).map((c) => ({ ...c }));
  const existing = list.find((c) => c.type === next.type);
  if (!existing) {
    const added: MetaCondition = { ...next, lastTransitionTime: next.lastTransitionTime ?? rfc3339(now) };
    if (!added.observedGeneration) delete added.observedGeneration;
    list.push(added);
    return list;
  }
  if (existing.status !== next.status) {
    existing.status = next.status;
    existing.lastTransitionTime = next.lastTransitionTime ?? rfc3339(now);
  }
  existing.reason = next.reason;
  existing.message = next.message;
  if (next.observedGeneration) existing.observedGeneration = next.observedGeneration;
  else delete existing.observedGeneration;
  return list;
}
