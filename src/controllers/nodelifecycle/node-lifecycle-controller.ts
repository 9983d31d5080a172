// The node lifecycle controller (upstream pkg/controller/nodelifecycle): every monitor period it
// checks each node's heartbeat (Ready condition or kube-node-lease Lease); a node silent for longer
// than the grace period gets its conditions set to Unknown ("Kubelet stopped posting node
// status."), its pods marked not Ready, and - rate-limited per zone, and not at all when every node
// is down - the NoExecute taint node.kubernetes.io/unreachable (not-ready for Ready=False). NoSchedule
// taints follow the node's conditions. A node that is healthy again loses the taints. Pod eviction
// itself is the taint eviction controller's job.

import type { Client } from '../../client/client.js';
import type { SharedInformerFactory } from '../../client/shared-informer-factory.js';
import type { Informer } from '../../client/informer.js';
import type { ResourceClient } from '../../client/resource-client.js';
import type { Lease } from '../../client/leader-election.js';
import { EventRecorder } from '../../client/event-recorder.js';
import { defaultLogger, type Logger } from '../../client/logger.js';
import { realClock, rfc3339, type Clock } from '../../machinery/clock.js';
import type { Controller } from '../runtime/controller.js';
import { ReconcileLoop, type Syncable } from '../runtime/reconcile-loop.js';
import { NODE_NAME_INDEX, ensureIndex } from '../runtime/indexes.js';
import { errorMessage, isConflict, isNotFound } from '../runtime/api-errors.js';
import { NODES, NODE_LEASES, PODS } from '../runtime/resources.js';
import type { Condition, Node, Pod, Taint } from '../runtime/types.js';
import { NODE_LEASE_NAMESPACE, NodeHealthTracker } from './node-health.js';
import {
  NOT_READY_NO_EXECUTE, UNREACHABLE_NO_EXECUTE, managedNoScheduleTaints, noScheduleTaintsFor, nodeCondition, swapTaints, taintExists, taintSetDiff,
} from './taints.js';
import { EXCLUDE_DISRUPTION_LABEL, computeZoneState, zoneKey, type ZoneState } from './zone-state.js';
import { TokenBucket } from './token-bucket.js';

export const NODE_LIFECYCLE_CONTROLLER = 'node-controller';

export interface NodeLifecycleOptions {
  clock?: Clock;
  logger?: Logger;
  /** How often node health is checked (--node-monitor-period). Default 5s. */
  nodeMonitorPeriodMs?: number;
  /** Silence after which a node is Unknown (--node-monitor-grace-period). Default 50s, as 1.32+. */
  nodeMonitorGracePeriodMs?: number;
  /** The same for a node that never reported (--node-startup-grace-period). Default 60s. */
  nodeStartupGracePeriodMs?: number;
  /** NoExecute taints per second per healthy zone (--node-eviction-rate). Default 0.1. */
  evictionLimiterQPS?: number;
  /** The same in a partially disrupted large zone (--secondary-node-eviction-rate). Default 0.01. */
  secondaryEvictionLimiterQPS?: number;
  /** Zones up to this size stop tainting when partially disrupted (--large-cluster-size-threshold). Default 50. */
  largeClusterThreshold?: number;
  /** Share of unready nodes that makes a zone partially disrupted (--unhealthy-zone-threshold). Default 0.55. */
  unhealthyZoneThreshold?: number;
  /** How often the NoExecute taint queues are worked. Default 100ms. */
  taintPassPeriodMs?: number;
  recorder?: EventRecorder;
}

interface ZoneTainter {
  bucket: TokenBucket;
  /** Node names waiting for a NoExecute taint, in order, with when to try next. */
  queue: Map<string, number>;
}

export class NodeLifecycleController implements Controller {
  readonly name = NODE_LIFECYCLE_CONTROLLER;
  private readonly o: Required<Omit<NodeLifecycleOptions, 'recorder' | 'clock' | 'logger'>>;
  private readonly clock: Clock;
  private readonly logger: Logger;
  private readonly recorder: EventRecorder;
  private readonly ownRecorder: boolean;
  private readonly nodes: ResourceClient<Node>;
  private readonly pods: ResourceClient<Pod>;
  private readonly nodeInformer: Informer<Node>;
  private readonly leaseInformer: Informer<Lease>;
  private readonly podInformer: Informer<Pod>;
  private readonly noScheduleLoop: ReconcileLoop;
  private readonly health: NodeHealthTracker;
  private readonly known = new Map<string, Node>();
  private readonly zoneStates = new Map<string, ZoneState>();
  private readonly tainters = new Map<string, ZoneTainter>();
  private readonly nodesToRetry = new Set<string>();
  private readonly unregister: (() => void)[] = [];

