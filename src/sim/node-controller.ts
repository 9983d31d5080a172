// The node half of the simulated kubelets: registers each Node (or takes over one that exists),
// renews its Lease every renew interval and re-posts its status every report interval (or at once
// when someone else marks it not Ready). Timers are bucketed (TimeBuckets) and writes go through a
// work queue with a few workers, apart from the pod writes so that 30,000 pods never starve the
// heartbeats. Upstream: pkg/kubelet/kubelet_node_status.go, pkg/kubelet/nodelease.

import type { Client, Informer, Logger, ResourceClient } from '../client/index.js';
import { WorkQueue, ItemExponentialRateLimiter, runWorkers, defaultLogger } from '../client/index.js';
import { isStatusError } from '../machinery/errors.js';
import { realClock, type Clock } from '../machinery/clock.js';
import { findResource } from '../api/resources.js';
import { TimeBuckets } from './time-buckets.js';
import { nodeIsReady, simNodeLabels, simNodeObject, simNodeStatus, SIM_NODE_ANNOTATIONS, type SimNodeSpec } from './node-object.js';
import { NODE_LEASE_NAMESPACE, renewedNodeLease } from './node-lease.js';
import type { Node, NodeLease } from './types.js';

export interface NodeControllerOptions {
  clock?: Clock;
  logger?: Logger;
  /** Lease validity. Default 40 (the kubelet's nodeLeaseDurationSeconds). */
  leaseDurationSeconds?: number;
  /** Lease renewal period. Default 10,000 (a quarter of the duration, as the kubelet). */
  leaseRenewIntervalMs?: number;
  /** Status re-posted at least this often (nodeStatusReportFrequency). Default 300,000. */
  statusReportIntervalMs?: number;
  /** Concurrent node/lease writes. Default 10. */
  workers?: number;
}

type Task = 'register' | 'lease' | 'status';

interface NodeState {
  spec: SimNodeSpec;
  index: number;
  uid?: string;
  /** The Lease as last written, for the next compare-and-swap renewal. */
  lease?: NodeLease;
  registered: boolean;
  leased: boolean;
  /** Deleted by someone else after registration: no more heartbeats. */
  gone: boolean;
}

function key(task: Task, name: string): string { return `${task}/${name}`; }

function is(e: unknown, code: number): boolean { return isStatusError(e) && e.code === code; }

export class NodeController {
  private readonly clock: Clock;
  private readonly logger: Logger;
  private readonly leaseDuration: number;
  private readonly renewMs: number;
  private readonly reportMs: number;
  private readonly workers: number;
  private readonly states = new Map<string, NodeState>();
  private readonly queue: WorkQueue<string>;
  private readonly timers: TimeBuckets<string>;
  private readonly nodesApi: ResourceClient<Node>;
  private readonly leasesApi: ResourceClient<NodeLease>;
  private leasedCount = 0;
  private waiters: (() => void)[] = [];
  private unsubscribe: (() => void) | undefined;

  constructor(client: Client, private readonly nodes: Informer<Node>, specs: readonly SimNodeSpec[], options: NodeControllerOptions = {}) {
    this.clock = options.clock ?? realClock;
    this.logger = options.logger ?? defaultLogger;
    this.leaseDuration = options.leaseDurationSeconds ?? 40;
    this.renewMs = options.leaseRenewIntervalMs ?? 10_000;
    this.reportMs = options.statusReportIntervalMs ?? 300_000;
    this.workers = options.workers ?? 10;
    specs.forEach((spec, index) => this.states.set(spec.name, { spec, index, registered: false, leased: false, gone: false }));
    this.queue = new WorkQueue<string>({ clock: this.clock, name: 'sim-nodes', rateLimiter: new ItemExponentialRateLimiter<string>(50, 5_000) });
    this.timers = new TimeBuckets<string>((keys) => { for (const k of keys) this.queue.add(k); }, { clock: this.clock, resolutionMs: 50 });
    this.nodesApi = client.resource<Node>(findResource('', 'v1', 'nodes')!);
    this.leasesApi = client.resource<NodeLease>(findResource('coordination.k8s.io', 'v1', 'leases')!, NODE_LEASE_NAMESPACE);
  }

  /** Nodes registered with a first lease written. */
  get registeredCount(): number { return this.leasedCount; }

  /** The UID of a registered node. */
  nodeUid(name: string): string | undefined { return this.states.get(name)?.uid; }

