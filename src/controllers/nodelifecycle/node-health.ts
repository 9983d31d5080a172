// Node health bookkeeping (upstream node_lifecycle_controller.go tryUpdateNodeHealth, without the
// write): when this controller last saw a sign of life from each node (a new Ready heartbeat or a
// renewed Lease), by its own clock; once that is older than the grace period the node's Ready,
// MemoryPressure, DiskPressure and PIDPressure conditions become Unknown.

import { rfc3339 } from '../../machinery/clock.js';
import type { Lease } from '../../client/leader-election.js';
import type { Condition, Node } from '../runtime/types.js';
import { parseTime } from '../runtime/pod-util.js';
import { nodeCondition } from './taints.js';

export const NODE_LEASE_NAMESPACE = 'kube-node-lease';

/** The conditions the controller turns Unknown (NetworkUnavailable is managed elsewhere). */
const UNKNOWN_CONDITION_TYPES = ['Ready', 'MemoryPressure', 'DiskPressure', 'PIDPressure'];

export interface NodeHealthOptions {
  /** How long a node may go without a heartbeat or lease renewal. */
  gracePeriodMs: number;
  /** The same, for a node that never posted a Ready condition. */
  startupGracePeriodMs: number;
}

interface HealthData {
  readyCondition?: Condition;
  probeTimestamp: number;
  readyTransitionTimestamp: number;
  leaseRenewTime?: number;
}

export interface HealthEvaluation {
  gracePeriodMs: number;
  /** The Ready condition as the node reported it (synthesised Unknown when it never did). */
  observedReady: Condition;
  /** The Ready condition after this evaluation. */
  currentReady: Condition | undefined;
  /** The node with Unknown conditions, when its status must be written; otherwise undefined. */
  updatedNode?: Node;
}

export class NodeHealthTracker {
  private readonly data = new Map<string, HealthData>();

  constructor(private readonly options: NodeHealthOptions) {}

  forget(name: string): void { this.data.delete(name); }

  probeTimestamp(name: string): number | undefined { return this.data.get(name)?.probeTimestamp; }

  /** Treat every node as just heard from (on leaving full disruption). */
  resetProbes(now: number): void {
    for (const d of this.data.values()) {
      d.probeTimestamp = now;
      d.readyTransitionTimestamp = now;
    }
  }

  /** Records a successful status write of `node` (its conditions just turned Unknown). */
  recordWrite(node: Node, now: number): void {
    const d = this.data.get(node.metadata.name ?? '');
    if (!d) return;
    d.readyCondition = nodeCondition(node, 'Ready');
    d.readyTransitionTimestamp = now;
  }

  evaluate(input: Node, lease: Lease | undefined, now: number): HealthEvaluation {
    const name = input.metadata.name ?? '';
    const node = structuredClone(input) as Node;
    const created = parseTime(node.metadata.creationTimestamp) ?? now;
    const prev = this.data.get(name);
    let health: HealthData | undefined = prev ? { ...prev } : undefined;
    const current = nodeCondition(node, 'Ready');
    let observedReady: Condition;
    let gracePeriodMs: number;

    if (!current) {
      // Never posted: pretend an Unknown condition from creation time, with the startup grace.
      observedReady = { type: 'Ready', status: 'Unknown', lastHeartbeatTime: node.metadata.creationTimestamp, lastTransitionTime: node.metadata.creationTimestamp };
      gracePeriodMs = this.options.startupGracePeriodMs;
      if (health) health.readyCondition = undefined;
      else health = { probeTimestamp: created, readyTransitionTimestamp: created };
    } else {
      observedReady = { ...current };
      gracePeriodMs = this.options.gracePeriodMs;
    }

    const savedCondition = health?.readyCondition;
    const savedLease = health?.leaseRenewTime;
    if (!health) {
      health = { readyCondition: current && { ...current }, probeTimestamp: now, readyTransitionTimestamp: now };
    } else if (!savedCondition && current) {
      health = { readyCondition: { ...current }, probeTimestamp: now, readyTransitionTimestamp: now, leaseRenewTime: savedLease };
    } else if (savedCondition && current && savedCondition.lastHeartbeatTime !== current.lastHeartbeatTime) {
      const transition = savedCondition.lastTransitionTime !== current.lastTransitionTime ? now : health.readyTransitionTimestamp;
      health = { readyCondition: { ...current }, probeTimestamp: now, readyTransitionTimestamp: transition, leaseRenewTime: savedLease };
    }
    const data: HealthData = health;

    // A renewed lease is a sign of life too.
    const renew = parseTime(lease?.spec?.renewTime);
    if (renew !== undefined && (savedLease === undefined || savedLease < renew)) {
      data.leaseRenewTime = renew;
      data.probeTimestamp = now;
    }
    this.data.set(name, data);

    let currentReady = current;
    if (now > data.probeTimestamp + gracePeriodMs) {
      const at = rfc3339(now);
      const conditions = [...(node.status?.conditions ?? [])];
      for (const type of UNKNOWN_CONDITION_TYPES) {
        const i = conditions.findIndex((c) => c.type === type);
        if (i < 0) {
          conditions.push({ type, status: 'Unknown', lastHeartbeatTime: node.metadata.creationTimestamp, lastTransitionTime: at, reason: 'NodeStatusNeverUpdated', message: 'Kubelet never posted node status.' });
        } else if (conditions[i]?.status !== 'Unknown') {
          conditions[i] = { ...(conditions[i] as Condition), status: 'Unknown', reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.', lastTransitionTime: at };
        }
      }
      node.status = { ...node.status, conditions };
      currentReady = nodeCondition(node, 'Ready');
      if (JSON.stringify(currentReady) !== JSON.stringify(current ?? observedReady)) {
        return { gracePeriodMs, observedReady, currentReady, updatedNode: node };
      }
    }
    return { gracePeriodMs, observedReady, currentReady };
  }
}
