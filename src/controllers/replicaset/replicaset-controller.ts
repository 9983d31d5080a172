// The ReplicaSet controller (upstream pkg/controller/replicaset/replica_set.go): keeps
// spec.replicas active pods, adopting matching orphans and releasing pods that stopped matching;
// expectations keep a stale cache from creating or deleting pods twice; status goes through the
// status subresource.

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
import { Expectations } from '../runtime/expectations.js';
import { ReconcileLoop } from '../runtime/reconcile-loop.js';
import { slowStartBatch } from '../runtime/slow-start-batch.js';
import { claimObjects, ownerReferencesPatcher, recheckDeletionTimestamp } from '../runtime/claim.js';
import { controllerRefOf, newControllerRef } from '../runtime/owner-refs.js';
import { CONTROLLER_UID_INDEX, NAMESPACE_INDEX, ORPHAN_INDEX, claimCandidates, ensureIndex } from '../runtime/indexes.js';
import { isPodActive, isPodReady } from '../runtime/pod-util.js';
import { PODS, REPLICASETS } from '../runtime/resources.js';
import { errorMessage, isConflict, isNamespaceTerminating, isNotFound } from '../runtime/api-errors.js';
import type { Pod, ReplicaSet, ReplicaSetStatus } from '../runtime/types.js';
import { getPodsToDelete } from './pod-ranking.js';
import { podFromTemplate } from './pod-from-template.js';
import { calculateReplicaSetStatus, normalizeReplicaSetStatus, replicaSetStatusUpToDate } from './replicaset-status.js';

/** Upstream BurstReplicas: the most pods created or deleted in one sync. */
export const BURST_REPLICAS = 500;

export const REPLICASET_CONTROLLER = 'replicaset-controller';

export interface ReplicaSetControllerOptions {
  clock?: Clock;
  logger?: Logger;
  /** Default 5, as kube-controller-manager's --concurrent-replicaset-syncs. */
  workers?: number;
  burstReplicas?: number;
  /** Events are recorded as component "replicaset-controller". */
  recorder?: EventRecorder;
}

export class ReplicaSetController implements Controller {
  readonly name = REPLICASET_CONTROLLER;
  readonly expectations: Expectations;
  private readonly clock: Clock;
  private readonly logger: Logger;
  private readonly recorder: EventRecorder;
  private readonly ownRecorder: boolean;
  private readonly burst: number;
  private readonly loop: ReconcileLoop;
  private readonly rsInformer: Informer<ReplicaSet>;
  private readonly podInformer: Informer<Pod>;
  private readonly pods: ResourceClient<Pod>;
  private readonly replicaSets: ResourceClient<ReplicaSet>;
  private readonly unregister: (() => void)[] = [];

  constructor(client: Client, informers: SharedInformerFactory, options: ReplicaSetControllerOptions = {}) {
    this.clock = options.clock ?? realClock;
    this.logger = options.logger ?? defaultLogger;
    this.burst = options.burstReplicas ?? BURST_REPLICAS;
    this.ownRecorder = !options.recorder;
    this.recorder = options.recorder ?? new EventRecorder(client, { component: REPLICASET_CONTROLLER, clock: this.clock, logger: this.logger });
    this.expectations = new Expectations({ clock: this.clock });
    this.pods = client.resource<Pod>(PODS);
    this.replicaSets = client.resource<ReplicaSet>(REPLICASETS);
    this.loop = new ReconcileLoop((key) => this.sync(key), { name: REPLICASET_CONTROLLER, workers: options.workers ?? 5, clock: this.clock, logger: this.logger });

    this.rsInformer = informers.informerFor<ReplicaSet>(REPLICASETS);
    this.podInformer = informers.informerFor<Pod>(PODS);
    ensureIndex(this.rsInformer, NAMESPACE_INDEX);
    ensureIndex(this.podInformer, NAMESPACE_INDEX);
    ensureIndex(this.podInformer, CONTROLLER_UID_INDEX);
    ensureIndex(this.podInformer, ORPHAN_INDEX);

    this.unregister.push(this.rsInformer.addEventHandler({
      onAdd: (rs) => this.enqueue(rs),
      onUpdate: (_old, cur) => this.enqueue(cur),
      onDelete: (rs) => {
        const key = objectKey(rs);
        this.expectations.delete(key);
        this.loop.enqueue(key);
      },
    }));
    this.unregister.push(this.podInformer.addEventHandler({
      onAdd: (pod) => this.addPod(pod),
      onUpdate: (old, cur) => this.updatePod(old, cur),
      onDelete: (pod) => this.deletePod(pod),
    }));
  }

