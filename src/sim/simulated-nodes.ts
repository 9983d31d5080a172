// N simulated kubelets in one process (`kite sim`): nodes that register, heartbeat through their
// Leases and move the pods bound to them through the pod stages, all through the API with kite's
// client. One node informer and one pod informer serve every simulated node.

import type { Client, Logger } from '../client/index.js';
import { SharedInformerFactory, defaultLogger } from '../client/index.js';
import { Quantity } from '../machinery/quantity.js';
import { realClock, type Clock } from '../machinery/clock.js';
import { findResource } from '../api/resources.js';
import { MAX_SIM_NODES, addressSlot, nodeInternalIp, podSubnetPrefix } from './addresses.js';
import { IpPool } from './ip-pool.js';
import { NodeController } from './node-controller.js';
import { PodController, type SimNodeRuntime } from './pod-controller.js';
import { defaultPodStages } from './pod-stages.js';
import type { SimNodeSpec } from './node-object.js';
import type { Stage } from './stage.js';
import type { Node, Pod } from './types.js';

export interface SimulatedNodesOptions {
  /** How many nodes. */
  count: number;
  /** Node names are `<prefix><index>`, index from 0. Default 'sim-'. */
  namePrefix?: string;
  /** Capacity (and allocatable) per node. Defaults '4', '16Gi', 110. */
  cpu?: string;
  memory?: string;
  maxPods?: number;
  /** Pod scheduled -> Running/Ready. Default 200. */
  podReadyDelayMs?: number;
  /** Running Job pod -> Succeeded. Default 1000. */
  podCompleteDelayMs?: number;
  /** deletionTimestamp -> deleted. Default 100. */
  podDeleteDelayMs?: number;
  /** Replaces the default pod stages (defaultPodStages) altogether. */
  podStages?: Stage[];
  /** Default 40. */
  leaseDurationSeconds?: number;
  /** Default 10,000. */
  leaseRenewIntervalMs?: number;
  /** Default 300,000. */
  nodeStatusReportIntervalMs?: number;
  /** Concurrent pod writes. Default 50. */
  podWorkers?: number;
  /** Concurrent node and lease writes. Default 10. */
  nodeWorkers?: number;
  clock?: Clock;
  logger?: Logger;
  random?: () => number;
}

function checkQuantity(flag: string, v: string): string {
  let q: Quantity;
  try { q = Quantity.parse(v); } catch { throw new Error(`${flag} must be a resource quantity such as 4 or 16Gi, got ${JSON.stringify(v)}`); }
  if (q.cmp(Quantity.zero()) <= 0) throw new Error(`${flag} must be greater than zero, got ${JSON.stringify(v)}`);
  return v;
}

export class SimulatedNodes {
  /** The nodes' names, index order. */
  readonly nodeNames: readonly string[];
  private readonly specs: SimNodeSpec[];
  private readonly runtimes = new Map<string, SimNodeRuntime>();
  private readonly clock: Clock;
  private readonly logger: Logger;
  private readonly stages: Stage[];
  private ctl: AbortController | undefined;
  private runs: Promise<void>[] = [];
  private factory: SharedInformerFactory | undefined;
  private nodeController: NodeController | undefined;
  private podController: PodController | undefined;

  constructor(private readonly client: Client, private readonly opts: SimulatedNodesOptions) {
    const { count } = opts;
    if (!Number.isInteger(count) || count <= 0) throw new Error(`count must be a positive integer, got ${String(count)}`);
    if (count > MAX_SIM_NODES) throw new Error(`count must be at most ${MAX_SIM_NODES}, got ${count}`);
    const maxPods = opts.maxPods ?? 110;
    if (!Number.isInteger(maxPods) || maxPods <= 0) throw new Error(`maxPods must be a positive integer, got ${String(maxPods)}`);
    const cpu = checkQuantity('cpu', opts.cpu ?? '4');
    const memory = checkQuantity('memory', opts.memory ?? '16Gi');
    const prefix = opts.namePrefix ?? 'sim-';
    this.clock = opts.clock ?? realClock;
    this.logger = opts.logger ?? defaultLogger;
    this.specs = [];
    for (let i = 0; i < count; i++) {
      const slot = addressSlot(prefix, i);
      const spec: SimNodeSpec = { name: `${prefix}${i}`, internalIP: nodeInternalIp(slot), cpu, memory, maxPods };
      this.specs.push(spec);
      this.runtimes.set(spec.name, { internalIP: spec.internalIP, pool: new IpPool(podSubnetPrefix(slot)) });
    }
    this.nodeNames = this.specs.map((s) => s.name);
    this.stages = opts.podStages ?? defaultPodStages({
      readyDelayMs: opts.podReadyDelayMs, completeDelayMs: opts.podCompleteDelayMs, deleteDelayMs: opts.podDeleteDelayMs,
    });
  }

  /** Nodes registered (Node posted Ready and first Lease written). */
  get registeredCount(): number { return this.nodeController?.registeredCount ?? 0; }

  /** Pod writes (status patches and deletions) sent so far. */
  get podWriteCount(): number { return this.podController?.writeCount ?? 0; }

  /**
   * Starts the nodes. Resolves once every node is registered with a Lease (or when `signal`
   * aborts first); the nodes keep running until `signal` aborts or stop() is called.
   */
  async start(signal: AbortSignal): Promise<void> {
    if (this.ctl) throw new Error('simulated nodes already started');
    const ctl = new AbortController();
    this.ctl = ctl;
    if (signal.aborted) ctl.abort(signal.reason);
    else signal.addEventListener('abort', () => ctl.abort(signal.reason), { once: true });

    const o = this.opts;
    const factory = new SharedInformerFactory(this.client, { clock: this.clock, logger: this.logger });
    this.factory = factory;
    const nodes = factory.informerFor<Node>(findResource('', 'v1', 'nodes')!);
    const pods = factory.informerFor<Pod>(findResource('', 'v1', 'pods')!);
    this.nodeController = new NodeController(this.client, nodes, this.specs, {
      clock: this.clock, logger: this.logger, workers: o.nodeWorkers,
      leaseDurationSeconds: o.leaseDurationSeconds, leaseRenewIntervalMs: o.leaseRenewIntervalMs, statusReportIntervalMs: o.nodeStatusReportIntervalMs,
    });
    this.podController = new PodController(this.client, pods, this.runtimes, this.stages, {
      clock: this.clock, logger: this.logger, random: o.random, workers: o.podWorkers,
    });
    // The pod controller subscribes before the informers start, so the first list reaches it.
    this.runs.push(this.podController.run(ctl.signal));
    factory.start(ctl.signal);
    if (!(await nodes.waitForSync(ctl.signal))) return;
    this.runs.push(this.nodeController.run(ctl.signal));
    if (await this.nodeController.allRegistered(ctl.signal)) {
      this.logger.info(`sim: ${this.specs.length} nodes registered`);
    }
  }

  /** Stops heartbeats and pod handling; the Nodes and Leases stay, as a kubelet that died leaves them. */
  async stop(): Promise<void> {
    const ctl = this.ctl;
    if (!ctl) return;
    ctl.abort(new Error('simulated nodes stopped'));
    await Promise.allSettled(this.runs);
    await this.factory?.stopped();
  }
}