  constructor(client: Client, informers: SharedInformerFactory, options: NodeLifecycleOptions = {}) {
    this.clock = options.clock ?? realClock;
    this.logger = options.logger ?? defaultLogger;
    this.o = {
      nodeMonitorPeriodMs: options.nodeMonitorPeriodMs ?? 5000,
      nodeMonitorGracePeriodMs: options.nodeMonitorGracePeriodMs ?? 50_000,
      nodeStartupGracePeriodMs: options.nodeStartupGracePeriodMs ?? 60_000,
      evictionLimiterQPS: options.evictionLimiterQPS ?? 0.1,
      secondaryEvictionLimiterQPS: options.secondaryEvictionLimiterQPS ?? 0.01,
      largeClusterThreshold: options.largeClusterThreshold ?? 50,
      unhealthyZoneThreshold: options.unhealthyZoneThreshold ?? 0.55,
      taintPassPeriodMs: options.taintPassPeriodMs ?? 100,
    };
    this.ownRecorder = !options.recorder;
    this.recorder = options.recorder ?? new EventRecorder(client, { component: NODE_LIFECYCLE_CONTROLLER, clock: this.clock, logger: this.logger });
    this.health = new NodeHealthTracker({ gracePeriodMs: this.o.nodeMonitorGracePeriodMs, startupGracePeriodMs: this.o.nodeStartupGracePeriodMs });
    this.nodes = client.resource<Node>(NODES);
    this.pods = client.resource<Pod>(PODS);
    this.nodeInformer = informers.informerFor<Node>(NODES);
    this.leaseInformer = informers.informerFor<Lease>(NODE_LEASES, { namespace: NODE_LEASE_NAMESPACE });
    this.podInformer = informers.informerFor<Pod>(PODS);
    ensureIndex(this.podInformer, NODE_NAME_INDEX);
    this.noScheduleLoop = new ReconcileLoop((name) => this.noScheduleTaintingPass(name), { name: `${NODE_LIFECYCLE_CONTROLLER}-noschedule`, workers: 2, clock: this.clock, logger: this.logger });
    this.unregister.push(this.nodeInformer.addEventHandler({
      onAdd: (n) => this.noScheduleLoop.enqueue(n.metadata.name ?? ''),
      onUpdate: (_o, n) => this.noScheduleLoop.enqueue(n.metadata.name ?? ''),
    }));
  }

  async run(signal: AbortSignal): Promise<void> {
    const caches = [this.nodeInformer, this.leaseInformer, this.podInformer];
    try {
      await Promise.all([
        this.noScheduleLoop.run(signal, caches),
        this.every(signal, caches, this.o.nodeMonitorPeriodMs, () => this.monitorNodeHealth(), 'monitor node health'),
        this.every(signal, caches, this.o.taintPassPeriodMs, () => this.noExecuteTaintingPass(), 'NoExecute tainting'),
      ]);
    } finally {
      for (const off of this.unregister.splice(0)) off();
      if (this.ownRecorder) await this.recorder.shutdown();
    }
  }

  /** Runs `fn` every `periodMs` (after the caches synced) until `signal` aborts. */
  private async every(signal: AbortSignal, caches: readonly Syncable[], periodMs: number, fn: () => Promise<void>, what: string): Promise<void> {
    const synced = await Promise.all(caches.map((c) => c.waitForSync(signal)));
    if (!synced.every(Boolean)) return;
    while (!signal.aborted) {
      try {
        await fn();
      } catch (e) {
        if (!signal.aborted) this.logger.warn(`${NODE_LIFECYCLE_CONTROLLER}: ${what}: ${errorMessage(e)}`);
      }
      try { await this.clock.sleep(periodMs, signal); } catch { return; }
    }
  }