  async run(signal: AbortSignal): Promise<void> {
    try {
      await this.loop.run(signal, [this.rsInformer, this.podInformer]);
    } finally {
      for (const off of this.unregister.splice(0)) off();
      if (this.ownRecorder) await this.recorder.shutdown();
    }
  }

  // ------------------------------------------------------------------ event handlers

  private enqueue(rs: ReplicaSet): void {
    this.loop.enqueue(objectKey(rs));
  }

  /** The ReplicaSet a controller reference points at, if it is in the cache with that uid. */
  private resolveControllerRef(namespace: string | undefined, ref: { kind: string; name: string; uid: string; apiVersion: string }): ReplicaSet | undefined {
    if (ref.kind !== 'ReplicaSet' || !ref.apiVersion.startsWith('apps/')) return undefined;
    const rs = this.rsInformer.getByName(ref.name, namespace);
    return rs && rs.metadata.uid === ref.uid ? rs : undefined;
  }

  /** ReplicaSets in the pod's namespace whose selector matches it (for orphans). */
  private replicaSetsSelecting(pod: Pod): ReplicaSet[] {
    const out: ReplicaSet[] = [];
    for (const rs of this.rsInformer.byIndex(NAMESPACE_INDEX, pod.metadata.namespace ?? '')) {
      const sel = this.selectorOf(rs);
      if (sel && !sel.isEmpty() && sel.matches(pod.metadata.labels)) out.push(rs);
    }
    return out;
  }

  private addPod(pod: Pod): void {
    if (pod.metadata.deletionTimestamp) {
      // After a restart a pod may show up already being deleted: count it as a deletion.
      this.deletePod(pod);
      return;
    }
    const ref = controllerRefOf(pod);
    if (ref) {
      const rs = this.resolveControllerRef(pod.metadata.namespace, ref);
      if (!rs) return;
      const key = objectKey(rs);
      this.expectations.creationObserved(key);
      this.loop.enqueue(key);
      return;
    }
    for (const rs of this.replicaSetsSelecting(pod)) this.enqueue(rs);
  }

  private updatePod(old: Pod, cur: Pod): void {
    if (old.metadata.resourceVersion === cur.metadata.resourceVersion) return;
    const labelsChanged = JSON.stringify(old.metadata.labels ?? {}) !== JSON.stringify(cur.metadata.labels ?? {});
    if (cur.metadata.deletionTimestamp) {
      // A graceful deletion: replace the pod now rather than when the kubelet finishes.
      this.deletePod(cur);
      if (labelsChanged) this.deletePod(old);
      return;
    }
    const curRef = controllerRefOf(cur);
    const oldRef = controllerRefOf(old);
    const refChanged = JSON.stringify(curRef) !== JSON.stringify(oldRef);
    if (refChanged && oldRef) {
      const rs = this.resolveControllerRef(old.metadata.namespace, oldRef);
      if (rs) this.enqueue(rs);
    }
    if (curRef) {
      const rs = this.resolveControllerRef(cur.metadata.namespace, curRef);
      if (!rs) return;
      this.enqueue(rs);
      const minReady = rs.spec?.minReadySeconds ?? 0;
      if (!isPodReady(old) && isPodReady(cur) && minReady > 0) {
        this.loop.enqueueAfter(objectKey(rs), minReady * 1000 + 1000);
      }
      return;
    }
    if (labelsChanged || refChanged) for (const rs of this.replicaSetsSelecting(cur)) this.enqueue(rs);
  }

