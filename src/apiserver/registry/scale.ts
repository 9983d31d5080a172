// autoscaling/v1 Scale, the view of a workload that `kubectl scale` and autoscalers use.

import type { KubeObject } from '../../api/types.js';
import { isPlainObject } from '../../api/types.js';
import { labelSelectorFromMeta } from '../../machinery/index.js';

export function scaleOf(obj: KubeObject): KubeObject {
  const spec = (obj.spec ?? {}) as { replicas?: number; selector?: { matchLabels?: Record<string, string>; matchExpressions?: unknown[] } };
  const status = (obj.status ?? {}) as { replicas?: number };
  const m = obj.metadata;
  const scale: KubeObject = {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: { name: m.name, namespace: m.namespace, uid: m.uid, resourceVersion: m.resourceVersion, creationTimestamp: m.creationTimestamp },
    spec: { replicas: spec.replicas ?? 0 },
    status: { replicas: status.replicas ?? 0 },
  };
  if (spec.selector) {
    const sel = labelSelectorFromMeta(spec.selector as Parameters<typeof labelSelectorFromMeta>[0]).toString();
    (scale.status as Record<string, unknown>).selector = sel;
  }
  return scale;
}

/** The replicas a Scale asks for; undefined when the Scale does not say. */
export function applyScale(scale: unknown): number | undefined {
  if (!isPlainObject(scale) || !isPlainObject(scale.spec)) return undefined;
  const r = scale.spec.replicas;
  return typeof r === 'number' ? r : undefined;
}