  private lease(name: string): Lease | undefined {
    return this.leaseInformer.getByName(name, NODE_LEASE_NAMESPACE);
  }

  private nodeEvent(node: Node, type: 'Normal' | 'Warning', reason: string, message: string): void {
    this.recorder.event({ apiVersion: 'v1', kind: 'Node', name: node.metadata.name, uid: node.metadata.uid }, type, reason, message);
  }

  private tainter(zone: string): ZoneTainter {
    let t = this.tainters.get(zone);
    if (!t) {
      t = { bucket: new TokenBucket(this.o.evictionLimiterQPS, 1, this.clock), queue: new Map() };
      this.tainters.set(zone, t);
    }
    return t;
  }

  // ------------------------------------------------------------------ monitor

  async monitorNodeHealth(): Promise<void> {
    const nodes = this.nodeInformer.list();
    const names = new Set(nodes.map((n) => n.metadata.name ?? ''));
    for (const node of nodes) {
      const name = node.metadata.name ?? '';
      if (this.known.has(name)) continue;
      this.known.set(name, node);
      this.tainter(zoneKey(node));
      if (!this.zoneStates.has(zoneKey(node))) this.zoneStates.set(zoneKey(node), 'Initial');
      this.nodeEvent(node, 'Normal', 'RegisteredNode', `Node ${name} event: Registered Node ${name} in Controller`);
      await this.markNodeAsReachable(node);
    }
    for (const [name, node] of this.known) {
      if (names.has(name)) continue;
      this.nodeEvent(node, 'Normal', 'RemovingNode', `Node ${name} event: Removing Node ${name} from Controller`);
      this.known.delete(name);
      this.health.forget(name);
      for (const t of this.tainters.values()) t.queue.delete(name);
    }

    const zoneConditions = new Map<string, (Condition | undefined)[]>();
    for (const cached of nodes) {
      const res = await this.updateNodeHealth(cached);
      if (!res) continue;
      const { node, observedReady, currentReady } = res;
      if (node.metadata.labels?.[EXCLUDE_DISRUPTION_LABEL] === undefined) {
        const z = zoneKey(node);
        zoneConditions.set(z, [...(zoneConditions.get(z) ?? []), currentReady]);
      }
      if (!currentReady) continue;
      const name = node.metadata.name ?? '';
      await this.processTaintBasedEviction(node, observedReady);
      const needsRetry = this.nodesToRetry.has(name);
      if (currentReady.status !== 'True' && (observedReady.status === 'True' || needsRetry)) {
        if (observedReady.status === 'True') this.nodeEvent(node, 'Normal', 'NodeNotReady', `Node ${name} status is now: NodeNotReady`);
        try {
          await this.markPodsNotReady(name);
        } catch (e) {
          this.logger.warn(`${NODE_LIFECYCLE_CONTROLLER}: unable to mark all pods NotReady on node ${name}: ${errorMessage(e)}; queuing for retry`);
          this.nodesToRetry.add(name);
          continue;
        }
      }
      this.nodesToRetry.delete(name);
    }
    await this.handleDisruption(zoneConditions, nodes);
  }

  /** tryUpdateNodeHealth with up to 5 attempts (re-reading the node after a failed write). */
  private async updateNodeHealth(cached: Node): Promise<{ node: Node; observedReady: Condition; currentReady: Condition | undefined } | undefined> {
    let node = cached;
    for (let attempt = 0; attempt < 5; attempt++) {
      const now = this.clock.now();
      const r = this.health.evaluate(node, this.lease(node.metadata.name ?? ''), now);
      if (!r.updatedNode) return { node, observedReady: r.observedReady, currentReady: r.currentReady };
      try {
        const written = await this.nodes.updateStatus(r.updatedNode, { fieldManager: NODE_LIFECYCLE_CONTROLLER });
        this.health.recordWrite(written, now);
        return { node: written, observedReady: r.observedReady, currentReady: r.currentReady };
      } catch (e) {
        if (isNotFound(e)) return undefined;
        try {
          node = await this.nodes.get(node.metadata.name ?? '');
        } catch (ge) {
          if (isNotFound(ge)) return undefined;
          throw ge;
        }
      }
    }
    this.logger.warn(`${NODE_LIFECYCLE_CONTROLLER}: update health of node ${cached.metadata.name ?? ''} failed; skipping - no pods will be evicted`);
    return undefined;
  }

