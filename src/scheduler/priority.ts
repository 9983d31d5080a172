// A pod's priority: spec.priority when admission set it, else its PriorityClass's value (the
// built-in system classes included), else the global default class, else 0.

import type { Pod, PriorityClass } from './api-types.js';

export const SYSTEM_PRIORITY_CLASSES: Readonly<Record<string, number>> = {
  'system-node-critical': 2_000_001_000,
  'system-cluster-critical': 2_000_000_000,
};

export function podPriority(pod: Pod, classes: ReadonlyMap<string, PriorityClass> = new Map()): number {
  const p = pod.spec?.priority;
  if (typeof p === 'number') return p;
  const name = pod.spec?.priorityClassName;
  if (name) {
    const c = classes.get(name);
    if (c) return c.value ?? 0;
    if (SYSTEM_PRIORITY_CLASSES[name] !== undefined) return SYSTEM_PRIORITY_CLASSES[name]!;
    return 0;
  }
  for (const c of classes.values()) if (c.globalDefault) return c.value ?? 0;
  return 0;
}
