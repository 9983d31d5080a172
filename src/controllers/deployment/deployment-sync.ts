// One reconcile of one Deployment (upstream deployment controller sync.go, rolling.go,
// recreate.go, progress.go, rollback.go). A DeploymentSync holds a private copy of the
// Deployment and of its ReplicaSets, replacing each with what the API server returns as it writes,
// so later steps of the same reconcile do not trip over stale versions.

import type { Client } from '../../client/client.js';
import type { EventRecorder } from '../../client/event-recorder.js';
import type { ResourceClient } from '../../client/resource-client.js';
import type { Clock } from '../../machinery/clock.js';
import type { Deployment, Pod, ReplicaSet } from '../runtime/types.js';
import { controllerRefOf, newControllerRef } from '../runtime/owner-refs.js';
import { errorMessage, isAlreadyExists, isNamespaceTerminating, isNotFound } from '../runtime/api-errors.js';
import { REPLICASETS, DEPLOYMENTS } from '../runtime/resources.js';
import {
  POD_TEMPLATE_HASH_LABEL, REVISION_ANNOTATION, ROLLBACK_TO_ANNOTATION, desiredReplicasAnnotation, lastRevision, maxRevision,
  replicasAnnotationsNeedUpdate, revisionOf, setDeploymentAnnotationsTo, setNewReplicaSetAnnotations, setReplicasAnnotations,
} from './annotations.js';
import { PROGRESSING, REASON, getDeploymentCondition, newDeploymentCondition, setDeploymentCondition } from './conditions.js';
import { deploymentComplete, deploymentStatusEqual, calculateStatus, hasProgressDeadline, normalizeDeploymentStatus, rolloutStatus, stuckDeploymentRecheckMs } from './deployment-status.js';
import { maxSurge, replicasOf } from './fenceposts.js';
import { computeHash } from './hash.js';
import { byRevision, equalIgnoreHash, filterActiveReplicaSets, findNewReplicaSet, findOldReplicaSets } from './replica-sets.js';
import { newRSNewReplicas, planScale, type ScaleOperation } from './scaling.js';
import { newReplicaSetTarget, oldReplicaSetsScaleDown } from './rolling.js';

export const DEPLOYMENT_CONTROLLER = 'deployment-controller';

const MAX_INT32 = 2147483647;

export interface DeploymentSyncDeps {
  client: Client;
  recorder: EventRecorder;
  clock: Clock;
  /** Looks a ReplicaSet up in the informer cache. */
  cachedReplicaSet(namespace: string, name: string): ReplicaSet | undefined;
  /** Re-queues the Deployment with back-off (a progress check that is due now). */
  requeueRateLimited(): void;
}

export interface SyncOutcome {
  /** Check again after this long (a progress deadline to watch). */
  requeueAfterMs?: number;
}

export class DeploymentSync {
  private readonly deployments: ResourceClient<Deployment>;
  private readonly replicaSets: ResourceClient<ReplicaSet>;
  private readonly namespace: string;

  constructor(
    private readonly deps: DeploymentSyncDeps,
    /** A private, mutable copy. */
    readonly d: Deployment,
    /** The ReplicaSets this Deployment owns (private copies, replaced as they are written). */
    private rsList: ReplicaSet[],
    /** Pods by the uid of their ReplicaSet (all of them, terminating ones included). */
    private readonly podMap: Map<string, Pod[]>,
  ) {
    this.namespace = d.metadata.namespace ?? '';
    this.deployments = deps.client.resource<Deployment>(DEPLOYMENTS, this.namespace);
    this.replicaSets = deps.client.resource<ReplicaSet>(REPLICASETS, this.namespace);
  }

  private now(): number { return this.deps.clock.now(); }

  private get name(): string { return this.d.metadata.name ?? ''; }

  // ------------------------------------------------------------------ writes

  private replaceRS(rs: ReplicaSet): ReplicaSet {
    const i = this.rsList.findIndex((x) => x.metadata.uid === rs.metadata.uid);
    if (i >= 0) this.rsList[i] = rs; else this.rsList.push(rs);
    return rs;
  }

  private async updateRS(rs: ReplicaSet): Promise<ReplicaSet> {
    return this.replaceRS(await this.replicaSets.update(rs, { fieldManager: DEPLOYMENT_CONTROLLER }));
  }

