// The kite scheduler (kube-scheduler's Scheduler + schedule_one.go): informers feed the cache and
// the queue; a loop pops the next pod, runs one synchronous scheduling cycle (PreFilter, Filter
// over an adaptive sample of nodes starting where the last cycle stopped, PostFilter/preemption,
// PreScore/Score), assumes the pod on the chosen node at once and binds it in the background
// through pods/binding. An unschedulable pod gets a FailedScheduling event and a PodScheduled=False
// condition with upstream's message, and waits for a cluster event that may help.
//
// Leader election is the composition root's job: call run() inside onStartedLeading.

import { errorMessage } from '../machinery/errors.js';
import { setMaxListeners } from 'node:events';
import { findResource } from '../api/resources.js';
import type { KubeObject } from '../api/types.js';
import {
  EventRecorder, NAMESPACE_INDEX, SharedInformerFactory, defaultLogger, namespaceIndexFunc, type Client, type Informer, type Logger, type ResourceRef,
} from '../client/index.js';
import { realClock, rfc3339, type Clock } from '../machinery/clock.js';
import type { LabelSelector } from '../machinery/labels.js';
import {
  DEFAULT_SCHEDULER_NAME, type Namespace, type Node, type Pod, type PodCondition, type PodDisruptionBudget, type PriorityClass,
  type SelectorOwner, type Service,
} from './api-types.js';
import { Cache } from './cache.js';
import { defaultSelector } from './default-selector.js';
import { nodeUpdateActions, podUpdateActions } from './event-actions.js';
import { CycleState } from './framework/cycle-state.js';
import { FitError, NO_NODES_AVAILABLE, type Diagnosis } from './framework/fit-error.js';
import { Framework } from './framework/framework.js';
import type { ActionType, ClusterEvent, ClusterEventWithHint, Plugin } from './framework/interfaces.js';
import type { NodeInfo } from './framework/node-info.js';
import { NodeToStatus } from './framework/node-to-status.js';
import { numFeasibleNodesToFind } from './framework/num-feasible-nodes.js';
import { PodInfo, podKey } from './framework/pod-info.js';
import { Status } from './framework/status.js';
import { apiPreemptionExecutor } from './preemption-executor.js';
import { DEFAULT_WEIGHTS, defaultPlugins, type PluginHandle } from './plugins/registry.js';
import { podPriority } from './priority.js';
import { SchedulingQueue, FORCE, type QueuedPodInfo } from './queue.js';

export interface SchedulerOptions {
  clock?: Clock;
  /** Pods with this spec.schedulerName (empty means the default) are scheduled. Default 'default-scheduler'. */
  schedulerName?: string;
  /** Share of nodes to find feasible before scoring; 0 or unset: adaptive (50% - nodes/125, >= 5%, >= 100 nodes). */
  percentageOfNodesToScore?: number;
  /**
   * Upstream's parallelism (goroutines for filtering and binding). Cycles here run on one thread,
   * so it sizes the binding calls in flight instead: 4 × parallelism. Default 16.
   */
  parallelism?: number;
  /**
   * Informers shared with other components (their owner starts the factory); the scheduler makes
   * and starts its own otherwise.
   */
  informers?: SharedInformerFactory;
  /** Event recorder; default: one for component `schedulerName`. */
  recorder?: EventRecorder;
  logger?: Logger;
  /** Default 1s and 10s. */
  podInitialBackoffMs?: number;
  podMaxBackoffMs?: number;
  /** Run DefaultPreemption. Default true. */
  preemption?: boolean;
  /** Replaces the default plugins (tests). Receives the handle plugins may need. */
  plugins?: (h: PluginHandle) => Plugin[];
  /** Score weights by plugin name. Default: upstream's. */
  weights?: Readonly<Record<string, number>>;
  /** Tie-breaking and preemption offsets. Default Math.random. */
  random?: () => number;
  /** Called after each successful binding. */
  onBound?: (pod: Pod, nodeName: string) => void;
}

export interface SchedulerStats {
  /** Scheduling cycles run. */
  attempts: number;
  /** Pods assumed onto a node. */
  scheduled: number;
  /** Bindings that succeeded. */
  bound: number;
  /** Bindings that failed. */
  bindErrors: number;
  /** Cycles that ended with the pod unschedulable. */
  unschedulable: number;
  /** Cycles that ended with an error. */
  errors: number;
}

