// The Deployment controller (upstream pkg/controller/deployment/deployment_controller.go): watches
// Deployments, their ReplicaSets and pods; each reconcile claims the ReplicaSets, then pauses,
// rolls back, scales, or takes one Recreate / RollingUpdate step, and writes status.

import type { KubeObject } from '../../api/types.js';
import type { Client } from '../../client/client.js';
import type { SharedInformerFactory } from '../../client/shared-informer-factory.js';
import type { Informer } from '../../client/informer.js';
import type { ResourceClient } from '../../client/resource-client.js';
import { objectKey } from '../../client/store.js';
import { EventRecorder } from '../../client/event-recorder.js';
import { defaultLogger, type Logger } from '../../client/logger.js';
import type { ReconcileResult } from '../../client/run-workers.js';
import { realClock, type Clock } from '../../machinery/clock.js';
import { labelSelectorFromMeta, type LabelSelector } from '../../machinery/labels.js';
import type { Controller } from '../runtime/controller.js';
import { ReconcileLoop } from '../runtime/reconcile-loop.js';
import { claimObjects, ownerReferencesPatcher, recheckDeletionTimestamp } from '../runtime/claim.js';
import { controllerRefOf } from '../runtime/owner-refs.js';
import { CONTROLLER_UID_INDEX, NAMESPACE_INDEX, ORPHAN_INDEX, claimCandidates, ensureIndex } from '../runtime/indexes.js';
import { DEPLOYMENTS, PODS, REPLICASETS } from '../runtime/resources.js';
import { errorMessage } from '../runtime/api-errors.js';
import { semanticEqual } from '../runtime/semantic-equal.js';
import { selectorOrNone } from '../runtime/selector-or-none.js';
import type { Deployment, Pod, ReplicaSet } from '../runtime/types.js';
import { DEPLOYMENT_CONTROLLER, DeploymentSync } from './deployment-sync.js';

export { DEPLOYMENT_CONTROLLER };

export interface DeploymentControllerOptions {
  clock?: Clock;
  logger?: Logger;
  /** Default 5, as kube-controller-manager's --concurrent-deployment-syncs. */
  workers?: number;
  /** Events are recorded as component "deployment-controller". */
  recorder?: EventRecorder;
}

export class DeploymentController implements Controller {
  readonly name = DEPLOYMENT_CONTROLLER;
  private readonly clock: Clock;
  private readonly logger: Logger;
  private readonly recorder: EventRecorder;
  private readonly ownRecorder: boolean;
  private readonly loop: ReconcileLoop;
  private readonly dInformer: Informer<Deployment>;
  private readonly rsInformer: Informer<ReplicaSet>;
  private readonly podInformer: Informer<Pod>;
  private readonly deployments: ResourceClient<Deployment>;
  private readonly replicaSets: ResourceClient<ReplicaSet>;
  private readonly unregister: (() => void)[] = [];

  constructor(private readonly client: Client, informers: SharedInformerFactory, options: DeploymentControllerOptions = {}) {
    this.clock = options.clock ?? realClock;
    this.logger = options.logger ?? defaultLogger;
    this.ownRecorder = !options.recorder;
    this.recorder = options.recorder ?? new EventRecorder(client, { component: DEPLOYMENT_CONTROLLER, clock: this.clock, logger: this.logger });
    this.deployments = client.resource<Deployment>(DEPLOYMENTS);
    this.replicaSets = client.resource<ReplicaSet>(REPLICASETS);
    this.loop = new ReconcileLoop((key) => this.sync(key), { name: DEPLOYMENT_CONTROLLER, workers: options.workers ?? 5, clock: this.clock, logger: this.logger });

    this.dInformer = informers.informerFor<Deployment>(DEPLOYMENTS);
    this.rsInformer = informers.informerFor<ReplicaSet>(REPLICASETS);
    this.podInformer = informers.informerFor<Pod>(PODS);
    ensureIndex(this.dInformer, NAMESPACE_INDEX);
    ensureIndex(this.rsInformer, NAMESPACE_INDEX);
    ensureIndex(this.podInformer, NAMESPACE_INDEX);
    ensureIndex(this.podInformer, CONTROLLER_UID_INDEX);
    ensureIndex(this.rsInformer, CONTROLLER_UID_INDEX);
    ensureIndex(this.rsInformer, ORPHAN_INDEX);

    this.unregister.push(this.dInformer.addEventHandler({
      onAdd: (d) => this.enqueue(d),
      onUpdate: (_old, cur) => this.enqueue(cur),
      onDelete: (d) => this.enqueue(d),
    }));
    this.unregister.push(this.rsInformer.addEventHandler({
      onAdd: (rs) => this.addReplicaSet(rs),
      onUpdate: (old, cur) => this.updateReplicaSet(old, cur),
      onDelete: (rs) => this.deleteReplicaSet(rs),
    }));
    this.unregister.push(this.podInformer.addEventHandler({ onDelete: (pod) => this.deletePod(pod) }));
  }

