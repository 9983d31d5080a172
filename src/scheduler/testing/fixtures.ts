// Builders for pods, nodes and snapshots in scheduler tests.

import type { Affinity, Container, Node, Pod, PodSpec, Taint, Toleration, TopologySpreadConstraint } from '../api-types.js';
import { Cache } from '../cache.js';
import { PodInfo } from '../framework/pod-info.js';

export interface PodOptions {
  namespace?: string;
  labels?: Record<string, string>;
  uid?: string;
  node?: string;
  cpu?: string;
  memory?: string;
  requests?: Record<string, string>;
  hostPorts?: number[];
  nodeSelector?: Record<string, string>;
  affinity?: Affinity;
  tolerations?: Toleration[];
  priority?: number;
  preemptionPolicy?: string;
  topologySpreadConstraints?: TopologySpreadConstraint[];
  nominatedNodeName?: string;
  deleting?: boolean;
  startTime?: string;
  containers?: Container[];
  spec?: Partial<PodSpec>;
}

export function makePod(name: string, o: PodOptions = {}): Pod {
  const requests: Record<string, string> = { ...(o.requests ?? {}) };
  if (o.cpu) requests['cpu'] = o.cpu;
  if (o.memory) requests['memory'] = o.memory;
  const container: Container = { name: 'c', image: 'pause' };
  if (Object.keys(requests).length) container.resources = { requests };
  if (o.hostPorts?.length) container.ports = o.hostPorts.map((p) => ({ containerPort: p, hostPort: p }));
  const spec: PodSpec = { containers: o.containers ?? [container], ...o.spec };
  if (o.node) spec.nodeName = o.node;
  if (o.nodeSelector) spec.nodeSelector = o.nodeSelector;
  if (o.affinity) spec.affinity = o.affinity;
  if (o.tolerations) spec.tolerations = o.tolerations;
  if (o.priority !== undefined) spec.priority = o.priority;
  if (o.preemptionPolicy) spec.preemptionPolicy = o.preemptionPolicy;
  if (o.topologySpreadConstraints) spec.topologySpreadConstraints = o.topologySpreadConstraints;
  const pod: Pod = {
    apiVersion: 'v1', kind: 'Pod',
    metadata: { name, namespace: o.namespace ?? 'default', uid: o.uid ?? `uid-${name}`, labels: o.labels },
    spec,
    status: {},
  };
  if (o.nominatedNodeName) pod.status = { ...pod.status, nominatedNodeName: o.nominatedNodeName };
  if (o.startTime) pod.status = { ...pod.status, startTime: o.startTime };
  if (o.deleting) pod.metadata.deletionTimestamp = '2026-01-01T00:00:00Z';
  return pod;
}

export interface NodeOptions {
  cpu?: string;
  memory?: string;
  pods?: string;
  labels?: Record<string, string>;
  taints?: Taint[];
  unschedulable?: boolean;
  extra?: Record<string, string>;
}

export function makeNode(name: string, o: NodeOptions = {}): Node {
  return {
    apiVersion: 'v1', kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/hostname': name, ...(o.labels ?? {}) } },
    spec: { taints: o.taints, unschedulable: o.unschedulable },
    status: {
      allocatable: { cpu: o.cpu ?? '4', memory: o.memory ?? '8Gi', pods: o.pods ?? '110', ...(o.extra ?? {}) },
      conditions: [{ type: 'Ready', status: 'True' }],
    },
  };
}

/** A cache holding `nodes` and the (assigned) `pods`. */
export function makeCache(nodes: Node[], pods: Pod[] = []): Cache {
  const cache = new Cache();
  for (const n of nodes) cache.addNode(n);
  for (const p of pods) cache.addPod(p);
  return cache;
}

export function info(pod: Pod): PodInfo {
  return new PodInfo(pod);
}