const ref = (group: string, version: string, resource: string): ResourceRef => {
  const r = findResource(group, version, resource);
  if (!r) throw new Error(`resource ${group}/${version}/${resource} is not in the resource table`);
  return r;
};

/** upstream validation.NoteLengthLimit. */
const NOTE_LENGTH_LIMIT = 1024;

function truncateMessage(m: string): string {
  return m.length <= NOTE_LENGTH_LIMIT ? m : `${m.slice(0, NOTE_LENGTH_LIMIT - 4)} ...`;
}

function isTerminal(pod: Pod): boolean {
  const phase = pod.status?.phase;
  return phase === 'Succeeded' || phase === 'Failed';
}

function assigned(pod: Pod): boolean {
  return !!pod.spec?.nodeName;
}

type CycleOutcome =
  | { kind: 'scheduled'; node: string }
  | { kind: 'fit'; error: FitError; nominatedNodeName?: string }
  | { kind: 'error'; message: string; unresolvable?: boolean };

export class Scheduler {
  readonly cache: Cache;
  readonly queue: SchedulingQueue;
  readonly framework: Framework;
  readonly stats: SchedulerStats = { attempts: 0, scheduled: 0, bound: 0, bindErrors: 0, unschedulable: 0, errors: 0 };
  readonly schedulerName: string;

  private readonly clock: Clock;
  private readonly logger: Logger;
  private readonly informers: SharedInformerFactory;
  private readonly ownInformers: boolean;
  private readonly recorder: EventRecorder;
  private readonly random: () => number;
  private readonly maxBindsInFlight: number;
  private readonly priorityClasses = new Map<string, PriorityClass>();
  private podInformer: Informer<Pod> | undefined;
  private serviceInformer: Informer<Service> | undefined;
  private rsInformer: Informer<SelectorOwner> | undefined;
  private ssInformer: Informer<SelectorOwner> | undefined;
  private pdbInformer: Informer<PodDisruptionBudget> | undefined;
  private nextStartNodeIndex = 0;
  private bindsInFlight = 0;
  private bindWaiters: (() => void)[] = [];
  private bindWaitersHead = 0;
  private readonly pendingBinds = new Set<Promise<void>>();
  private started = false;
  private syncedResolve: (() => void) | undefined;
  private readonly synced = new Promise<void>((r) => { this.syncedResolve = r; });

  constructor(private readonly client: Client, private readonly opts: SchedulerOptions = {}) {
    this.clock = opts.clock ?? realClock;
    this.logger = opts.logger ?? defaultLogger;
    this.schedulerName = opts.schedulerName ?? DEFAULT_SCHEDULER_NAME;
    this.random = opts.random ?? Math.random;
    this.maxBindsInFlight = 4 * Math.max(1, opts.parallelism ?? 16);
    this.ownInformers = !opts.informers;
    this.informers = opts.informers ?? new SharedInformerFactory(client, { clock: this.clock, logger: this.logger });
    this.recorder = opts.recorder ?? new EventRecorder(client, { component: this.schedulerName, clock: this.clock, logger: this.logger });
    this.cache = new Cache((pod) => this.newPodInfo(pod));

    const handle: PluginHandle = {
      client,
      snapshot: this.cache.snapshot,
      framework: () => this.framework,
      nominator: { nominatedPodsForNode: (n) => this.queue.nominatedPodsForNode(n) },
      currentPod: (key) => this.podInformer?.get(key),
      pdbs: () => this.pdbInformer?.list() ?? [],
      executor: apiPreemptionExecutor({ client, recorder: this.recorder, schedulerName: this.schedulerName, clock: this.clock }),
      activate: (pi) => this.queue.activate([pi.key]),
      now: () => this.clock.now(),
      random: this.random,
      defaultSelector: (pod) => this.defaultSelectorFor(pod),
    };
    const plugins = opts.plugins ? opts.plugins(handle) : defaultPlugins(handle, { preemption: opts.preemption });
    this.framework = new Framework(plugins, { weights: opts.weights ?? DEFAULT_WEIGHTS, percentageOfNodesToScore: opts.percentageOfNodesToScore });
    const hints = new Map<string, readonly ClusterEventWithHint[]>();
    for (const p of this.framework.enqueueExtensions) hints.set(p.name, p.eventsToRegister());
    this.queue = new SchedulingQueue({
      clock: this.clock,
      podInitialBackoffMs: opts.podInitialBackoffMs,
      podMaxBackoffMs: opts.podMaxBackoffMs,
      preEnqueue: (pi) => this.framework.runPreEnqueuePlugins(pi),
      hints,
    });
    this.framework.nominator = this.queue;
  }

