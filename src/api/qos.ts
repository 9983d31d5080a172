// A pod's QoS class as the API server computes it (pkg/apis/core/v1/helper/qos ComputePodQOS):
// only cpu and memory count; a missing request defaults to the limit, as pod defaulting does.

import { Quantity } from '../machinery/quantity.js';

type ResourceList = Record<string, string | number | null | undefined>;

/** The parts of a container the QoS class depends on. */
export interface QosContainer { name?: string; resources?: { requests?: ResourceList; limits?: ResourceList } }

/** The parts of a pod the QoS class depends on. */
export interface QosPod { spec?: { containers?: QosContainer[]; initContainers?: QosContainer[]; [k: string]: unknown } }

export type QosClass = 'Guaranteed' | 'Burstable' | 'BestEffort';

const QOS_RESOURCES = ['cpu', 'memory'] as const;

function quantity(list: ResourceList | undefined, name: string): Quantity {
  const v = list?.[name];
  if (v === undefined || v === null || v === '') return Quantity.zero();
  return Quantity.parse(v);
}

function resourceQos(r: { requests?: ResourceList; limits?: ResourceList } | undefined): QosClass {
  const limits = r?.limits ?? {};
  const requests = { ...limits, ...(r?.requests ?? {}) };
  if (Object.keys(requests).length === 0 && Object.keys(limits).length === 0) return 'BestEffort';
  let qos: QosClass | undefined;
  for (const name of QOS_RESOURCES) {
    const req = quantity(requests, name);
    const lim = quantity(limits, name);
    if (req.cmp(lim) !== 0) return 'Burstable';
    const bestEffort = req.cmp(Quantity.zero()) === 0;
    if (qos === undefined) qos = bestEffort ? 'BestEffort' : 'Guaranteed';
    else if (bestEffort !== (qos === 'BestEffort')) return 'Burstable';
  }
  return qos ?? 'BestEffort';
}

/** Guaranteed, Burstable or BestEffort; pod-level resources (spec.resources) win when set. */
export function podQosClass(pod: QosPod): QosClass {
  const spec = pod.spec ?? {};
  const podLevel = spec['resources'] as { requests?: ResourceList; limits?: ResourceList } | undefined;
  if (podLevel && typeof podLevel === 'object') return resourceQos(podLevel);
  let qos: QosClass | undefined;
  for (const c of [...(spec.initContainers ?? []), ...(spec.containers ?? [])]) {
    const q = resourceQos(c.resources);
    if (q === 'Burstable') return q;
    if (qos === undefined) qos = q;
    else if (qos !== q) return 'Burstable';
  }
  return qos ?? 'BestEffort';
}