  async run(signal: AbortSignal): Promise<void> {
    try {
      await this.loop.run(signal, [this.dInformer, this.rsInformer, this.podInformer]);
    } finally {
      for (const off of this.unregister.splice(0)) off();
      if (this.ownRecorder) await this.recorder.shutdown();
    }
  }

  // ------------------------------------------------------------------ event handlers

  private enqueue(d: KubeObject): void {
    this.loop.enqueue(objectKey(d));
  }

  private resolveControllerRef(namespace: string | undefined, ref: { kind: string; name: string; uid: string; apiVersion: string } | undefined): Deployment | undefined {
    if (!ref || ref.kind !== 'Deployment' || !ref.apiVersion.startsWith('apps/')) return undefined;
    const d = this.dInformer.getByName(ref.name, namespace);
    return d && d.metadata.uid === ref.uid ? d : undefined;
  }

  /** Deployments whose selector matches an orphaned ReplicaSet. */
  private deploymentsSelecting(rs: ReplicaSet): Deployment[] {
    return this.dInformer.byIndex(NAMESPACE_INDEX, rs.metadata.namespace ?? '').filter((d) => {
      const sel = selectorOrNone(d.spec?.selector);
      return !!sel && !sel.isEmpty() && sel.matches(rs.metadata.labels);
    });
  }

  private addReplicaSet(rs: ReplicaSet): void {
    if (rs.metadata.deletionTimestamp) { this.deleteReplicaSet(rs); return; }
    const ref = controllerRefOf(rs);
    if (ref) {
      const d = this.resolveControllerRef(rs.metadata.namespace, ref);
      if (d) this.enqueue(d);
      return;
    }
    for (const d of this.deploymentsSelecting(rs)) this.enqueue(d);
  }

  private updateReplicaSet(old: ReplicaSet, cur: ReplicaSet): void {
    if (old.metadata.resourceVersion === cur.metadata.resourceVersion) return;
    const curRef = controllerRefOf(cur);
    const oldRef = controllerRefOf(old);
    const refChanged = JSON.stringify(curRef) !== JSON.stringify(oldRef);
    if (refChanged && oldRef) {
      const d = this.resolveControllerRef(old.metadata.namespace, oldRef);
      if (d) this.enqueue(d);
    }
    if (curRef) {
      const d = this.resolveControllerRef(cur.metadata.namespace, curRef);
      if (d) this.enqueue(d);
      return;
    }
    const labelsChanged = JSON.stringify(old.metadata.labels ?? {}) !== JSON.stringify(cur.metadata.labels ?? {});
    if (labelsChanged || refChanged) for (const d of this.deploymentsSelecting(cur)) this.enqueue(d);
  }

  private deleteReplicaSet(rs: ReplicaSet): void {
    const d = this.resolveControllerRef(rs.metadata.namespace, controllerRefOf(rs));
    if (d) this.enqueue(d);
  }

  /** Recreate waits for old pods to be gone: a pod deletion may unblock it. */
  private deletePod(pod: Pod): void {
    const rsRef = controllerRefOf(pod);
    if (!rsRef || rsRef.kind !== 'ReplicaSet') return;
    const rs = this.rsInformer.getByName(rsRef.name, pod.metadata.namespace);
    if (!rs || rs.metadata.uid !== rsRef.uid) return;
    const d = this.resolveControllerRef(rs.metadata.namespace, controllerRefOf(rs));
    if (d && d.spec?.strategy?.type === 'Recreate') this.enqueue(d);
  }

