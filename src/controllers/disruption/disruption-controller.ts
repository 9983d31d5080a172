// The disruption controller (upstream pkg/controller/disruption/disruption.go): keeps each
// PodDisruptionBudget's status current (expected, healthy and desired pod counts, how many
// disruptions are allowed, the DisruptionAllowed condition) so the API server's pods/eviction
// handler, and so `kubectl drain`, can honour it. Status goes through the status subresource and
// only when it changed; a budget whose status cannot be computed allows no disruptions. A second
// loop resets stale DisruptionTarget pod conditions.

import { findResource, type ResourceInfo } from '../../api/resources.js';
import type { Client } from '../../client/client.js';
import type { SharedInformerFactory } from '../../client/shared-informer-factory.js';
import type { Informer } from '../../client/informer.js';
import type { ResourceClient } from '../../client/resource-client.js';
import { objectKey } from '../../client/store.js';
import { EventRecorder } from '../../client/event-recorder.js';
import { defaultLogger, type Logger } from '../../client/logger.js';
import type { ReconcileResult } from '../../client/run-workers.js';
import { realClock, rfc3339, type Clock } from '../../machinery/clock.js';
import { formatLabelSelector, labelSelectorFromMeta, type LabelSelector } from '../../machinery/labels.js';
import type { Controller } from '../runtime/controller.js';
import { ReconcileLoop } from '../runtime/reconcile-loop.js';
import { CONTROLLER_UID_INDEX, NAMESPACE_INDEX, ensureIndex } from '../runtime/indexes.js';
import { controllerRefOf } from '../runtime/owner-refs.js';
import { DEPLOYMENTS, PODS, REPLICASETS } from '../runtime/resources.js';
import { errorMessage, isConflict } from '../runtime/api-errors.js';
import { selectorOrNone } from '../runtime/selector-or-none.js';
import type { Deployment, Pod, ReplicaSet } from '../runtime/types.js';
import { expectedPodCount, needsControllerScale, type ControllerScaleFinder, type ExpectedPods } from './expected-pods.js';
import { buildDisruptedPodMap, DELETION_TIMEOUT_MS } from './disrupted-pods.js';
import { countHealthyPods } from './count-healthy-pods.js';
import { failSafeStatus, nextPdbStatus } from './pdb-status.js';
import { DISRUPTION_TARGET, STALE_POD_DISRUPTION_TIMEOUT_MS, staleDisruptionCondition } from './stale-disruption-condition.js';
import { workloadScaleFinder } from './workload-scale-finder.js';
import type { PodDisruptionBudget, PodDisruptionBudgetStatus, StatefulSet } from './types.js';

export const DISRUPTION_CONTROLLER = 'disruption-controller';

function mustFind(group: string, version: string, resource: string): ResourceInfo {
  const r = findResource(group, version, resource);
  if (!r) throw new Error(`resource ${resource}.${group}/${version} is not in the resource table`);
  return r;
}

export const PODDISRUPTIONBUDGETS = mustFind('policy', 'v1', 'poddisruptionbudgets');
export const STATEFULSETS = mustFind('apps', 'v1', 'statefulsets');

export interface DisruptionControllerOptions {
  /** Default: real time. */
  clock?: Clock;
  logger?: Logger;
  /** Workers of the budget queue. Default 1, as upstream. */
  workers?: number;
  /** Events are recorded as component "controllermanager", as upstream. */
  recorder?: EventRecorder;
  /** How long an evicted pod may take to be marked for deletion. Default 2 minutes. */
  deletionTimeoutMs?: number;
  /** Age after which a DisruptionTarget condition on a live pod is reset. Default 2 minutes. */
  stalePodDisruptionTimeoutMs?: number;
  /** Resolves pods' controllers to their scale; default: Deployments, ReplicaSets, StatefulSets, then the scale subresource. */
  findController?: ControllerScaleFinder;
}

export class DisruptionController implements Controller {
  readonly name = DISRUPTION_CONTROLLER;
  private readonly clock: Clock;
  private readonly logger: Logger;
  private readonly recorder: EventRecorder;
  private readonly ownRecorder: boolean;
  private readonly deletionTimeoutMs: number;
  private readonly staleTimeoutMs: number;
  private readonly loop: ReconcileLoop;
  private readonly staleLoop: ReconcileLoop;
  private readonly pdbInformer: Informer<PodDisruptionBudget>;
  private readonly podInformer: Informer<Pod>;
  private readonly rsInformer: Informer<ReplicaSet>;
  private readonly deploymentInformer: Informer<Deployment>;
  private readonly statefulSetInformer: Informer<StatefulSet>;
  private readonly pdbs: ResourceClient<PodDisruptionBudget>;
  private readonly pods: ResourceClient<Pod>;
  private readonly findController: ControllerScaleFinder;
  private readonly unregister: (() => void)[] = [];