  /** Resolves true once every node is registered and leased, false if `signal` aborts first. */
  allRegistered(signal: AbortSignal): Promise<boolean> {
    if (this.leasedCount === this.states.size) return Promise.resolve(true);
    if (signal.aborted) return Promise.resolve(false);
    return new Promise((resolve) => {
      const onAbort = (): void => { this.waiters = this.waiters.filter((w) => w !== done); resolve(false); };
      const done = (): void => { signal.removeEventListener('abort', onAbort); resolve(true); };
      this.waiters.push(done);
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }

  /**
   * Registers every node, then keeps the heartbeats going until `signal` aborts. Call after the
   * node informer has synced (existing nodes are taken over, not created).
   */
  async run(signal: AbortSignal): Promise<void> {
    this.unsubscribe = this.nodes.addEventHandler({
      onUpdate: (_old, node) => this.onNodeUpdate(node),
      onDelete: (node) => this.onNodeDelete(node),
    });
    try {
      for (const name of this.states.keys()) this.queue.add(key('register', name));
      await runWorkers(this.queue, this.workers, (k) => this.reconcile(k), signal, { logger: this.logger });
    } finally {
      this.unsubscribe?.();
      this.timers.stop();
      this.queue.shutDown();
    }
  }

  private onNodeUpdate(node: Node): void {
    const st = this.states.get(node.metadata.name ?? '');
    if (!st || !st.registered || st.gone) return;
    // Marked NotReady/Unknown by someone else (say, after a pause): post status now.
    if (!nodeIsReady(node)) this.queue.add(key('status', st.spec.name));
  }

  private onNodeDelete(node: Node): void {
    const st = this.states.get(node.metadata.name ?? '');
    if (!st || !st.registered || st.gone) return;
    if (st.uid && node.metadata.uid && node.metadata.uid !== st.uid) return;
    st.gone = true;
    this.timers.cancel(key('lease', st.spec.name));
    this.timers.cancel(key('status', st.spec.name));
    this.logger.warn(`sim: node ${st.spec.name} was deleted; it stops heartbeating (restart kite sim to register it again)`);
  }

  private async reconcile(k: string): Promise<void> {
    const slash = k.indexOf('/');
    const task = k.slice(0, slash) as Task;
    const st = this.states.get(k.slice(slash + 1));
    if (!st) return;
    switch (task) {
      case 'register': return this.register(st);
      case 'lease': return this.renewLease(st);
      case 'status': return this.postStatus(st);
    }
  }

  /** Spreads a periodic task over its period by node index, so 1,000 nodes do not beat at once. */
  private firstDelay(st: NodeState, period: number): number {
    return Math.floor((period * (st.index + 1)) / this.states.size);
  }

  private async register(st: NodeState): Promise<void> {
    const name = st.spec.name;
    let node = this.nodes.getByName(name);
    if (!node) {
      try {
        node = await this.nodesApi.create(simNodeObject(st.spec, this.clock.now()), { fieldManager: 'kite-sim' });
        this.logger.info(`sim: registered node ${name}`);
      } catch (e) {
        if (!is(e, 409)) throw e;
        node = await this.nodesApi.get(name);
      }
    }
    node = await this.takeOver(st, node);
    st.uid = node.metadata.uid;
    st.gone = false;
    await this.writeStatus(st, node);
    st.registered = true;
    this.timers.scheduleIn(key('status', name), this.firstDelay(st, this.reportMs));
    this.queue.add(key('lease', name));
  }

  /** Puts back the labels and annotations a registering kubelet owns, if any are missing. */
  private async takeOver(st: NodeState, node: Node): Promise<Node> {
    const want = simNodeLabels(st.spec.name);
    const labels = node.metadata.labels ?? {};
    const annotations = node.metadata.annotations ?? {};
    const missingLabels = Object.entries(want).filter(([k, v]) => labels[k] !== v);
    const missingAnn = Object.entries(SIM_NODE_ANNOTATIONS).filter(([k, v]) => annotations[k] !== v);
    if (!missingLabels.length && !missingAnn.length) return node;
    const patch: { metadata: { labels?: Record<string, string>; annotations?: Record<string, string> } } = { metadata: {} };
    if (missingLabels.length) patch.metadata.labels = Object.fromEntries(missingLabels);
    if (missingAnn.length) patch.metadata.annotations = Object.fromEntries(missingAnn);
    this.logger.info(`sim: taking over existing node ${st.spec.name}`);
    return this.nodesApi.patch(st.spec.name, patch, 'merge', { fieldManager: 'kite-sim' });
  }

  private async writeStatus(st: NodeState, node: Node | undefined): Promise<void> {
    const status = simNodeStatus(st.spec, node?.status?.conditions, this.clock.now());
    await this.nodesApi.patch(st.spec.name, { status }, 'merge', { subresource: 'status', fieldManager: 'kite-sim' });
  }

  private async postStatus(st: NodeState): Promise<void> {
    if (!st.registered || st.gone) return;
    try {
      await this.writeStatus(st, this.nodes.getByName(st.spec.name));
    } catch (e) {
      if (is(e, 404)) { this.onNodeDelete({ apiVersion: 'v1', kind: 'Node', metadata: { name: st.spec.name } }); return; }
      throw e;
    }
    this.timers.scheduleIn(key('status', st.spec.name), this.reportMs);
  }

  private async renewLease(st: NodeState): Promise<void> {
    if (!st.registered || st.gone) return;
    const name = st.spec.name;
    for (let attempt = 0; ; attempt++) {
      const body = renewedNodeLease(st.lease, { nodeName: name, nodeUid: st.uid, durationSeconds: this.leaseDuration, now: this.clock.now() });
      try {
        st.lease = st.lease ? await this.leasesApi.update(body) : await this.leasesApi.create(body);
        break;
      } catch (e) {
        // Stale (409 on update), already there (409 on create) or gone (404): read it and try again.
        if (attempt >= 2 || !(is(e, 409) || is(e, 404))) { st.lease = undefined; throw e; }
        try { st.lease = await this.leasesApi.get(name); } catch (g) {
          if (!is(g, 404)) throw g;
          st.lease = undefined;
        }
      }
    }
    if (!st.leased) {
      st.leased = true;
      this.leasedCount++;
      this.timers.scheduleIn(key('lease', name), this.firstDelay(st, this.renewMs));
      if (this.leasedCount === this.states.size) {
        const ws = this.waiters;
        this.waiters = [];
        for (const w of ws) w();
      }
    } else {
      this.timers.scheduleIn(key('lease', name), this.renewMs);
    }
  }
}
