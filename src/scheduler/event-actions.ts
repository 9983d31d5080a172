// What changed in a node or assigned pod update, as the queueing-hint action types.

import type { ActionType } from './framework/interfaces.js';
import type { Node, Pod } from './api-types.js';
import { podRequests } from './framework/resource.js';

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

/** Label, taint (or spec.unschedulable), allocatable and condition-status changes. */
export function nodeUpdateActions(oldNode: Node, newNode: Node): Set<ActionType> {
  const out = new Set<ActionType>();
  if (!sameJson(oldNode.metadata.labels, newNode.metadata.labels)) out.add('UpdateNodeLabel');
  if (!sameJson(oldNode.spec?.taints, newNode.spec?.taints) || !!oldNode.spec?.unschedulable !== !!newNode.spec?.unschedulable) out.add('UpdateNodeTaint');
  if (!sameJson(oldNode.status?.allocatable, newNode.status?.allocatable)) out.add('UpdateNodeAllocatable');
  const conds = (n: Node): string => (n.status?.conditions ?? []).map((c) => `${c.type}=${c.status}`).join(',');
  if (conds(oldNode) !== conds(newNode)) out.add('UpdateNodeCondition');
  return out;
}

/** Label changes, lowered requests and the start of termination of a pod on a node. */
export function podUpdateActions(oldPod: Pod, newPod: Pod): Set<ActionType> {
  const out = new Set<ActionType>();
  if (!sameJson(oldPod.metadata.labels, newPod.metadata.labels)) out.add('UpdatePodLabel');
  if (!oldPod.metadata.deletionTimestamp && newPod.metadata.deletionTimestamp) out.add('UpdatePodTerminating');
  if (!sameJson(oldPod.spec?.containers, newPod.spec?.containers)) {
    const a = podRequests(oldPod);
    const b = podRequests(newPod);
    if (b.milliCPU < a.milliCPU || b.memory < a.memory || b.ephemeralStorage < a.ephemeralStorage) out.add('UpdatePodScaleDown');
  }
  return out;
}