  constructor(client: Client, informers: SharedInformerFactory, options: DisruptionControllerOptions = {}) {
    this.clock = options.clock ?? realClock;
    this.logger = options.logger ?? defaultLogger;
    this.ownRecorder = !options.recorder;
    this.recorder = options.recorder ?? new EventRecorder(client, { component: 'controllermanager', clock: this.clock, logger: this.logger });
    this.deletionTimeoutMs = options.deletionTimeoutMs ?? DELETION_TIMEOUT_MS;
    this.staleTimeoutMs = options.stalePodDisruptionTimeoutMs ?? STALE_POD_DISRUPTION_TIMEOUT_MS;
    this.pdbs = client.resource<PodDisruptionBudget>(PODDISRUPTIONBUDGETS);
    this.pods = client.resource<Pod>(PODS);
    this.loop = new ReconcileLoop((key) => this.sync(key), { name: DISRUPTION_CONTROLLER, workers: options.workers ?? 1, clock: this.clock, logger: this.logger });
    this.staleLoop = new ReconcileLoop((key) => this.syncStalePodDisruption(key), { name: `${DISRUPTION_CONTROLLER}-stale-pod-disruption`, clock: this.clock, logger: this.logger });

    this.pdbInformer = informers.informerFor<PodDisruptionBudget>(PODDISRUPTIONBUDGETS);
    this.podInformer = informers.informerFor<Pod>(PODS);
    this.rsInformer = informers.informerFor<ReplicaSet>(REPLICASETS);
    this.deploymentInformer = informers.informerFor<Deployment>(DEPLOYMENTS);
    this.statefulSetInformer = informers.informerFor<StatefulSet>(STATEFULSETS);
    ensureIndex(this.pdbInformer, NAMESPACE_INDEX);
    ensureIndex(this.podInformer, NAMESPACE_INDEX);
    ensureIndex(this.podInformer, CONTROLLER_UID_INDEX);
    ensureIndex(this.rsInformer, CONTROLLER_UID_INDEX);
    this.findController = options.findController ?? workloadScaleFinder({
      replicaSets: this.rsInformer, deployments: this.deploymentInformer, statefulSets: this.statefulSetInformer, client,
    });

    this.unregister.push(this.pdbInformer.addEventHandler({
      onAdd: (pdb) => this.loop.enqueue(objectKey(pdb)),
      onUpdate: (old, cur) => {
        if (old.metadata.resourceVersion !== cur.metadata.resourceVersion) this.loop.enqueue(objectKey(cur));
      },
      onDelete: (pdb) => this.loop.enqueue(objectKey(pdb)),
    }));
    this.unregister.push(this.podInformer.addEventHandler({
      onAdd: (pod) => {
        this.enqueueBudgetsOf(pod);
        this.warnIfSeveralBudgets(pod);
        this.checkStaleDisruption(pod);
      },
      onUpdate: (old, cur) => {
        if (old.metadata.resourceVersion === cur.metadata.resourceVersion) return;
        this.enqueueBudgetsOf(cur);
        if (!sameLabels(old, cur)) {
          // A pod that stopped matching a budget changes that budget's counts too.
          this.enqueueBudgetsOf(old);
          this.warnIfSeveralBudgets(cur);
        }
        this.checkStaleDisruption(cur);
      },
      onDelete: (pod) => this.enqueueBudgetsOf(pod),
    }));
    // Budgets counted by their controllers' scale follow the workloads' spec.replicas.
    this.unregister.push(this.rsInformer.addEventHandler({
      onAdd: (rs) => this.enqueueForPods(this.podsControlledBy(rs.metadata.uid)),
      onUpdate: (old, cur) => {
        if (old.spec?.replicas !== cur.spec?.replicas || controllerRefOf(old)?.uid !== controllerRefOf(cur)?.uid) {
          this.enqueueForPods(this.podsControlledBy(cur.metadata.uid));
        }
      },
      onDelete: (rs) => this.enqueueForPods(this.podsControlledBy(rs.metadata.uid)),
    }));
    this.unregister.push(this.deploymentInformer.addEventHandler({
      onAdd: (d) => this.enqueueForPods(this.podsOfDeployment(d)),
      onUpdate: (old, cur) => {
        if (old.spec?.replicas !== cur.spec?.replicas) this.enqueueForPods(this.podsOfDeployment(cur));
      },
      onDelete: (d) => this.enqueueForPods(this.podsOfDeployment(d)),
    }));
    this.unregister.push(this.statefulSetInformer.addEventHandler({
      onAdd: (ss) => this.enqueueForPods(this.podsControlledBy(ss.metadata.uid)),
      onUpdate: (old, cur) => {
        if (old.spec?.replicas !== cur.spec?.replicas) this.enqueueForPods(this.podsControlledBy(cur.metadata.uid));
      },
      onDelete: (ss) => this.enqueueForPods(this.podsControlledBy(ss.metadata.uid)),
    }));
  }