  // ------------------------------------------------------------------ reconcile

  /** Reconciles one Deployment. */
  async sync(key: string): Promise<ReconcileResult> {
    const cached = this.dInformer.get(key);
    if (!cached) return;
    const d = structuredClone(cached) as Deployment;
    const namespace = d.metadata.namespace ?? '';

    if (d.spec?.selector && semanticEqual(d.spec.selector, {})) {
      this.recorder.event(d, 'Warning', 'SelectingAll', 'This deployment is selecting all pods. A non-empty selector is required.');
      if ((d.status?.observedGeneration ?? 0) < (d.metadata.generation ?? 0)) {
        d.status = { ...d.status, observedGeneration: d.metadata.generation };
        await this.deployments.inNamespace(namespace).updateStatus(d, { fieldManager: DEPLOYMENT_CONTROLLER });
      }
      return;
    }

    const selector = labelSelectorFromMeta(d.spec?.selector);
    const rsList = await this.claimReplicaSets(d, selector);
    const podMap = this.podMapFor(d, selector, rsList);
    const sync = new DeploymentSync({
      client: this.client,
      recorder: this.recorder,
      clock: this.clock,
      cachedReplicaSet: (ns, name) => this.rsInformer.getByName(name, ns),
      requeueRateLimited: () => this.loop.enqueueRateLimited(key),
    }, d, rsList.map((rs) => structuredClone(rs) as ReplicaSet), podMap);

    let outcome;
    if (d.metadata.deletionTimestamp) {
      outcome = await sync.syncStatusOnly();
    } else {
      await sync.checkPausedConditions();
      if (d.spec?.paused) outcome = await sync.syncScaling();
      else if (sync.rollbackTo() !== undefined) outcome = await sync.rollback();
      else if (await sync.isScalingEvent()) outcome = await sync.syncScaling();
      else if (d.spec?.strategy?.type === 'Recreate') outcome = await sync.rolloutRecreate();
      else if ((d.spec?.strategy?.type ?? 'RollingUpdate') === 'RollingUpdate') outcome = await sync.rolloutRolling();
      else throw new Error(`unexpected deployment strategy type: ${d.spec?.strategy?.type ?? ''}`);
    }
    return outcome.requeueAfterMs ? { requeueAfter: outcome.requeueAfterMs } : undefined;
  }

  /** The ReplicaSets this Deployment owns, adopting matching orphans and releasing strays. */
  private async claimReplicaSets(d: Deployment, selector: LabelSelector): Promise<ReplicaSet[]> {
    const namespace = d.metadata.namespace ?? '';
    const name = d.metadata.name ?? '';
    const res = await claimObjects<ReplicaSet>({
      owner: d,
      ownerApiVersion: 'apps/v1',
      ownerKind: 'Deployment',
      objects: claimCandidates(this.rsInformer, d),
      match: (rs) => selector.matches(rs.metadata.labels),
      canAdopt: recheckDeletionTimestamp(() => this.deployments.inNamespace(namespace).get(name), d, `Deployment ${namespace}/${name}`),
      setOwnerReferences: ownerReferencesPatcher(this.replicaSets, DEPLOYMENT_CONTROLLER),
    });
    if (res.errors.length) throw new Error(`claiming replica sets of ${namespace}/${name}: ${errorMessage(res.errors[0])}`, { cause: res.errors[0] });
    return res.claimed;
  }

  /** Pods matching the selector, grouped by the uid of the owned ReplicaSet controlling them. */
  private podMapFor(d: Deployment, selector: LabelSelector, rsList: ReplicaSet[]): Map<string, Pod[]> {
    const map = new Map<string, Pod[]>();
    for (const rs of rsList) map.set(rs.metadata.uid ?? '', []);
    for (const [uid, list] of map) {
      for (const pod of this.podInformer.byIndex(CONTROLLER_UID_INDEX, uid)) {
        if (selector.matches(pod.metadata.labels)) list.push(pod);
      }
    }
    return map;
  }
}
