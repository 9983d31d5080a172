// Compute resources as the scheduler counts them (framework.Resource): CPU in millicores, memory
// and ephemeral storage in bytes, the pod count, and scalar (extended, hugepages) resources.
// Quantities are parsed once per distinct string.

import { tryParseQuantity } from '../../machinery/quantity.js';
import type { Container, Pod, ResourceList } from '../api-types.js';

export interface Resource {
  milliCPU: number;
  memory: number;
  ephemeralStorage: number;
  allowedPodNumber: number;
  /** Extended resources, hugepages, attachable volumes; undefined when none. */
  scalar: Map<string, number> | undefined;
}

/** CPU and memory requests with upstream's defaults for containers that request none. */
export interface NonZeroRequest {
  milliCPU: number;
  memory: number;
}

/** DefaultMilliCPURequest: 0.1 core. */
export const DEFAULT_MILLI_CPU_REQUEST = 100;
/** DefaultMemoryRequest: 200 MB. */
export const DEFAULT_MEMORY_REQUEST = 200 * 1024 * 1024;

export function emptyResource(): Resource {
  return { milliCPU: 0, memory: 0, ephemeralStorage: 0, allowedPodNumber: 0, scalar: undefined };
}

export function cloneResource(r: Resource): Resource {
  return { ...r, scalar: r.scalar ? new Map(r.scalar) : undefined };
}

/** Extended (domain-prefixed), prefixed native, hugepages and attachable-volume resources. */
export function isScalarResourceName(name: string): boolean {
  if (name.startsWith('hugepages-') || name.startsWith('attachable-volumes-')) return true;
  return name.includes('/') && !name.startsWith('requests.');
}

/** A domain-prefixed resource that is not native (example.com/gpu, not kubernetes.io/...). */
export function isExtendedResourceName(name: string): boolean {
  return name.includes('/') && !name.includes('kubernetes.io/') && !name.startsWith('requests.');
}

const milliCache = new Map<string, number>();
const valueCache = new Map<string, number>();

function parsed(cache: Map<string, number>, v: string | number, milli: boolean): number {
  const key = typeof v === 'number' ? String(v) : v;
  let n = cache.get(key);
  if (n === undefined) {
    const q = tryParseQuantity(typeof v === 'number' ? v : v.trim());
    n = q ? (milli ? q.milliValue() : q.value()) : 0;
    if (cache.size > 10_000) cache.clear();
    cache.set(key, n);
  }
  return n;
}

/** Millicores of a quantity (0 when it does not parse). */
export function milliValue(v: string | number | undefined): number {
  return v === undefined ? 0 : parsed(milliCache, v, true);
}

/** Whole units of a quantity, rounded up (0 when it does not parse). */
export function quantityValue(v: string | number | undefined): number {
  return v === undefined ? 0 : parsed(valueCache, v, false);
}

/** The amount of `name` in a list, in the unit the scheduler counts it in. */
export function amountOf(name: string, v: string | number): number {
  return name === 'cpu' ? milliValue(v) : quantityValue(v);
}

function addScalar(r: Resource, name: string, n: number): void {
  if (!r.scalar) r.scalar = new Map();
  r.scalar.set(name, (r.scalar.get(name) ?? 0) + n);
}

/** Adds (or with sign -1 subtracts) a ResourceList into `r`. */
export function addList(r: Resource, list: ResourceList | null | undefined, sign = 1): void {
  if (!list) return;
  for (const name of Object.keys(list)) {
    const v = list[name]!;
    switch (name) {
      case 'cpu': r.milliCPU += sign * milliValue(v); break;
      case 'memory': r.memory += sign * quantityValue(v); break;
      case 'ephemeral-storage': r.ephemeralStorage += sign * quantityValue(v); break;
      case 'pods': r.allowedPodNumber += sign * quantityValue(v); break;
      default: if (isScalarResourceName(name)) addScalar(r, name, sign * quantityValue(v));
    }
  }
}