  async run(signal: AbortSignal): Promise<void> {
    const caches = [this.pdbInformer, this.podInformer, this.rsInformer, this.deploymentInformer, this.statefulSetInformer];
    try {
      await Promise.all([this.loop.run(signal, caches), this.staleLoop.run(signal, caches)]);
    } finally {
      for (const off of this.unregister.splice(0)) off();
      if (this.ownRecorder) await this.recorder.shutdown();
    }
  }

  // ------------------------------------------------------------------ event handlers

  /** Budgets selecting the pod: a missing selector selects nothing, an empty one every pod of the namespace. */
  private budgetsSelecting(pod: Pod): PodDisruptionBudget[] {
    return this.pdbInformer.byIndex(NAMESPACE_INDEX, pod.metadata.namespace ?? '')
      .filter((pdb) => selectorOrNone(pdb.spec?.selector)?.matches(pod.metadata.labels) ?? false);
  }

  private enqueueBudgetsOf(pod: Pod): void {
    for (const pdb of this.budgetsSelecting(pod)) this.loop.enqueue(objectKey(pdb));
  }

  /** Budgets counted by scale that select any of `pods`. */
  private enqueueForPods(pods: readonly Pod[]): void {
    const keys = new Set<string>();
    for (const pod of pods) {
      for (const pdb of this.budgetsSelecting(pod)) if (needsControllerScale(pdb.spec)) keys.add(objectKey(pdb));
    }
    for (const k of keys) this.loop.enqueue(k);
  }

  private podsControlledBy(uid: string | undefined): Pod[] {
    return uid ? this.podInformer.byIndex(CONTROLLER_UID_INDEX, uid) : [];
  }

  private podsOfDeployment(d: Deployment): Pod[] {
    const uid = d.metadata.uid;
    if (!uid) return [];
    return this.rsInformer.byIndex(CONTROLLER_UID_INDEX, uid).flatMap((rs) => this.podsControlledBy(rs.metadata.uid));
  }

  /** The eviction handler refuses pods under several budgets (upstream warns the same way). */
  private warnIfSeveralBudgets(pod: Pod): void {
    // As the eviction handler, ignore budgets whose selector is empty.
    const budgets = this.budgetsSelecting(pod).filter((pdb) => !(selectorOrNone(pdb.spec?.selector)?.isEmpty() ?? true));
    if (budgets.length < 2) return;
    const names = budgets.map((b) => b.metadata.name ?? '').sort();
    this.recorder.event(pod, 'Warning', 'MultiplePodDisruptionBudgets',
      `Pod ${JSON.stringify(pod.metadata.namespace ?? '')}/${JSON.stringify(pod.metadata.name ?? '')} matches multiple PodDisruptionBudgets (${names.join(', ')}); it cannot be evicted.`);
  }

  private checkStaleDisruption(pod: Pod): void {
    const wait = staleDisruptionCondition(pod, this.clock.now(), this.staleTimeoutMs);
    if (wait !== undefined) this.staleLoop.enqueueAfter(objectKey(pod), wait);
  }

  // ------------------------------------------------------------------ reconcile

  /** Reconciles one budget's status; an error other than a conflict leaves it failing safe. */
  async sync(key: string): Promise<ReconcileResult> {
    const pdb = this.pdbInformer.get(key);
    if (!pdb) return undefined;
    try {
      return await this.trySync(pdb);
    } catch (e) {
      // A conflict only means the eviction handler (or someone) wrote first: retry, don't fail safe.
      if (isConflict(e)) throw e;
      this.logger.warn(`${DISRUPTION_CONTROLLER}: failed to sync PodDisruptionBudget ${key}: ${errorMessage(e)}`);
      const status = failSafeStatus(pdb, errorMessage(e), this.clock.now());
      if (status) await this.writeStatus(pdb, status);
      return undefined;
    }
  }

