// The pod half of the simulated kubelets: one informer over all pods, filtered here by the set of
// simulated node names; each pod on a simulated node is put through the stages (pending ->
// Running/Ready, Job pods -> Succeeded, deleting -> deleted). A pod waits out its stage's delay in
// a TimeBuckets (one timer for all), then a worker of a bounded pool writes the result.
// Level-based: the worker re-reads the pod from the cache and re-matches before it writes.

import type { Client, Informer, Logger, ResourceClient } from '../client/index.js';
import { WorkQueue, ItemExponentialRateLimiter, runWorkers, defaultLogger, objectKey } from '../client/index.js';
import { isStatusError } from '../machinery/errors.js';
import { realClock, type Clock } from '../machinery/clock.js';
import { findResource } from '../api/resources.js';
import { TimeBuckets } from './time-buckets.js';
import { matchStage, stageDelayMs, validateStage, type Stage } from './stage.js';
import { POD_STATUS_TEMPLATES, type PodStatusTemplate } from './pod-status.js';
import type { IpPool } from './ip-pool.js';
import type { Pod } from './types.js';

/** What the pod controller needs to know about one simulated node. */
export interface SimNodeRuntime {
  internalIP: string;
  pool: IpPool;
}

export interface PodControllerOptions {
  clock?: Clock;
  logger?: Logger;
  random?: () => number;
  /** Concurrent pod writes. Default 50. */
  workers?: number;
  /** Status templates by name. Default POD_STATUS_TEMPLATES. */
  templates?: Readonly<Record<string, PodStatusTemplate>>;
  /** Field manager of the status writes. Default 'kite-sim'. */
  fieldManager?: string;
}

interface Pending {
  stage: Stage;
  uid: string;
  due: number;
}

const TERMINAL = new Set(['Succeeded', 'Failed']);

function is(e: unknown, code: number): boolean { return isStatusError(e) && e.code === code; }

export class PodController {
  private readonly clock: Clock;
  private readonly logger: Logger;
  private readonly random: () => number;
  private readonly workers: number;
  private readonly templates: Readonly<Record<string, PodStatusTemplate>>;
  private readonly fieldManager: string;
  private readonly pending = new Map<string, Pending>();
  private readonly queue: WorkQueue<string>;
  private readonly timers: TimeBuckets<string>;
  private readonly podsApi: ResourceClient<Pod>;
  private writes = 0;
  /**
   * The kubelet reports status.qosClass; an API server that did not set it at creation and holds it
   * immutable refuses that. Once refused, it is left out.
   */
  private sendQosClass = true;

  constructor(
    client: Client,
    private readonly pods: Informer<Pod>,
    private readonly nodes: ReadonlyMap<string, SimNodeRuntime>,
    private readonly stages: readonly Stage[],
    options: PodControllerOptions = {},
  ) {
    this.clock = options.clock ?? realClock;
    this.logger = options.logger ?? defaultLogger;
    this.random = options.random ?? Math.random;
    this.workers = options.workers ?? 50;
    this.templates = options.templates ?? POD_STATUS_TEMPLATES;
    this.fieldManager = options.fieldManager ?? 'kite-sim';
    for (const s of stages) validateStage(s, Object.keys(this.templates));
    this.queue = new WorkQueue<string>({ clock: this.clock, name: 'sim-pods', rateLimiter: new ItemExponentialRateLimiter<string>(50, 30_000) });
    this.timers = new TimeBuckets<string>((keys) => { for (const k of keys) this.queue.add(k); }, { clock: this.clock, resolutionMs: 25 });
    this.podsApi = client.resource<Pod>(findResource('', 'v1', 'pods')!);
  }

  /** Pods waiting for their stage to play out. */
  get pendingCount(): number { return this.pending.size; }

  /** Writes (status patches and deletions) sent so far. */
  get writeCount(): number { return this.writes; }

  /** Watches pods and plays their stages until `signal` aborts. */
  async run(signal: AbortSignal): Promise<void> {
    const off = this.pods.addEventHandler({
      onAdd: (pod) => this.observe(pod),
      onUpdate: (_old, pod) => this.observe(pod),
      onDelete: (pod) => this.forget(pod),
    });
    try {
      await runWorkers(this.queue, this.workers, (k) => this.reconcile(k), signal, { logger: this.logger });
    } finally {
      off();
      this.timers.stop();
      this.queue.shutDown();
      this.pending.clear();
    }
  }

