// The statuses simulated pods are given, as named templates the pod stages refer to. Each builds
// the whole `status` to merge-patch from the pod as cached plus a context, or null when the pod
// already has it. Upstream reference: pkg/kubelet/status/generate.go (conditions, reasons,
// messages) and kwok's kustomize/stage/pod/fast (what a container-less kubelet reports).

import { createHash } from 'node:crypto';
import { rfc3339 } from '../machinery/clock.js';
import { podQosClass } from '../api/qos.js';
import type { ContainerSpec, ContainerStatus, Pod, PodCondition, PodStatus } from './types.js';

export interface PodStatusContext {
  /** Milliseconds since the epoch. */
  now: number;
  /** The node's InternalIP. */
  hostIP: string;
  /** The pod's IP: allocated from the node's range, or the host's for hostNetwork pods. */
  podIP: string;
}

export type PodStatusTemplate = (pod: Pod, ctx: PodStatusContext) => PodStatus | null;

/** Condition types the kubelet owns, in the order it reports them. */
const KUBELET_CONDITIONS = ['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled'];

type Cond = { type: string; status: string; reason?: string; message?: string };

/** `sim://<64 hex>`, stable for a pod's container. */
export function simContainerId(pod: Pod, containerName: string): string {
  const h = createHash('sha256').update(`${pod.metadata.uid ?? `${pod.metadata.namespace}/${pod.metadata.name}`}/${containerName}`).digest('hex');
  return `sim://${h}`;
}

function imageId(image: string | undefined): string {
  return `sim://${image ?? ''}`;
}

/**
 * Conditions with `want` applied: lastTransitionTime is kept when a condition's status is
 * unchanged; the kubelet's types come first in upstream order, others (readiness gates,
 * DisruptionTarget ...) follow as they were.
 */
export function mergeConditions(existing: readonly PodCondition[] | undefined, want: readonly Cond[], now: string): PodCondition[] {
  const old = new Map((existing ?? []).map((c) => [c.type, c]));
  const wanted = new Map(want.map((c) => [c.type, c]));
  const out: PodCondition[] = [];
  const emit = (w: Cond): void => {
    const prev = old.get(w.type);
    const c: PodCondition = { type: w.type, status: w.status };
    if (w.reason) c.reason = w.reason;
    if (w.message) c.message = w.message;
    c.lastTransitionTime = prev && prev.status === w.status && prev.lastTransitionTime ? prev.lastTransitionTime : now;
    out.push(c);
  };
  for (const t of KUBELET_CONDITIONS) {
    const w = wanted.get(t);
    if (w) emit(w);
    else if (old.has(t)) out.push(old.get(t) as PodCondition);
  }
  for (const w of want) if (!KUBELET_CONDITIONS.includes(w.type)) emit(w);
  for (const c of existing ?? []) if (!wanted.has(c.type) && !KUBELET_CONDITIONS.includes(c.type)) out.push(c);
  return out;
}

/** Ready as GeneratePodReadyCondition, for a pod whose containers are all ready. */
function readyCondition(pod: Pod, conditions: readonly PodCondition[] | undefined): Cond {
  const msgs: string[] = [];
  for (const g of pod.spec?.readinessGates ?? []) {
    const c = (conditions ?? []).find((x) => x.type === g.conditionType);
    if (!c) msgs.push(`corresponding condition of pod readiness gate ${JSON.stringify(g.conditionType)} does not exist.`);
    else if (c.status !== 'True') msgs.push(`the status of pod readiness gate ${JSON.stringify(g.conditionType)} is not "True", but ${c.status}`);
  }
  if (msgs.length) return { type: 'Ready', status: 'False', reason: 'ReadinessGatesNotReady', message: msgs.join(', ') };
  return { type: 'Ready', status: 'True' };
}

function isSidecar(c: ContainerSpec): boolean {
  return c.restartPolicy === 'Always';
}

function runningStatus(pod: Pod, c: ContainerSpec, startedAt: string): ContainerStatus {
  return {
    name: c.name,
    state: { running: { startedAt } },
    lastState: {},
    ready: true,
    restartCount: 0,
    image: c.image ?? '',
    imageID: imageId(c.image),
    containerID: simContainerId(pod, c.name),
    started: true,
  };
}

