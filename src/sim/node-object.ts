// The Node a simulated kubelet registers and the status it reports (pkg/kubelet/kubelet_node_status.go
// and nodestatus/setters.go for the shape: labels, capacity, conditions with their reasons and
// messages, addresses, nodeInfo, daemonEndpoints).

import { createHash } from 'node:crypto';
import { rfc3339 } from '../machinery/clock.js';
import type { Node, NodeCondition, NodeStatus } from './types.js';

export const KUBELET_VERSION = 'v1.34.0-kite';
export const CONTAINER_RUNTIME_VERSION = 'sim://0.1';
export const SIM_NODE_LABEL = 'type';
export const SIM_NODE_LABEL_VALUE = 'kite-sim';
export const KUBELET_PORT = 10250;

export interface SimNodeSpec {
  name: string;
  /** The node's InternalIP. */
  internalIP: string;
  cpu: string;
  memory: string;
  maxPods: number;
  /** Default 100Gi. */
  ephemeralStorage?: string;
}

/** Labels the kubelet sets on its Node, plus `type=kite-sim`. */
export function simNodeLabels(name: string): Record<string, string> {
  return {
    'beta.kubernetes.io/arch': 'amd64',
    'beta.kubernetes.io/os': 'linux',
    'kubernetes.io/arch': 'amd64',
    'kubernetes.io/hostname': name,
    'kubernetes.io/os': 'linux',
    [SIM_NODE_LABEL]: SIM_NODE_LABEL_VALUE,
  };
}

export const SIM_NODE_ANNOTATIONS: Readonly<Record<string, string>> = {
  'volumes.kubernetes.io/controller-managed-attach-detach': 'true',
};

function uuidFrom(text: string): string {
  const h = createHash('sha256').update(text).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/** The conditions a healthy kubelet reports, in upstream order. */
function healthyConditions(): { type: string; status: string; reason: string; message: string }[] {
  return [
    { type: 'MemoryPressure', status: 'False', reason: 'KubeletHasSufficientMemory', message: 'kubelet has sufficient memory available' },
    { type: 'DiskPressure', status: 'False', reason: 'KubeletHasNoDiskPressure', message: 'kubelet has no disk pressure' },
    { type: 'PIDPressure', status: 'False', reason: 'KubeletHasSufficientPID', message: 'kubelet has sufficient PID available' },
    { type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status' },
  ];
}

/**
 * The node's conditions at `now`: heartbeat times move, a transition time is kept while the
 * status stays the same. Conditions of other types (set by other components) are kept as they are.
 */
export function nodeConditions(existing: readonly NodeCondition[] | undefined, now: number): NodeCondition[] {
  const t = rfc3339(now);
  const old = new Map((existing ?? []).map((c) => [c.type, c]));
  const ours = healthyConditions().map((c): NodeCondition => {
    const prev = old.get(c.type);
    return { ...c, lastHeartbeatTime: t, lastTransitionTime: prev && prev.status === c.status && prev.lastTransitionTime ? prev.lastTransitionTime : t };
  });
  const mine = new Set(ours.map((c) => c.type));
  return [...ours, ...(existing ?? []).filter((c) => !mine.has(c.type))];
}

/** The full status the simulated kubelet posts. */
export function simNodeStatus(spec: SimNodeSpec, existing: readonly NodeCondition[] | undefined, now: number): NodeStatus {
  const resources = {
    cpu: spec.cpu,
    'ephemeral-storage': spec.ephemeralStorage ?? '100Gi',
    memory: spec.memory,
    pods: String(spec.maxPods),
  };
  return {
    capacity: { ...resources },
    allocatable: { ...resources },
    conditions: nodeConditions(existing, now),
    addresses: [
      { type: 'InternalIP', address: spec.internalIP },
      { type: 'Hostname', address: spec.name },
    ],
    daemonEndpoints: { kubeletEndpoint: { Port: KUBELET_PORT } },
    nodeInfo: {
      machineID: createHash('sha256').update(`machine/${spec.name}`).digest('hex').slice(0, 32),
      systemUUID: uuidFrom(`system/${spec.name}`),
      bootID: uuidFrom(`boot/${spec.name}`),
      kernelVersion: '6.8.0-kite-sim',
      osImage: 'kite simulated node',
      containerRuntimeVersion: CONTAINER_RUNTIME_VERSION,
      kubeletVersion: KUBELET_VERSION,
      kubeProxyVersion: '',
      operatingSystem: 'linux',
      architecture: 'amd64',
    },
  };
}

/** The Node to POST at registration (status included, as the kubelet's initial node). */
export function simNodeObject(spec: SimNodeSpec, now: number): Node {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: spec.name,
      labels: simNodeLabels(spec.name),
      annotations: { ...SIM_NODE_ANNOTATIONS },
    },
    spec: {},
    status: simNodeStatus(spec, undefined, now),
  };
}

/** True when the node's Ready condition is True. */
export function nodeIsReady(node: Node | undefined): boolean {
  return node?.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
}