  /** PUT /status with the Deployment copy; keeps the copy's resourceVersion current. */
  async updateStatus(): Promise<void> {
    const updated = await this.deployments.updateStatus(this.d, { fieldManager: DEPLOYMENT_CONTROLLER });
    this.d.metadata.resourceVersion = updated.metadata.resourceVersion;
  }

  private async update(): Promise<void> {
    const updated = await this.deployments.update(this.d, { fieldManager: DEPLOYMENT_CONTROLLER });
    this.d.metadata.resourceVersion = updated.metadata.resourceVersion;
  }

  private event(type: 'Normal' | 'Warning', reason: string, message: string): void {
    this.deps.recorder.event(this.d, type, reason, message);
  }

  // ------------------------------------------------------------------ replica sets

  /**
   * The new ReplicaSet (created if asked and missing) and all old ones, with the revision
   * annotations of the new set and of the Deployment brought up to date.
   */
  async getAllReplicaSetsAndSyncRevision(createIfMissing: boolean): Promise<{ newRS: ReplicaSet | undefined; oldRSs: ReplicaSet[] }> {
    const { all: oldRSs } = findOldReplicaSets(this.d, this.rsList);
    const newRS = await this.getNewReplicaSet(oldRSs, createIfMissing);
    return { newRS, oldRSs };
  }

  private async getNewReplicaSet(oldRSs: ReplicaSet[], createIfMissing: boolean): Promise<ReplicaSet | undefined> {
    const d = this.d;
    const existing = findNewReplicaSet(d, this.rsList);
    const newRevision = maxRevision(oldRSs) + 1;

    if (existing) {
      const copy = structuredClone(existing);
      const annotationsUpdated = setNewReplicaSetAnnotations(d, copy, newRevision, true);
      const minReady = d.spec?.minReadySeconds ?? 0;
      if (annotationsUpdated || (copy.spec?.minReadySeconds ?? 0) !== minReady) {
        copy.spec = { ...copy.spec, minReadySeconds: minReady };
        return this.updateRS(copy);
      }
      let needsUpdate = this.setDeploymentRevision(copy.metadata.annotations?.[REVISION_ANNOTATION] ?? '');
      if (hasProgressDeadline(d) && !getDeploymentCondition(d.status, PROGRESSING)) {
        this.setCondition(newDeploymentCondition(PROGRESSING, 'True', REASON.foundNewRS, `Found new replica set "${copy.metadata.name ?? ''}"`, this.now()));
        needsUpdate = true;
      }
      if (needsUpdate) await this.updateStatus();
      return copy;
    }
    if (!createIfMissing) return undefined;

    const template = structuredClone(d.spec?.template ?? {});
    const hash = computeHash(template, d.status?.collisionCount);
    template.metadata = { ...template.metadata, labels: { ...template.metadata?.labels, [POD_TEMPLATE_HASH_LABEL]: hash } };
    const selector = structuredClone(d.spec?.selector ?? {});
    selector.matchLabels = { ...selector.matchLabels, [POD_TEMPLATE_HASH_LABEL]: hash };
    const rsName = `${this.name}-${hash}`;
    const newRS: ReplicaSet = {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: {
        name: rsName,
        namespace: this.namespace,
        ownerReferences: [newControllerRef(d, 'apps/v1', 'Deployment')],
        labels: { ...template.metadata.labels },
      },
      spec: { replicas: 0, minReadySeconds: d.spec?.minReadySeconds ?? 0, selector, template },
    };
    const newReplicas = newRSNewReplicas(d, [...oldRSs, newRS], newRS);
    newRS.spec = { ...newRS.spec, replicas: newReplicas };
    setNewReplicaSetAnnotations(d, newRS, newRevision, false);

    let created: ReplicaSet;
    let alreadyExisted = false;
    try {
      created = this.replaceRS(await this.replicaSets.create(newRS, { fieldManager: DEPLOYMENT_CONTROLLER }));
    } catch (e) {
      if (isAlreadyExists(e)) {
        // A slow cache, or a hash collision.
        const found = this.deps.cachedReplicaSet(this.namespace, rsName) ?? await this.replicaSets.get(rsName);
        const ref = controllerRefOf(found);
        if (ref && ref.uid === d.metadata.uid && equalIgnoreHash(d.spec?.template, found.spec?.template)) {
          created = this.replaceRS(structuredClone(found));
          alreadyExisted = true;
        } else {
          d.status = { ...d.status, collisionCount: (d.status?.collisionCount ?? 0) + 1 };
          await this.updateStatus();
          throw e;
        }
      } else if (isNamespaceTerminating(e)) {
        throw e;
      } else {
        const msg = `Failed to create new replica set "${rsName}": ${errorMessage(e)}`;
        if (hasProgressDeadline(d)) {
          this.setCondition(newDeploymentCondition(PROGRESSING, 'False', REASON.failedRSCreate, msg, this.now()));
          await this.updateStatus().catch(() => undefined);
        }
        this.event('Warning', REASON.failedRSCreate, msg);
        throw e;
      }
    }
    if (!alreadyExisted && newReplicas > 0) {
      this.event('Normal', 'ScalingReplicaSet', `Scaled up replica set ${created.metadata.name ?? ''} to ${newReplicas} from 0`);
    }
    let needsUpdate = this.setDeploymentRevision(String(newRevision));
    if (!alreadyExisted && hasProgressDeadline(d)) {
      this.setCondition(newDeploymentCondition(PROGRESSING, 'True', REASON.newReplicaSet, `Created new replica set "${created.metadata.name ?? ''}"`, this.now()));
      needsUpdate = true;
    }
    if (needsUpdate) await this.updateStatus();
    return created;
  }