  private deletePod(pod: Pod): void {
    const ref = controllerRefOf(pod);
    if (!ref) return;
    const rs = this.resolveControllerRef(pod.metadata.namespace, ref);
    if (!rs) return;
    const key = objectKey(rs);
    this.expectations.deletionObserved(key, objectKey(pod));
    this.loop.enqueue(key);
  }

  // ------------------------------------------------------------------ reconcile

  private selectorOf(rs: ReplicaSet): LabelSelector | undefined {
    try {
      return labelSelectorFromMeta(rs.spec?.selector);
    } catch (e) {
      this.logger.warn(`${REPLICASET_CONTROLLER}: ${objectKey(rs)} has an invalid selector: ${errorMessage(e)}`);
      return undefined;
    }
  }

  /** Reconciles one ReplicaSet: claim pods, create or delete to match spec.replicas, write status. */
  async sync(key: string): Promise<ReconcileResult> {
    const cached = this.rsInformer.get(key);
    if (!cached) {
      this.expectations.delete(key);
      return;
    }
    const rs = cached;
    const needsSync = this.expectations.satisfied(key);
    const selector = this.selectorOf(rs);
    if (!selector) return;
    const namespace = rs.metadata.namespace ?? '';
    const active = claimCandidates(this.podInformer, rs).filter(isPodActive);

    const rsName = rs.metadata.name ?? '';
    const claim = await claimObjects<Pod>({
      owner: rs,
      ownerApiVersion: 'apps/v1',
      ownerKind: 'ReplicaSet',
      objects: active,
      match: (p) => selector.matches(p.metadata.labels),
      canAdopt: recheckDeletionTimestamp(() => this.replicaSets.inNamespace(namespace).get(rsName), rs, `ReplicaSet ${namespace}/${rsName}`),
      setOwnerReferences: ownerReferencesPatcher(this.pods, REPLICASET_CONTROLLER),
    });
    if (claim.errors.length) throw claim.errors[0];
    const filtered = claim.claimed;

    let manageErr: unknown;
    if (needsSync && !rs.metadata.deletionTimestamp) {
      try {
        await this.manageReplicas(filtered, rs, key);
      } catch (e) {
        manageErr = e;
      }
    }

    const status = calculateReplicaSetStatus(rs, filtered, manageErr, this.clock.now());
    const updated = await this.updateStatus(rs, status);
    if (manageErr !== undefined) throw manageErr;
    const replicas = updated.spec?.replicas ?? 1;
    const minReady = updated.spec?.minReadySeconds ?? 0;
    if (minReady > 0 && (updated.status?.readyReplicas ?? 0) === replicas && (updated.status?.availableReplicas ?? 0) !== replicas) {
      return { requeueAfter: minReady * 1000 };
    }
    return undefined;
  }