function completedStatus(pod: Pod, c: ContainerSpec, startedAt: string, finishedAt: string, ready: boolean): ContainerStatus {
  const containerID = simContainerId(pod, c.name);
  return {
    name: c.name,
    state: { terminated: { exitCode: 0, reason: 'Completed', startedAt, finishedAt, containerID } },
    lastState: {},
    ready,
    restartCount: 0,
    image: c.image ?? '',
    imageID: imageId(c.image),
    containerID,
    started: false,
  };
}

/** Running and Ready: containers running, init containers completed (sidecars running), IPs set. */
export const podReadyStatus: PodStatusTemplate = (pod, ctx) => {
  const now = rfc3339(ctx.now);
  const old = pod.status ?? {};
  const spec = pod.spec ?? {};
  const initContainers = spec.initContainers ?? [];
  const status: PodStatus = {
    phase: 'Running',
    conditions: mergeConditions(old.conditions, [
      { type: 'PodReadyToStartContainers', status: 'True' },
      { type: 'Initialized', status: 'True' },
      readyCondition(pod, old.conditions),
      { type: 'ContainersReady', status: 'True' },
      { type: 'PodScheduled', status: 'True' },
    ], now),
    hostIP: ctx.hostIP,
    hostIPs: [{ ip: ctx.hostIP }],
    podIP: ctx.podIP,
    podIPs: [{ ip: ctx.podIP }],
    startTime: old.startTime ?? now,
    containerStatuses: (spec.containers ?? []).map((c) => runningStatus(pod, c, now)),
  };
  if (initContainers.length) {
    status.initContainerStatuses = initContainers.map((c) => (isSidecar(c) ? runningStatus(pod, c, now) : completedStatus(pod, c, now, now, true)));
  }
  if (!old.qosClass) status.qosClass = podQosClass(pod);
  return status;
};

/** Succeeded: every container (and sidecar) terminated with exit code 0, reason Completed. */
export const podCompleteStatus: PodStatusTemplate = (pod, ctx) => {
  const now = rfc3339(ctx.now);
  const old = pod.status ?? {};
  const spec = pod.spec ?? {};
  const startedAt = (statuses: ContainerStatus[] | undefined, name: string): string =>
    statuses?.find((s) => s.name === name)?.state?.running?.startedAt ?? old.startTime ?? now;
  const status: PodStatus = {
    phase: 'Succeeded',
    conditions: mergeConditions(old.conditions, [
      { type: 'PodReadyToStartContainers', status: 'False' },
      { type: 'Initialized', status: 'True', reason: 'PodCompleted' },
      { type: 'Ready', status: 'False', reason: 'PodCompleted' },
      { type: 'ContainersReady', status: 'False', reason: 'PodCompleted' },
    ], now),
    containerStatuses: (spec.containers ?? []).map((c) => completedStatus(pod, c, startedAt(old.containerStatuses, c.name), now, false)),
  };
  const initContainers = spec.initContainers ?? [];
  if (initContainers.length) {
    status.initContainerStatuses = initContainers.map((c) => {
      const prev = old.initContainerStatuses?.find((s) => s.name === c.name);
      if (!isSidecar(c) && prev?.state?.terminated) return prev;
      return completedStatus(pod, c, startedAt(old.initContainerStatuses, c.name), now, !isSidecar(c));
    });
  }
  if (!old.qosClass) status.qosClass = podQosClass(pod);
  return status;
};

/** Ready recomputed from readiness gates on a running pod; null when it is already right. */
export const podReadinessGatesStatus: PodStatusTemplate = (pod, ctx) => {
  const old = pod.status ?? {};
  const want = readyCondition(pod, old.conditions);
  const cur = old.conditions?.find((c) => c.type === 'Ready');
  if (cur && cur.status === want.status && (cur.reason ?? '') === (want.reason ?? '') && (cur.message ?? '') === (want.message ?? '')) return null;
  return { conditions: mergeConditions(old.conditions, [want], rfc3339(ctx.now)) };
};

export const POD_STATUS_TEMPLATES: Readonly<Record<string, PodStatusTemplate>> = {
  'pod-ready': podReadyStatus,
  'pod-complete': podCompleteStatus,
  'pod-readiness-gates': podReadinessGatesStatus,
};