  private async processTaintBasedEviction(node: Node, observedReady: Condition): Promise<void> {
    const name = node.metadata.name ?? '';
    const zone = zoneKey(node);
    switch (observedReady.status) {
      case 'False':
        if (taintExists(node.spec?.taints, UNREACHABLE_NO_EXECUTE)) await this.swapNodeTaints(name, [NOT_READY_NO_EXECUTE], [UNREACHABLE_NO_EXECUTE]);
        else this.markNodeForTainting(zone, name);
        break;
      case 'Unknown':
        if (taintExists(node.spec?.taints, NOT_READY_NO_EXECUTE)) await this.swapNodeTaints(name, [UNREACHABLE_NO_EXECUTE], [NOT_READY_NO_EXECUTE]);
        else this.markNodeForTainting(zone, name);
        break;
      case 'True':
        await this.markNodeAsReachable(node);
        break;
    }
  }

  private markNodeForTainting(zone: string, name: string): void {
    const q = this.tainter(zone).queue;
    if (!q.has(name)) q.set(name, this.clock.now());
  }

  /** Removes the NoExecute taints and any pending tainting. */
  private async markNodeAsReachable(node: Node): Promise<void> {
    const name = node.metadata.name ?? '';
    this.tainter(zoneKey(node)).queue.delete(name);
    if (taintExists(node.spec?.taints, UNREACHABLE_NO_EXECUTE) || taintExists(node.spec?.taints, NOT_READY_NO_EXECUTE)) {
      await this.swapNodeTaints(name, [], [UNREACHABLE_NO_EXECUTE, NOT_READY_NO_EXECUTE]);
    }
  }

  /** Adds and removes taints on a node (compare-and-swap, retried on conflicts); false when it failed. */
  private async swapNodeTaints(name: string, toAdd: Taint[], toRemove: Taint[]): Promise<boolean> {
    for (let attempt = 0; attempt < 5; attempt++) {
      let node: Node | undefined = attempt === 0 ? this.nodeInformer.getByName(name) : undefined;
      try {
        node ??= await this.nodes.get(name);
      } catch (e) {
        if (isNotFound(e)) return true;
        throw e;
      }
      const next = swapTaints(node.spec?.taints, toAdd, toRemove, rfc3339(this.clock.now()));
      if (!next) return true;
      try {
        await this.nodes.patch(name, { metadata: { resourceVersion: node.metadata.resourceVersion }, spec: { taints: next.length ? next : null } }, 'merge', { fieldManager: NODE_LIFECYCLE_CONTROLLER });
        return true;
      } catch (e) {
        if (isNotFound(e)) return true;
        if (!isConflict(e)) {
          this.logger.warn(`${NODE_LIFECYCLE_CONTROLLER}: failed to update taints of node ${name}: ${errorMessage(e)}`);
          return false;
        }
      }
    }
    return false;
  }

  /** Sets the Ready condition of the node's pods to False (upstream MarkPodsNotReady). */
  private async markPodsNotReady(nodeName: string): Promise<void> {
    const errors: unknown[] = [];
    for (const cached of this.podInformer.byIndex(NODE_NAME_INDEX, nodeName)) {
      const ready = cached.status?.conditions?.find((c) => c.type === 'Ready');
      if (!ready || ready.status === 'False') continue;
      const pod = structuredClone(cached) as Pod;
      pod.status = {
        ...pod.status,
        conditions: (pod.status?.conditions ?? []).map((c) => (c.type === 'Ready' ? { ...c, status: 'False' as const, lastTransitionTime: rfc3339(this.clock.now()) } : c)),
      };
      try {
        await this.pods.inNamespace(pod.metadata.namespace).updateStatus(pod, { fieldManager: NODE_LIFECYCLE_CONTROLLER });
      } catch (e) {
        if (isNotFound(e)) continue;
        errors.push(e);
        continue;
      }
      this.recorder.event(pod, 'Warning', 'NodeNotReady', 'Node is not ready');
    }
    if (errors.length) throw errors[0];
  }

  // ------------------------------------------------------------------ disruption