  private setDeploymentRevision(revision: string): boolean {
    const a = (this.d.metadata.annotations ??= {});
    if (a[REVISION_ANNOTATION] === revision) return false;
    a[REVISION_ANNOTATION] = revision;
    return true;
  }

  private setCondition(cond: ReturnType<typeof newDeploymentCondition>): void {
    const status = { ...this.d.status };
    setDeploymentCondition(status, cond);
    this.d.status = status;
  }

  /** Sets `rs` to `newScale` replicas (and current desired/max annotations); records the scaling. */
  private async scaleReplicaSet(rs: ReplicaSet, newScale: number, operation: ScaleOperation): Promise<{ scaled: boolean; rs: ReplicaSet }> {
    const desired = replicasOf(this.d);
    const max = desired + maxSurge(this.d);
    const sizeNeedsUpdate = replicasOf(rs) !== newScale;
    if (!sizeNeedsUpdate && !replicasAnnotationsNeedUpdate(rs, desired, max)) return { scaled: false, rs };
    const oldScale = replicasOf(rs);
    const copy = structuredClone(rs);
    copy.spec = { ...copy.spec, replicas: newScale };
    setReplicasAnnotations(copy, desired, max);
    const updated = await this.updateRS(copy);
    if (sizeNeedsUpdate) {
      this.event('Normal', 'ScalingReplicaSet', `Scaled ${operation} replica set ${updated.metadata.name ?? ''} to ${newScale} from ${oldScale}`);
    }
    return { scaled: sizeNeedsUpdate, rs: updated };
  }

  private async scaleReplicaSetAndRecordEvent(rs: ReplicaSet, newScale: number): Promise<{ scaled: boolean; rs: ReplicaSet }> {
    const cur = replicasOf(rs);
    if (cur === newScale) return { scaled: false, rs };
    return this.scaleReplicaSet(rs, newScale, cur < newScale ? 'up' : 'down');
  }

  /** The latest copy of a set this sync may have written meanwhile. */
  private latest(rs: ReplicaSet): ReplicaSet;
  private latest(rs: ReplicaSet | undefined): ReplicaSet | undefined;
  private latest(rs: ReplicaSet | undefined): ReplicaSet | undefined {
    if (!rs) return undefined;
    return this.rsList.find((x) => x.metadata.uid === rs.metadata.uid) ?? rs;
  }

  // ------------------------------------------------------------------ entry points

  /** A Deployment being deleted: status only. */
  async syncStatusOnly(): Promise<SyncOutcome> {
    const { newRS, oldRSs } = await this.getAllReplicaSetsAndSyncRevision(false);
    await this.syncDeploymentStatus([...oldRSs, newRS], newRS);
    return {};
  }

  /** A scaling event, or a paused Deployment: scale proportionally, clean up when paused. */
  async syncScaling(): Promise<SyncOutcome> {
    const { newRS, oldRSs } = await this.getAllReplicaSetsAndSyncRevision(false);
    for (const step of planScale(this.d, newRS, oldRSs)) {
      const rs = this.latest(step.rs);
      if (step.syncAnnotations) await this.scaleReplicaSet(rs, step.replicas, step.operation);
      else await this.scaleReplicaSetAndRecordEvent(rs, step.replicas);
    }
    if (this.d.spec?.paused && !this.rollbackTo()) await this.cleanupDeployment(oldRSs.map((r) => this.latest(r)));
    const current = this.latest(newRS);
    await this.syncDeploymentStatus([...oldRSs.map((r) => this.latest(r)), current], current);
    return {};
  }