  private async manageReplicas(filtered: Pod[], rs: ReplicaSet, key: string): Promise<void> {
    const want = rs.spec?.replicas ?? 1;
    let diff = filtered.length - want;
    const namespace = rs.metadata.namespace ?? '';
    if (diff < 0) {
      diff = Math.min(-diff, this.burst);
      // Expect the creations before making them: the informer may see a pod before create() returns.
      this.expectations.expectCreations(key, diff);
      const template = rs.spec?.template ?? {};
      const ref = newControllerRef(rs, 'apps/v1', 'ReplicaSet');
      const res = await slowStartBatch(diff, async () => {
        try {
          await this.createPod(rs, podFromTemplate(template, rs.metadata.name ?? '', namespace, ref));
        } catch (e) {
          // Nothing can be created in a terminating namespace: not worth an error.
          if (isNamespaceTerminating(e)) return;
          throw e;
        }
      });
      // Creations that failed or were never attempted will never be observed.
      for (let i = res.successes; i < diff; i++) this.expectations.creationObserved(key);
      if (res.error !== undefined) throw res.error;
      return;
    }
    if (diff > 0) {
      diff = Math.min(diff, this.burst);
      const related = this.relatedPods(rs);
      const victims = getPodsToDelete(filtered, related, diff, this.clock.now());
      this.expectations.expectDeletions(key, victims.map((p) => objectKey(p)));
      const results = await Promise.allSettled(victims.map((p) => this.deletePodFor(rs, p)));
      let first: unknown;
      results.forEach((r, i) => {
        if (r.status === 'fulfilled') return;
        const victim = victims[i] as Pod;
        this.expectations.deletionObserved(key, objectKey(victim));
        if (!isNotFound(r.reason) && first === undefined) first = r.reason;
      });
      if (first !== undefined) throw first;
    }
  }

  /** Pods of every ReplicaSet that shares this one's controller (the Deployment's other sets). */
  private relatedPods(rs: ReplicaSet): Pod[] {
    const owner = controllerRefOf(rs);
    const sets = owner
      ? this.rsInformer.byIndex(NAMESPACE_INDEX, rs.metadata.namespace ?? '').filter((x) => controllerRefOf(x)?.uid === owner.uid)
      : [rs];
    const out: Pod[] = [];
    for (const s of sets) out.push(...this.podInformer.byIndex(CONTROLLER_UID_INDEX, s.metadata.uid ?? ''));
    return out;
  }

  private async createPod(rs: ReplicaSet, pod: Pod): Promise<void> {
    if (!pod.metadata.labels || !Object.keys(pod.metadata.labels).length) {
      throw new Error('unable to create pods, no labels');
    }
    try {
      const created = await this.pods.inNamespace(pod.metadata.namespace).create(pod, { fieldManager: REPLICASET_CONTROLLER });
      this.recorder.event(rs, 'Normal', 'SuccessfulCreate', `Created pod: ${created.metadata.name ?? ''}`);
    } catch (e) {
      if (!isNamespaceTerminating(e)) this.recorder.event(rs, 'Warning', 'FailedCreate', `Error creating: ${errorMessage(e)}`);
      throw e;
    }
  }

  private async deletePodFor(rs: ReplicaSet, pod: Pod): Promise<void> {
    const name = pod.metadata.name ?? '';
    try {
      await this.pods.inNamespace(pod.metadata.namespace).delete(name);
    } catch (e) {
      if (isNotFound(e)) throw e;
      this.recorder.event(rs, 'Warning', 'FailedDelete', `Error deleting: ${errorMessage(e)}`);
      throw new Error(`unable to delete pods: ${errorMessage(e)}`, { cause: e });
    }
    this.recorder.event(rs, 'Normal', 'SuccessfulDelete', `Deleted pod: ${name}`);
  }

  /** Writes the status unless it is up to date; on a conflict re-reads the set and tries once more. */
  private async updateStatus(rs: ReplicaSet, status: ReplicaSetStatus): Promise<ReplicaSet> {
    if (replicaSetStatusUpToDate(rs, status)) return rs;
    const next: ReplicaSetStatus = normalizeReplicaSetStatus({ ...status, observedGeneration: rs.metadata.generation });
    const rc = this.replicaSets.inNamespace(rs.metadata.namespace);
    let base: KubeObject = rs;
    for (let attempt = 0; ; attempt++) {
      try {
        return await rc.updateStatus({ ...structuredClone(base), status: next } as ReplicaSet, { fieldManager: REPLICASET_CONTROLLER });
      } catch (e) {
        if (attempt >= 1 || !isConflict(e)) throw e;
        base = await rc.get(rs.metadata.name ?? '');
      }
    }
  }
}