/** Adds (or subtracts) resource `b` into `a`. */
export function addResource(a: Resource, b: Resource, sign = 1): void {
  a.milliCPU += sign * b.milliCPU;
  a.memory += sign * b.memory;
  a.ephemeralStorage += sign * b.ephemeralStorage;
  a.allowedPodNumber += sign * b.allowedPodNumber;
  if (b.scalar) for (const [k, v] of b.scalar) addScalar(a, k, sign * v);
}

function setMax(a: Resource, b: Resource): void {
  a.milliCPU = Math.max(a.milliCPU, b.milliCPU);
  a.memory = Math.max(a.memory, b.memory);
  a.ephemeralStorage = Math.max(a.ephemeralStorage, b.ephemeralStorage);
  if (b.scalar) {
    for (const [k, v] of b.scalar) {
      if (!a.scalar) a.scalar = new Map();
      a.scalar.set(k, Math.max(a.scalar.get(k) ?? 0, v));
    }
  }
}

/** A node's allocatable resources (status.allocatable). */
export function resourceFromList(list: ResourceList | null | undefined): Resource {
  const r = emptyResource();
  addList(r, list);
  return r;
}

type RequestsOf = (c: Container) => ResourceList | null | undefined;

const containerRequests: RequestsOf = (c) => c.resources?.requests;

/**
 * resourcehelper.PodRequests: the sum of the app containers, sidecars (restartable init containers)
 * counted as running alongside them, the max with each init container (which run one at a time
 * next to the sidecars started before them), pod-level cpu/memory requests when set, plus the
 * pod overhead.
 */
function aggregate(pod: Pod, requestsOf: RequestsOf): Resource {
  const spec = pod.spec ?? {};
  const reqs = emptyResource();
  for (const c of spec.containers ?? []) addList(reqs, requestsOf(c));
  const sidecars = emptyResource();
  const initMax = emptyResource();
  for (const c of spec.initContainers ?? []) {
    const own = resourceFromList(requestsOf(c));
    if (c.restartPolicy === 'Always') {
      addResource(reqs, own);
      addResource(sidecars, own);
      setMax(initMax, sidecars);
    } else {
      addResource(own, sidecars);
      setMax(initMax, own);
    }
  }
  setMax(reqs, initMax);
  const podLevel = spec.resources?.requests;
  if (podLevel) {
    if (podLevel['cpu'] !== undefined) reqs.milliCPU = milliValue(podLevel['cpu']);
    if (podLevel['memory'] !== undefined) reqs.memory = quantityValue(podLevel['memory']);
  }
  addList(reqs, spec.overhead);
  reqs.allowedPodNumber = 0;
  return reqs;
}

/** What the pod requests (computePodResourceRequest). */
export function podRequests(pod: Pod): Resource {
  return aggregate(pod, containerRequests);
}

/**
 * Requests with missing container cpu/memory requests replaced by upstream's defaults (100m,
 * 200Mi), used by scoring so that request-less pods still count.
 */
export function podNonZeroRequests(pod: Pod): NonZeroRequest {
  const podLevel = pod.spec?.resources?.requests;
  const withDefaults: RequestsOf = (c) => {
    const r = c.resources?.requests ?? {};
    const hasCpu = r['cpu'] !== undefined || podLevel?.['cpu'] !== undefined;
    const hasMem = r['memory'] !== undefined || podLevel?.['memory'] !== undefined;
    if (hasCpu && hasMem) return r;
    const out: Record<string, string | number> = { ...r };
    if (!hasCpu) out['cpu'] = `${DEFAULT_MILLI_CPU_REQUEST}m`;
    if (!hasMem) out['memory'] = DEFAULT_MEMORY_REQUEST;
    return out;
  };
  const r = aggregate(pod, withDefaults);
  return { milliCPU: r.milliCPU, memory: r.memory };
}