  private async handleDisruption(zoneConditions: Map<string, (Condition | undefined)[]>, nodes: Node[]): Promise<void> {
    const newStates = new Map<string, ZoneState>();
    let allAreFullyDisrupted = true;
    for (const [zone, conds] of zoneConditions) {
      const { state } = computeZoneState(conds, this.o.unhealthyZoneThreshold);
      if (state !== 'FullDisruption') allAreFullyDisrupted = false;
      newStates.set(zone, state);
      if (!this.zoneStates.has(zone)) this.zoneStates.set(zone, 'Initial');
    }
    let allWasFullyDisrupted = true;
    for (const [zone, state] of [...this.zoneStates]) {
      if (!zoneConditions.has(zone)) { this.zoneStates.delete(zone); continue; }
      if (state !== 'FullDisruption') { allWasFullyDisrupted = false; break; }
    }
    if (allAreFullyDisrupted && allWasFullyDisrupted) return;

    if (allAreFullyDisrupted) {
      this.logger.info(`${NODE_LIFECYCLE_CONTROLLER}: all nodes are not ready; entering master disruption mode`);
      for (const n of nodes) await this.markNodeAsReachable(this.nodeInformer.getByName(n.metadata.name ?? '') ?? n);
      for (const zone of this.zoneStates.keys()) {
        this.tainter(zone).bucket.setRate(0);
        this.zoneStates.set(zone, 'FullDisruption');
      }
      return;
    }
    if (allWasFullyDisrupted) {
      this.logger.info(`${NODE_LIFECYCLE_CONTROLLER}: some nodes are ready; exiting master disruption mode`);
      this.health.resetProbes(this.clock.now());
      for (const zone of this.zoneStates.keys()) {
        const state = newStates.get(zone) ?? 'Normal';
        this.setZoneRate(zone, zoneConditions.get(zone)?.length ?? 0, state);
        this.zoneStates.set(zone, state);
      }
      return;
    }
    for (const [zone, old] of this.zoneStates) {
      const state = newStates.get(zone) ?? 'Normal';
      if (state === old) continue;
      this.logger.info(`${NODE_LIFECYCLE_CONTROLLER}: zone ${JSON.stringify(zone)} is now in state ${state}`);
      this.setZoneRate(zone, zoneConditions.get(zone)?.length ?? 0, state);
      this.zoneStates.set(zone, state);
    }
  }

  private setZoneRate(zone: string, size: number, state: ZoneState): void {
    const bucket = this.tainter(zone).bucket;
    if (state === 'PartialDisruption') bucket.setRate(size > this.o.largeClusterThreshold ? this.o.secondaryEvictionLimiterQPS : 0);
    else bucket.setRate(this.o.evictionLimiterQPS);
  }

  // ------------------------------------------------------------------ taint passes

  /** Works the per-zone NoExecute taint queues, as fast as each zone's rate allows. */
  async noExecuteTaintingPass(): Promise<void> {
    for (const t of this.tainters.values()) {
      for (const [name, at] of [...t.queue]) {
        if (!t.bucket.tryAccept()) break;
        const now = this.clock.now();
        if (now < at) break;
        const done = await this.taintOne(name);
        if (done) t.queue.delete(name);
        else t.queue.set(name, now + 50);
      }
    }
  }

  private async taintOne(name: string): Promise<boolean> {
    const node = this.nodeInformer.getByName(name);
    if (!node) return true;
    const ready = nodeCondition(node, 'Ready');
    if (!ready) return false;
    if (ready.status === 'False') return this.swapNodeTaints(name, [NOT_READY_NO_EXECUTE], [UNREACHABLE_NO_EXECUTE]);
    if (ready.status === 'Unknown') return this.swapNodeTaints(name, [UNREACHABLE_NO_EXECUTE], [NOT_READY_NO_EXECUTE]);
    return true;
  }

  /** NoSchedule taints follow the node's conditions and spec.unschedulable. */
  private async noScheduleTaintingPass(name: string): Promise<void> {
    const node = this.nodeInformer.getByName(name);
    if (!node) return;
    const { toAdd, toRemove } = taintSetDiff(noScheduleTaintsFor(node), managedNoScheduleTaints(node));
    if (!toAdd.length && !toRemove.length) return;
    if (!(await this.swapNodeTaints(name, toAdd, toRemove))) throw new Error(`failed to swap taints of node ${name}`);
  }
}