  /** Paused/Resumed conditions, so a long pause is not mistaken for lack of progress. */
  async checkPausedConditions(): Promise<void> {
    const d = this.d;
    if (!hasProgressDeadline(d)) return;
    const cond = getDeploymentCondition(d.status, PROGRESSING);
    if (cond?.reason === REASON.timedOut) return;
    const pausedCondExists = cond?.reason === REASON.paused;
    if (d.spec?.paused && !pausedCondExists) {
      this.setCondition(newDeploymentCondition(PROGRESSING, 'Unknown', REASON.paused, 'Deployment is paused', this.now()));
    } else if (!d.spec?.paused && pausedCondExists) {
      this.setCondition(newDeploymentCondition(PROGRESSING, 'Unknown', REASON.resumed, 'Deployment is resumed', this.now()));
    } else {
      return;
    }
    await this.updateStatus();
  }

  /** Whether spec.replicas differs from what the active sets were sized for. */
  async isScalingEvent(): Promise<boolean> {
    const { newRS, oldRSs } = await this.getAllReplicaSetsAndSyncRevision(false);
    for (const rs of filterActiveReplicaSets([...oldRSs, newRS])) {
      const desired = desiredReplicasAnnotation(rs);
      if (desired === undefined) continue;
      if (desired !== replicasOf(this.d)) return true;
    }
    return false;
  }

  async rolloutRolling(): Promise<SyncOutcome> {
    const { newRS: created, oldRSs } = await this.getAllReplicaSetsAndSyncRevision(true);
    let newRS = created as ReplicaSet;
    const all = (): ReplicaSet[] => [...oldRSs.map((r) => this.latest(r)), newRS];

    const target = newReplicaSetTarget(this.d, all(), newRS);
    if (target !== replicasOf(newRS)) {
      const r = await this.scaleReplicaSetAndRecordEvent(newRS, target);
      newRS = r.rs;
      if (r.scaled) return this.syncRolloutStatus(all(), newRS);
    }

    const activeOld = filterActiveReplicaSets(oldRSs.map((r) => this.latest(r)));
    const steps = oldReplicaSetsScaleDown(this.d, all(), activeOld, newRS);
    let scaledDown = false;
    for (const s of steps) {
      const r = await this.scaleReplicaSetAndRecordEvent(this.latest(s.rs), s.replicas);
      scaledDown ||= r.scaled;
    }
    if (scaledDown) return this.syncRolloutStatus(all(), newRS);

    if (deploymentComplete(this.d, this.d.status ?? {})) await this.cleanupDeployment(oldRSs.map((r) => this.latest(r)));
    return this.syncRolloutStatus(all(), newRS);
  }

  async rolloutRecreate(): Promise<SyncOutcome> {
    let { newRS, oldRSs } = await this.getAllReplicaSetsAndSyncRevision(false);
    const all = (): (ReplicaSet | undefined)[] => [...oldRSs.map((r) => this.latest(r)), this.latest(newRS)];

    let scaledDown = false;
    for (const rs of filterActiveReplicaSets(oldRSs)) {
      const r = await this.scaleReplicaSetAndRecordEvent(this.latest(rs), 0);
      scaledDown ||= r.scaled;
    }
    if (scaledDown) return this.syncRolloutStatus(all(), this.latest(newRS));

    if (this.oldPodsRunning(newRS, oldRSs.map((r) => this.latest(r)))) return this.syncRolloutStatus(all(), this.latest(newRS));

    if (!newRS) ({ newRS, oldRSs } = await this.getAllReplicaSetsAndSyncRevision(true));
    if (newRS) await this.scaleReplicaSetAndRecordEvent(this.latest(newRS), replicasOf(this.d));

    if (deploymentComplete(this.d, this.d.status ?? {})) await this.cleanupDeployment(oldRSs.map((r) => this.latest(r)));
    return this.syncRolloutStatus(all(), this.latest(newRS));
  }

  /** Old sets still report pods, or pods of old sets are not yet terminated. */
  private oldPodsRunning(newRS: ReplicaSet | undefined, oldRSs: ReplicaSet[]): boolean {
    if (oldRSs.some((rs) => (rs.status?.replicas ?? 0) > 0)) return true;
    for (const [uid, pods] of this.podMap) {
      if (newRS && newRS.metadata.uid === uid) continue;
      for (const p of pods) {
        const phase = p.status?.phase;
        if (phase === 'Failed' || phase === 'Succeeded') continue;
        return true;
      }
    }
    return false;
  }