  private async trySync(pdb: PodDisruptionBudget): Promise<ReconcileResult> {
    const namespace = pdb.metadata.namespace ?? '';
    let selector: LabelSelector;
    try {
      selector = labelSelectorFromMeta(pdb.spec?.selector);
    } catch (e) {
      this.recorder.event(pdb, 'Warning', 'NoPods', `Failed to get pods: ${errorMessage(e)}`);
      throw e;
    }
    const pods = this.podInformer.byIndex(NAMESPACE_INDEX, namespace).filter((p) => selector.matches(p.metadata.labels));
    if (pods.length === 0) this.recorder.event(pdb, 'Normal', 'NoPods', 'No matching pods found');

    let expected: ExpectedPods;
    try {
      expected = await expectedPodCount(pdb.spec, pods, this.findController);
    } catch (e) {
      this.recorder.event(pdb, 'Warning', 'CalculateExpectedPodCountFailed', `Failed to calculate the number of expected pods: ${errorMessage(e)}`);
      throw e;
    }
    if (expected.unmanagedPods.length) {
      this.recorder.event(pdb, 'Warning', 'UnmanagedPods',
        `Pods selected by this PodDisruptionBudget (selector: ${formatLabelSelector(pdb.spec?.selector)}) were found to be unmanaged. `
        + 'As a result, the status of the PDB cannot be calculated correctly, which may result in undefined behavior. '
        + 'To account for these pods please set ".spec.minAvailable" field of the PDB to an integer value.');
    }

    const now = this.clock.now();
    const disrupted = buildDisruptedPodMap(pods, pdb.status?.disruptedPods, now, this.deletionTimeoutMs);
    for (const pod of disrupted.notDeleted) {
      this.recorder.event(pod, 'Warning', 'NotDeleted', `Pod was expected by PDB ${namespace}/${pdb.metadata.name ?? ''} to be deleted but it wasn't`);
    }
    const currentHealthy = countHealthyPods(pods, disrupted.disruptedPods, now, this.deletionTimeoutMs);
    const status = nextPdbStatus(pdb, {
      currentHealthy,
      desiredHealthy: expected.desiredHealthy,
      expectedCount: expected.expectedCount,
      disruptedPods: disrupted.disruptedPods,
    }, now);
    if (status) await this.writeStatus(pdb, status);
    // Look again when the earliest pending eviction should have been seen through.
    return disrupted.recheckAt !== undefined ? { requeueAfter: Math.max(1, disrupted.recheckAt - now) } : undefined;
  }

  /** One PUT to the status subresource, based on the cached object (a conflict is the caller's). */
  private async writeStatus(pdb: PodDisruptionBudget, status: PodDisruptionBudgetStatus): Promise<void> {
    const next = { ...structuredClone(pdb), status } as PodDisruptionBudget;
    await this.pdbs.inNamespace(pdb.metadata.namespace).updateStatus(next, { fieldManager: DISRUPTION_CONTROLLER });
  }

  /** Sets a stale DisruptionTarget condition to False (upstream syncStalePodDisruption). */
  async syncStalePodDisruption(key: string): Promise<ReconcileResult> {
    const pod = this.podInformer.get(key);
    if (!pod) return undefined;
    const now = this.clock.now();
    const wait = staleDisruptionCondition(pod, now, this.staleTimeoutMs);
    if (wait === undefined) return undefined;
    if (wait > 0) return { requeueAfter: wait };
    const next = structuredClone(pod);
    const conditions = (next.status?.conditions ?? []).map((c) => (c.type === DISRUPTION_TARGET
      ? { type: DISRUPTION_TARGET, status: 'False' as const, lastProbeTime: null, lastTransitionTime: rfc3339(now) }
      : c));
    next.status = { ...next.status, conditions };
    await this.pods.inNamespace(pod.metadata.namespace).updateStatus(next, { fieldManager: DISRUPTION_CONTROLLER });
    this.logger.info(`${DISRUPTION_CONTROLLER}: reset stale DisruptionTarget condition of pod ${key} to False`);
    return undefined;
  }
}

function sameLabels(a: Pod, b: Pod): boolean {
  const x = a.metadata.labels ?? {};
  const y = b.metadata.labels ?? {};
  const kx = Object.keys(x);
  return kx.length === Object.keys(y).length && kx.every((k) => Object.hasOwn(y, k) && y[k] === x[k]);
}