  /** A PodInfo with the pod's resolved priority. */
  newPodInfo(pod: Pod): PodInfo {
    return new PodInfo(pod, podPriority(pod, this.priorityClasses));
  }

  private responsibleFor(pod: Pod): boolean {
    return (pod.spec?.schedulerName || DEFAULT_SCHEDULER_NAME) === this.schedulerName;
  }

  // ---- running ----

  /** Resolves once run() has synced its informers and starts scheduling. */
  whenSynced(): Promise<void> {
    return this.synced;
  }

  /**
   * Runs until `signal` aborts: informers, queue timers and the scheduling loop, then waits for
   * bindings in flight. Runs once; make a new Scheduler for each leadership term.
   */
  async run(signal: AbortSignal): Promise<void> {
    if (this.started) throw new Error('a Scheduler runs once: create a new one for each leadership term');
    this.started = true;
    const stop = new AbortController();
    setMaxListeners(64, stop.signal);
    const onAbort = (): void => stop.abort(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    if (signal.aborted) stop.abort(signal.reason);
    const unregister: (() => void)[] = [];
    try {
      await this.setUpInformers(stop.signal, unregister);
      if (stop.signal.aborted) return;
      // A shared factory is started by its owner (informers made after that start by themselves).
      if (this.ownInformers) this.informers.start(stop.signal);
      if (!(await this.informers.waitForCacheSync(stop.signal))) return;
      this.queue.run();
      this.syncedResolve?.();
      await this.loop(stop.signal);
    } finally {
      signal.removeEventListener('abort', onAbort);
      stop.abort();
      for (const u of unregister) u();
      this.queue.close();
      await Promise.allSettled([...this.pendingBinds]);
      if (this.ownInformers) await this.informers.stopped();
      if (!this.opts.recorder) await this.recorder.shutdown();
    }
  }

  private async loop(signal: AbortSignal): Promise<void> {
    const sliceMs = 20;
    while (!signal.aborted) {
      const start = performance.now();
      let q: QueuedPodInfo | undefined;
      while (!signal.aborted && (q = this.queue.pop())) {
        this.scheduleOne(q);
        if (performance.now() - start > sliceMs) break;
      }
      if (signal.aborted) break;
      if (this.queue.counts().active === 0) await this.queue.waitForPods(signal);
      else await new Promise<void>((r) => setImmediate(r));
    }
  }

  /** The resource serving `kind` in `group/version`, as the server's discovery names it, if served. */
  private async served(group: string, version: string, kind: string, namespaced: boolean): Promise<(ResourceRef & { kind: string }) | undefined> {
    try {
      const list = await this.client.requestJson<{ resources?: { name: string; kind: string }[] }>({ path: `/apis/${group}/${version}` });
      const r = (list.resources ?? []).find((x) => x.kind === kind && !x.name.includes('/'));
      return r ? { group, version, resource: r.name, namespaced, kind } : undefined;
    } catch {
      return undefined;
    }
  }

  private async setUpInformers(signal: AbortSignal, unregister: (() => void)[]): Promise<void> {
    const f = this.informers;
    const pods = f.informerFor<Pod>(ref('', 'v1', 'pods'));
    const nodes = f.informerFor<Node>(ref('', 'v1', 'nodes'));
    const namespaces = f.informerFor<Namespace>(ref('', 'v1', 'namespaces'));
    this.serviceInformer = f.informerFor<Service>(ref('', 'v1', 'services'));
    try { this.serviceInformer.addIndexer(NAMESPACE_INDEX, namespaceIndexFunc); } catch { /* shared: already indexed */ }
    this.rsInformer = f.informerFor<SelectorOwner>(ref('apps', 'v1', 'replicasets'));
    this.ssInformer = f.informerFor<SelectorOwner>(ref('apps', 'v1', 'statefulsets'));
    this.podInformer = pods;
    const [pcRef, pdbRef] = await Promise.all([
      this.served('scheduling.k8s.io', 'v1', 'PriorityClass', false),
      this.served('policy', 'v1', 'PodDisruptionBudget', true),
    ]);
    if (signal.aborted) return;
    if (pcRef) {
      const pcs = f.informerFor<PriorityClass>(pcRef);
      unregister.push(pcs.addEventHandler({
        onAdd: (pc) => this.priorityClasses.set(pc.metadata.name ?? '', pc),
        onUpdate: (_, pc) => this.priorityClasses.set(pc.metadata.name ?? '', pc),
        onDelete: (pc) => this.priorityClasses.delete(pc.metadata.name ?? ''),
      }));
    }
    if (pdbRef) this.pdbInformer = f.informerFor<PodDisruptionBudget>(pdbRef);

    unregister.push(namespaces.addEventHandler({
      onAdd: (ns) => this.cache.snapshot.namespaceLabels.set(ns.metadata.name ?? '', ns.metadata.labels ?? {}),
      onUpdate: (_, ns) => this.cache.snapshot.namespaceLabels.set(ns.metadata.name ?? '', ns.metadata.labels ?? {}),
      onDelete: (ns) => this.cache.snapshot.namespaceLabels.delete(ns.metadata.name ?? ''),
    }));
    unregister.push(nodes.addEventHandler({
      onAdd: (n) => this.onNodeAdd(n),
      onUpdate: (o, n) => this.onNodeUpdate(o, n),
      onDelete: (n) => this.onNodeDelete(n),
    }));
    unregister.push(pods.addEventHandler({
      onAdd: (p) => this.onPodAdd(p),
      onUpdate: (o, p) => this.onPodUpdate(o, p),
      onDelete: (p) => this.onPodDelete(p),
    }));
  }

  // ---- event handlers (eventhandlers.go) ----

  private move(resource: ClusterEvent['resource'], actions: ActionType[], oldObj?: Node | Pod, newObj?: Node | Pod, filter?: (pi: PodInfo) => boolean): void {
    this.queue.moveAllToActiveOrBackoffQueue({ resource, actions: new Set(actions), oldObj, newObj }, filter);
  }

  onNodeAdd(node: Node): void {
    this.cache.addNode(node);
    this.move('Node', ['Add'], undefined, node);
  }

  onNodeUpdate(oldNode: Node, node: Node): void {
    this.cache.updateNode(node);
    const actions = nodeUpdateActions(oldNode, node);
    if (actions.size > 0) this.move('Node', [...actions], oldNode, node);
  }

  onNodeDelete(node: Node): void {
    this.cache.removeNode(node.metadata.name ?? '');
    this.move('Node', ['Delete'], node, undefined);
  }

  onPodAdd(pod: Pod): void {
    if (isTerminal(pod)) return;
    if (assigned(pod)) {
      this.cache.addPod(pod);
      this.move('AssignedPod', ['Add'], undefined, pod);
      return;
    }
    if (this.responsibleFor(pod)) this.queue.add(this.newPodInfo(pod));
  }

  onPodUpdate(oldPod: Pod, pod: Pod): void {
    const key = podKey(pod);
    if (isTerminal(pod)) {
      if (!isTerminal(oldPod)) this.onPodDelete(oldPod);
      return;
    }
    if (assigned(oldPod)) {
      this.cache.updatePod(pod);
      const actions = podUpdateActions(oldPod, pod);
      if (actions.size > 0) this.move('AssignedPod', [...actions], oldPod, pod);
      return;
    }
    if (assigned(pod)) {
      // Bound (by us or someone else).
      this.queue.delete(key);
      this.cache.addPod(pod);
      this.move('AssignedPod', ['Add'], undefined, pod);
      return;
    }
    if (!this.responsibleFor(pod) || this.cache.isAssumed(key)) return;
    this.queue.update(oldPod, this.newPodInfo(pod));
  }

  onPodDelete(pod: Pod): void {
    const key = podKey(pod);
    if (assigned(pod) || this.cache.getPod(key)) {
      this.cache.removePod(pod);
      this.move('AssignedPod', ['Delete'], pod, undefined);
      return;
    }
    this.queue.delete(key);
  }

  // ---- one scheduling cycle ----

  /** ScheduleOne for a popped pod; synchronous up to the (background) binding. */
  scheduleOne(q: QueuedPodInfo): void {
    const pi = q.pi;
    const pod = pi.pod;
    if (pod.metadata.deletionTimestamp) {
      this.recorder.event(pod, 'Warning', 'FailedScheduling', `skip schedule deleting pod: ${pi.namespace}/${pi.name}`);
      this.queue.done(pi.key);
      return;
    }
    if (this.cache.getPod(pi.key)) { this.queue.done(pi.key); return; }
    this.stats.attempts++;
    const state = new CycleState();
    let outcome: CycleOutcome;
    try {
      outcome = this.schedulePod(state, pi);
    } catch (e) {
      outcome = { kind: 'error', message: errorMessage(e) };
    }
    if (outcome.kind !== 'scheduled') { this.handleFailure(q, outcome); return; }

    const host = outcome.node;
    const assumed = pi.assumedOn(host);
    try {
      this.cache.assumePod(assumed);
    } catch (e) {
      this.handleFailure(q, { kind: 'error', message: errorMessage(e) });
      return;
    }
    this.queue.deleteNominatedPodIfExists(pi.key);
    const reserved = this.framework.runReservePluginsReserve(state, assumed, host);
    if (!reserved.isSuccess()) {
      this.framework.runReservePluginsUnreserve(state, assumed, host);
      this.cache.forgetPod(pi.key);
      this.handleFailure(q, { kind: 'error', message: reserved.message() });
      return;
    }
    this.stats.scheduled++;
    this.queue.done(pi.key);
    this.bindInBackground(state, q, assumed, host);
  }

  /** SchedulePod: the node for the pod, or why there is none. */
  schedulePod(state: CycleState, pi: PodInfo): CycleOutcome {
    const snap = this.cache.snapshot;
    const allNodes = snap.list();
    if (allNodes.length === 0) return { kind: 'error', message: NO_NODES_AVAILABLE, unresolvable: true };
    const fw = this.framework;
    const diagnosis: Diagnosis = { nodeToStatus: new NodeToStatus(), unschedulablePlugins: new Set(), preFilterMsg: '', postFilterMsg: '' };

    const pre = fw.runPreFilterPlugins(state, pi);
    diagnosis.unschedulablePlugins = pre.unschedulablePlugins;
    if (!pre.status.isSuccess()) {
      if (!pre.status.isRejected()) return { kind: 'error', message: pre.status.message() };
      diagnosis.nodeToStatus.setAbsentNodesStatus(pre.status);
      diagnosis.preFilterMsg = pre.status.message();
      return this.afterFilterFailure(state, pi, new FitError(allNodes.length, diagnosis));
    }

    // A nominated node (from an earlier preemption) is tried first.
    const nominated = pi.pod.status?.nominatedNodeName;
    if (nominated) {
      const ni = snap.get(nominated);
      if (ni && (!pre.nodeNames || pre.nodeNames.has(nominated)) && fw.runFilterPluginsWithNominatedPods(state, pi, ni).isSuccess()) {
        return { kind: 'scheduled', node: nominated };
      }
    }

    let nodes: readonly NodeInfo[] = allNodes;
    if (pre.nodeNames) {
      nodes = [...pre.nodeNames].map((n) => snap.get(n)).filter((n): n is NodeInfo => !!n);
      const plugins = [...pre.unschedulablePlugins].sort();
      diagnosis.nodeToStatus.setAbsentNodesStatus(new Status('UnschedulableAndUnresolvable', [`node(s) didn't satisfy plugin(s) [${plugins.join(' ')}]`]));
    }
    const feasible = this.findNodesThatPassFilters(state, pi, diagnosis, nodes, allNodes.length);
    if (feasible instanceof Status) return { kind: 'error', message: feasible.message() };
    if (feasible.length === 0) return this.afterFilterFailure(state, pi, new FitError(allNodes.length, diagnosis));
    if (feasible.length === 1) return { kind: 'scheduled', node: feasible[0]!.name };

    const preScore = fw.runPreScorePlugins(state, pi, feasible);
    if (!preScore.isSuccess()) return { kind: 'error', message: preScore.message() };
    const totals = fw.runScorePlugins(state, pi, feasible);
    return { kind: 'scheduled', node: this.selectHost(feasible, totals) };
  }

  private findNodesThatPassFilters(state: CycleState, pi: PodInfo, diagnosis: Diagnosis, nodes: readonly NodeInfo[], numAllNodes: number): NodeInfo[] | Status {
    const n = nodes.length;
    if (n === 0) return [];
    let want = numFeasibleNodesToFind(n, this.framework.percentageOfNodesToScore ?? this.opts.percentageOfNodesToScore ?? 0);
    if (!this.framework.hasScorePlugins) want = 1;
    const feasible: NodeInfo[] = [];
    const start = this.nextStartNodeIndex % n;
    let processed = 0;
    for (let i = 0; i < n; i++) {
      const ni = nodes[(start + i) % n]!;
      processed++;
      const s = this.framework.runFilterPluginsWithNominatedPods(state, pi, ni);
      if (s.code === 'Success') {
        feasible.push(ni);
        if (feasible.length >= want) break;
        continue;
      }
      if (!s.isRejected()) {
        this.nextStartNodeIndex = (this.nextStartNodeIndex + processed) % numAllNodes;
        return s;
      }
      diagnosis.nodeToStatus.set(ni.name, s);
      if (s.plugin) diagnosis.unschedulablePlugins.add(s.plugin);
    }
    this.nextStartNodeIndex = (this.nextStartNodeIndex + processed) % numAllNodes;
    return feasible;
  }

  /** The highest total; ties broken uniformly at random. */
  private selectHost(nodes: readonly NodeInfo[], totals: Float64Array): string {
    let best = -Infinity;
    let chosen = 0;
    let ties = 0;
    for (let i = 0; i < nodes.length; i++) {
      const t = totals[i]!;
      if (t > best) { best = t; chosen = i; ties = 1; } else if (t === best) {
        ties++;
        if (this.random() * ties < 1) chosen = i;
      }
    }
    return nodes[chosen]!.name;
  }

  private afterFilterFailure(state: CycleState, pi: PodInfo, fitError: FitError): CycleOutcome {
    if (!this.framework.hasPostFilterPlugins) return { kind: 'fit', error: fitError, nominatedNodeName: '' };
    const r = this.framework.runPostFilterPlugins(state, pi, fitError.diagnosis.nodeToStatus);
    fitError.diagnosis.postFilterMsg = r.status.message();
    if (r.status.code === 'Error') this.logger.error(`scheduler: PostFilter for pod ${pi.key}: ${r.status.message()}`);
    return { kind: 'fit', error: fitError, nominatedNodeName: r.nominatedNodeName };
  }

  // ---- failures ----

  private handleFailure(q: QueuedPodInfo, outcome: Exclude<CycleOutcome, { kind: 'scheduled' }>): void {
    const pi = q.pi;
    let rejected: boolean;
    let message: string;
    let nominated: string | undefined;
    if (outcome.kind === 'fit') {
      rejected = true;
      message = outcome.error.message();
      nominated = outcome.nominatedNodeName;
      q.unschedulablePlugins = new Set(outcome.error.diagnosis.unschedulablePlugins);
      this.stats.unschedulable++;
    } else {
      rejected = outcome.unresolvable ?? false;
      message = outcome.message;
      nominated = '';
      q.unschedulablePlugins = new Set();
      if (rejected) this.stats.unschedulable++; else this.stats.errors++;
      if (!rejected) this.logger.warn(`scheduler: error scheduling pod ${pi.key}; retrying: ${message}`);
    }

    const cached = this.podInformer?.get(pi.key);
    const gone = !cached || cached.metadata.uid !== pi.pod.metadata.uid;
    if (gone || assigned(cached)) {
      // Deleted, replaced or bound meanwhile: nothing to retry.
      this.queue.done(pi.key);
      this.queue.deleteNominatedPodIfExists(pi.key);
      if (!gone) this.recorder.event(cached, 'Warning', 'FailedScheduling', truncateMessage(message));
      return;
    }
    q.pi = this.newPodInfo(cached);
    this.queue.addUnschedulableIfNotPresent(q, rejected);
    if (nominated !== undefined) this.queue.addNominatedPod(q.pi, nominated);
    this.recorder.event(cached, 'Warning', 'FailedScheduling', truncateMessage(message));
    void this.updatePodCondition(cached, {
      type: 'PodScheduled', status: 'False', reason: rejected ? 'Unschedulable' : 'SchedulerError', message,
    }, nominated);
  }

  /** PATCHes status (condition and nominatedNodeName) when they differ from what the pod has. */
  private async updatePodCondition(pod: Pod, cond: PodCondition, nominated: string | undefined): Promise<void> {
    const old = (pod.status?.conditions ?? []).find((c) => c.type === cond.type);
    const conditionChanged = !old || old.status !== cond.status || old.reason !== cond.reason || old.message !== cond.message;
    const current = pod.status?.nominatedNodeName ?? '';
    const nominatedChanged = nominated !== undefined && nominated !== current;
    if (!conditionChanged && !nominatedChanged) return;
    const status: Record<string, unknown> = {};
    if (conditionChanged) {
      const lastTransitionTime = old && old.status === cond.status && old.lastTransitionTime ? old.lastTransitionTime : rfc3339(this.clock.now());
      status['conditions'] = [{ ...cond, lastProbeTime: null, lastTransitionTime }];
    }
    if (nominatedChanged) status['nominatedNodeName'] = nominated || null;
    try {
      await this.client.resource<Pod>(ref('', 'v1', 'pods'), pod.metadata.namespace).patch(pod.metadata.name ?? '', { status }, 'strategic', { subresource: 'status' });
    } catch (e) {
      this.logger.warn(`scheduler: updating status of pod ${podKey(pod)}: ${errorMessage(e)}`);
    }
  }

  // ---- binding ----

  private async bindSlot(): Promise<void> {
    if (this.bindsInFlight < this.maxBindsInFlight) { this.bindsInFlight++; return; }
    await new Promise<void>((r) => this.bindWaiters.push(r));
  }

  private releaseBindSlot(): void {
    if (this.bindWaitersHead < this.bindWaiters.length) {
      const next = this.bindWaiters[this.bindWaitersHead++]!;
      if (this.bindWaitersHead > 1024 && this.bindWaitersHead * 2 > this.bindWaiters.length) {
        this.bindWaiters = this.bindWaiters.slice(this.bindWaitersHead);
        this.bindWaitersHead = 0;
      }
      next();
      return;
    }
    this.bindsInFlight--;
  }

  private bindInBackground(state: CycleState, q: QueuedPodInfo, assumed: PodInfo, host: string): void {
    const p = (async () => {
      await this.bindSlot();
      let s: Status;
      try { s = await this.framework.runBindPlugins(state, assumed, host); } finally { this.releaseBindSlot(); }
      if (s.isSuccess()) {
        this.stats.bound++;
        this.recorder.event(assumed.pod, 'Normal', 'Scheduled', `Successfully assigned ${assumed.namespace}/${assumed.name} to ${host}`);
        this.opts.onBound?.(assumed.pod, host);
        return;
      }
      this.stats.bindErrors++;
      this.framework.runReservePluginsUnreserve(state, assumed, host);
      if (this.cache.forgetPod(assumed.key)) {
        // Forgetting frees room on the node, as a deleted pod would.
        this.move('AssignedPod', ['Delete'], assumed.pod, undefined, (pi) => pi.key !== assumed.key);
      }
      this.handleFailure(q, { kind: 'error', message: s.message() });
    })().catch((e: unknown) => this.logger.error(`scheduler: binding ${assumed.key}: ${errorMessage(e)}`));
    this.pendingBinds.add(p);
    void p.finally(() => this.pendingBinds.delete(p));
  }

  private defaultSelectorFor(pod: Pod): LabelSelector | undefined {
    const services = this.serviceInformer;
    if (!services) return undefined;
    const byName = <T extends KubeObject>(inf: Informer<T> | undefined, ns: string, name: string): T | undefined => inf?.getByName(name, ns);
    return defaultSelector(pod, {
      servicesIn: (ns) => services.byIndex(NAMESPACE_INDEX, ns),
      replicaSet: (ns, name) => byName(this.rsInformer, ns, name),
      statefulSet: (ns, name) => byName(this.ssInformer, ns, name),
    });
  }

  /** Moves every waiting pod back to the queues now (as the 5-minute flush would). */
  flushUnschedulable(): void {
    this.queue.moveAllToActiveOrBackoffQueue(FORCE);
  }
}