  /** Deletes the oldest old sets beyond spec.revisionHistoryLimit (only empty, settled ones). */
  private async cleanupDeployment(oldRSs: ReplicaSet[]): Promise<void> {
    const limit = this.d.spec?.revisionHistoryLimit ?? 10;
    if (limit === MAX_INT32) return;
    const cleanable = oldRSs.filter((rs) => !rs.metadata.deletionTimestamp);
    const diff = cleanable.length - limit;
    if (diff <= 0) return;
    cleanable.sort(byRevision);
    for (let i = 0; i < diff; i++) {
      const rs = cleanable[i] as ReplicaSet;
      if ((rs.status?.replicas ?? 0) !== 0 || replicasOf(rs) !== 0 || (rs.metadata.generation ?? 0) > (rs.status?.observedGeneration ?? 0) || rs.metadata.deletionTimestamp) continue;
      try {
        await this.replicaSets.delete(rs.metadata.name ?? '');
      } catch (e) {
        if (!isNotFound(e)) throw e;
      }
    }
  }

  private async syncDeploymentStatus(allRSs: (ReplicaSet | undefined)[], newRS: ReplicaSet | undefined): Promise<void> {
    const next = calculateStatus(allRSs, newRS, this.d, this.now());
    if (deploymentStatusEqual(this.d.status, next)) return;
    this.d.status = next;
    await this.updateStatus();
  }

  private async syncRolloutStatus(allRSs: (ReplicaSet | undefined)[], newRS: ReplicaSet | undefined): Promise<SyncOutcome> {
    const next = rolloutStatus(allRSs, newRS, this.d, this.now());
    if (deploymentStatusEqual(this.d.status, next)) {
      const after = stuckDeploymentRecheckMs(this.d, next, this.now());
      if (after === 0) this.deps.requeueRateLimited();
      return after ? { requeueAfterMs: after } : {};
    }
    this.d.status = normalizeDeploymentStatus(next);
    await this.updateStatus();
    return {};
  }

  // ------------------------------------------------------------------ deprecated rollbackTo

  /** The revision asked for by the deprecated rollbackTo annotation, if any. */
  rollbackTo(): number | undefined {
    const v = this.d.metadata.annotations?.[ROLLBACK_TO_ANNOTATION];
    if (!v || !/^[+-]?\d+$/.test(v)) return undefined;
    return Number(v);
  }

  async rollback(): Promise<SyncOutcome> {
    const { newRS, oldRSs } = await this.getAllReplicaSetsAndSyncRevision(true);
    const allRSs = [...oldRSs, newRS].filter((r): r is ReplicaSet => !!r);
    let revision = this.rollbackTo() ?? 0;
    if (revision === 0) {
      revision = lastRevision(allRSs);
      if (revision === 0) {
        this.event('Warning', 'DeploymentRollbackRevisionNotFound', 'Unable to find last revision.');
        await this.clearRollbackTo();
        return {};
      }
    }
    for (const rs of allRSs) {
      if (revisionOf(rs) !== revision) continue;
      if (!equalIgnoreHash(this.d.spec?.template, rs.spec?.template)) {
        const template = structuredClone(rs.spec?.template ?? {});
        const labels = { ...template.metadata?.labels };
        delete labels[POD_TEMPLATE_HASH_LABEL];
        template.metadata = { ...template.metadata, labels };
        this.d.spec = { ...this.d.spec, template };
        setDeploymentAnnotationsTo(this.d, rs);
        await this.clearRollbackTo();
        this.event('Normal', 'DeploymentRollback', `Rolled back deployment "${this.name}" to revision ${revision}`);
      } else {
        this.event('Warning', 'DeploymentRollbackTemplateUnchanged', `The rollback revision contains the same template as current deployment "${this.name}"`);
        await this.clearRollbackTo();
      }
      return {};
    }
    this.event('Warning', 'DeploymentRollbackRevisionNotFound', 'Unable to find the revision to rollback to.');
    await this.clearRollbackTo();
    return {};
  }

  private async clearRollbackTo(): Promise<void> {
    const a = { ...this.d.metadata.annotations };
    delete a[ROLLBACK_TO_ANNOTATION];
    this.d.metadata.annotations = a;
    await this.update();
  }
}