  private nodeOf(pod: Pod): SimNodeRuntime | undefined {
    const n = pod.spec?.nodeName;
    return n ? this.nodes.get(n) : undefined;
  }

  /** An informer event: track the pod's IP and (re)arm its stage. Cheap: runs for every pod event. */
  private observe(pod: Pod): void {
    const node = this.nodeOf(pod);
    if (!node) return;
    const key = objectKey(pod);
    const uid = pod.metadata.uid ?? '';
    const status = pod.status;
    if (status?.phase && TERMINAL.has(status.phase)) node.pool.release(uid);
    else if (status?.podIP && !pod.spec?.hostNetwork) node.pool.claim(uid, status.podIP);

    const stage = matchStage(this.stages, pod);
    const cur = this.pending.get(key);
    if (!stage) {
      if (cur) { this.pending.delete(key); this.timers.cancel(key); }
      return;
    }
    if (cur && cur.stage === stage && cur.uid === uid) return;
    const now = this.clock.now();
    const due = now + stageDelayMs(stage, this.random);
    this.pending.set(key, { stage, uid, due });
    if (due <= now) { this.timers.cancel(key); this.queue.add(key); } else this.timers.schedule(key, due);
  }

  private forget(pod: Pod): void {
    const node = this.nodeOf(pod);
    if (!node) return;
    const key = objectKey(pod);
    const cur = this.pending.get(key);
    if (cur && cur.uid === pod.metadata.uid) { this.pending.delete(key); this.timers.cancel(key); }
    node.pool.release(pod.metadata.uid ?? '');
  }

  private async reconcile(key: string): Promise<void> {
    const p = this.pending.get(key);
    if (!p) return;
    const pod = this.pods.get(key);
    if (!pod || pod.metadata.uid !== p.uid) {
      this.pending.delete(key);
      if (pod) this.observe(pod);
      return;
    }
    const stage = matchStage(this.stages, pod);
    if (stage !== p.stage) {
      this.pending.delete(key);
      this.observe(pod);
      return;
    }
    if (this.clock.now() < p.due) { this.timers.schedule(key, p.due); return; }
    await this.act(stage, pod);
    if (this.pending.get(key) === p) this.pending.delete(key);
  }

  private async act(stage: Stage, pod: Pod): Promise<void> {
    const node = this.nodeOf(pod);
    if (!node) return;
    const name = pod.metadata.name ?? '';
    const api = this.podsApi.inNamespace(pod.metadata.namespace);
    const uid = pod.metadata.uid ?? '';
    if (stage.next.delete) {
      try {
        this.writes++;
        await api.delete(name, { gracePeriodSeconds: 0, preconditions: uid ? { uid } : undefined });
      } catch (e) {
        // Gone already, or replaced by a pod of the same name (UID precondition): nothing to do.
        if (!is(e, 404) && !is(e, 409)) throw e;
      }
      return;
    }
    const template = this.templates[stage.next.statusTemplate ?? ''];
    if (!template) return;
    let podIP = pod.status?.podIP;
    if (pod.spec?.hostNetwork) podIP = node.internalIP;
    else if (!podIP) {
      podIP = node.pool.allocate(uid);
      if (!podIP) throw new Error(`pod ${objectKey(pod)}: failed to allocate an IP: no IP addresses available in range set: ${node.pool.cidr}`);
    }
    const status = template(pod, { now: this.clock.now(), hostIP: node.internalIP, podIP });
    if (!status) return;
    if (!this.sendQosClass) delete status.qosClass;
    try {
      await this.patchStatus(api, name, uid, status);
    } catch (e) {
      if (is(e, 404)) return;
      if (!(is(e, 422) && status.qosClass !== undefined && /status\.qosClass/.test((e as Error).message))) throw e;
      this.sendQosClass = false;
      this.logger.warn(`sim: the API server refuses status.qosClass (${(e as Error).message}); leaving it out`);
      delete status.qosClass;
      try { await this.patchStatus(api, name, uid, status); } catch (e2) { if (!is(e2, 404)) throw e2; }
    }
  }

  private patchStatus(api: ResourceClient<Pod>, name: string, uid: string, status: object): Promise<Pod> {
    this.writes++;
    return api.patch(name, { metadata: { uid }, status }, 'merge', { subresource: 'status', fieldManager: this.fieldManager });
  }
}
