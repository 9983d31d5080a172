// The garbage collector (upstream pkg/controller/garbagecollector): builds the owner graph from
// informers of every kind that can carry ownerReferences, then
//  - Background: deletes objects all of whose owners are gone;
//  - Foreground: an owner with deletionTimestamp + the foregroundDeletion finalizer gets its
//    dependents deleted (those with dependents of their own in the foreground too), and loses the
//    finalizer once no dependent with blockOwnerDeletion is left;
//  - Orphan: an owner with deletionTimestamp + the orphan finalizer has its references removed
//    from its dependents, then loses the finalizer.
// Every decision is made on objects read fresh from the API server, not on the cache.

import type { KubeObject, OwnerReference } from '../../api/types.js';
import { RESOURCES, findByKind, type ResourceInfo } from '../../api/resources.js';
import type { Client } from '../../client/client.js';
import type { SharedInformerFactory } from '../../client/shared-informer-factory.js';
import type { Informer } from '../../client/informer.js';
import type { ResourceClient, DeleteOptions } from '../../client/resource-client.js';
import { defaultLogger, type Logger } from '../../client/logger.js';
import type { ReconcileResult } from '../../client/run-workers.js';
import { realClock, type Clock } from '../../machinery/clock.js';
import type { Controller } from '../runtime/controller.js';
import { ReconcileLoop } from '../runtime/reconcile-loop.js';
import { isConflict, isNotFound } from '../runtime/api-errors.js';
import { FOREGROUND_FINALIZER, ORPHAN_FINALIZER, OwnerGraph, type GraphActions, type GraphNode, type ObjectIdentity } from './graph.js';

export const GARBAGE_COLLECTOR = 'garbage-collector-controller';

/** Resources the collector does not watch (as upstream: events churn and never own anything). */
const IGNORED = new Set(['events', 'events.events.k8s.io', 'bindings']);

export interface GarbageCollectorOptions {
  clock?: Clock;
  logger?: Logger;
  /** Workers of the delete queue (kube-controller-manager's --concurrent-gc-syncs is 20). Default 5. */
  workers?: number;
  /** Kinds to watch. Default: every listable, watchable resource except events. */
  resources?: ResourceInfo[];
}

type Policy = 'Background' | 'Foreground' | 'Orphan';

const MAX_FINALIZER_RETRIES = 5;

/** How often an owner that exists but was not yet seen by an informer is looked at again. */
const VIRTUAL_RECHECK_MS = 1000;

export class GarbageCollector implements Controller {
  readonly name = GARBAGE_COLLECTOR;
  readonly graph = new OwnerGraph();
  private readonly logger: Logger;
  private readonly deleteLoop: ReconcileLoop;
  private readonly orphanLoop: ReconcileLoop;
  private readonly informers: Informer[] = [];
  private readonly unregister: (() => void)[] = [];

  constructor(private readonly client: Client, factory: SharedInformerFactory, options: GarbageCollectorOptions = {}) {
    const clock = options.clock ?? realClock;
    this.logger = options.logger ?? defaultLogger;
    this.deleteLoop = new ReconcileLoop((uid) => this.attemptToDelete(uid), { name: `${GARBAGE_COLLECTOR}-delete`, workers: options.workers ?? 5, clock, logger: this.logger });
    this.orphanLoop = new ReconcileLoop((uid) => this.attemptToOrphan(uid), { name: `${GARBAGE_COLLECTOR}-orphan`, workers: 1, clock, logger: this.logger });
    const resources = options.resources ?? RESOURCES.filter((r) => r.verbs.includes('list') && r.verbs.includes('watch') && !IGNORED.has(r.group ? `${r.resource}.${r.group}` : r.resource));
    for (const r of resources) {
      const inf = factory.informerFor<KubeObject>(r);
      this.informers.push(inf);
      this.unregister.push(inf.addEventHandler({
        onAdd: (obj) => this.apply(this.graph.observe(obj)),
        onUpdate: (old, cur) => {
          if (old.metadata.resourceVersion === cur.metadata.resourceVersion) return;
          this.apply(this.graph.observe(cur, old));
        },
        onDelete: (obj) => this.apply(this.graph.remove(obj)),
      }));
    }
  }

  async run(signal: AbortSignal): Promise<void> {
    // The graph must be complete before anything is deleted.
    try {
      await Promise.all([this.deleteLoop.run(signal, this.informers), this.orphanLoop.run(signal, this.informers)]);
    } finally {
      for (const off of this.unregister.splice(0)) off();
    }
  }

  private apply(a: GraphActions): void {
    for (const uid of a.attemptToDelete) this.deleteLoop.enqueue(uid);
    for (const uid of a.attemptToOrphan) this.orphanLoop.enqueue(uid);
  }

  // ------------------------------------------------------------------ API access

  private clientFor(id: { apiVersion: string; kind: string }, namespace: string): { rc: ResourceClient<KubeObject>; info: ResourceInfo } | undefined {
    const info = findByKind(id.apiVersion, id.kind);
    if (!info) return undefined;
    return { rc: this.client.resource<KubeObject>(info, info.namespaced ? namespace : undefined), info };
  }

  /** The object, or undefined when it does not exist under that name with that uid. */
  private async getLive(id: ObjectIdentity): Promise<KubeObject | undefined> {
    const c = this.clientFor(id, id.namespace);
    if (!c) throw new Error(`unable to get REST mapping for ${id.apiVersion}/${id.kind}`);
    try {
      const obj = await c.rc.get(id.name);
      return obj.metadata.uid === id.uid ? obj : undefined;
    } catch (e) {
      if (isNotFound(e)) return undefined;
      throw e;
    }
  }

  private async deleteObject(id: ObjectIdentity, policy: Policy): Promise<void> {
    const c = this.clientFor(id, id.namespace);
    if (!c) return;
    const opts: DeleteOptions = { propagationPolicy: policy, preconditions: { uid: id.uid } };
    try {
      await c.rc.delete(id.name, opts);
    } catch (e) {
      if (!isNotFound(e)) throw e;
    }
  }

  /** Writes new ownerReferences, guarded by the resourceVersion the decision was made on. */
  private async setOwnerReferences(obj: KubeObject, refs: OwnerReference[]): Promise<void> {
    const c = this.clientFor(obj, obj.metadata.namespace ?? '');
    if (!c) return;
    await c.rc.patch(obj.metadata.name ?? '', { metadata: { resourceVersion: obj.metadata.resourceVersion, ownerReferences: refs.length ? refs : null } }, 'merge', { fieldManager: GARBAGE_COLLECTOR });
  }

  private async removeFinalizer(id: ObjectIdentity, finalizer: string): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      const obj = await this.getLive(id);
      if (!obj || !obj.metadata.finalizers?.includes(finalizer)) return;
      const rest = obj.metadata.finalizers.filter((f) => f !== finalizer);
      const c = this.clientFor(obj, obj.metadata.namespace ?? '');
      if (!c) return;
      try {
        await c.rc.patch(obj.metadata.name ?? '', { metadata: { resourceVersion: obj.metadata.resourceVersion, finalizers: rest.length ? rest : null } }, 'merge', { fieldManager: GARBAGE_COLLECTOR });
        return;
      } catch (e) {
        if (isNotFound(e)) return;
        if (!isConflict(e) || attempt >= MAX_FINALIZER_RETRIES) throw e;
      }
    }
  }

  // ------------------------------------------------------------------ attemptToDelete

  private async attemptToDelete(uid: string): Promise<ReconcileResult> {
    const node = this.graph.get(uid);
    if (!node) return;
    // A kind we do not serve (a custom resource, say) cannot be looked up: leave it be.
    if (!findByKind(node.identity.apiVersion, node.identity.kind)) return;
    await this.attemptToDeleteItem(node);
    // A virtual node that exists is looked at again until its informer reports it.
    const after = this.graph.get(uid);
    if (after && !after.observed) return { requeueAfter: VIRTUAL_RECHECK_MS };
    return undefined;
  }

  private async attemptToDeleteItem(node: GraphNode): Promise<void> {
    if (node.beingDeleted && !node.deletingDependents) return;
    const latest = await this.getLive(node.identity);
    if (!latest) {
      this.apply(this.graph.virtualDelete(node.identity.uid));
      return;
    }
    if (!node.observed) return; // it exists: wait for the informer
    if (node.deletingDependents) {
      await this.processDeletingDependents(node);
      return;
    }
    const refs = latest.metadata.ownerReferences ?? [];
    if (!refs.length) return;

    const solid: OwnerReference[] = [];
    const dangling: OwnerReference[] = [];
    const waiting: OwnerReference[] = [];
    for (const r of refs) {
      const state = await this.classify(r, latest);
      if (state === 'solid') solid.push(r); else if (state === 'dangling') dangling.push(r); else waiting.push(r);
    }

    if (solid.length) {
      if (!dangling.length && !waiting.length) return;
      // Keep the object; drop references to owners that are gone or waiting for it to go.
      const drop = new Set([...dangling, ...waiting].map((r) => r.uid));
      await this.setOwnerReferences(latest, refs.filter((r) => !drop.has(r.uid)));
      return;
    }
    if (waiting.length && node.dependents.size) {
      // A cycle guard: when a dependent is itself deleting its dependents, unblock our references.
      if (this.graph.dependentsOf(node.identity.uid).some((d) => d.deletingDependents)) {
        const waitingUids = new Set(waiting.map((r) => r.uid));
        await this.setOwnerReferences(latest, refs.map((r) => (waitingUids.has(r.uid) ? { ...r, blockOwnerDeletion: false } : r)));
      }
      await this.deleteObject(node.identity, 'Foreground');
      return;
    }
    const fins = latest.metadata.finalizers ?? [];
    const policy: Policy = fins.includes(ORPHAN_FINALIZER) ? 'Orphan' : fins.includes(FOREGROUND_FINALIZER) ? 'Foreground' : 'Background';
    await this.deleteObject(node.identity, policy);
  }

  /** solid: the owner exists; dangling: it does not; waiting: it is being deleted in the foreground. */
  private async classify(r: OwnerReference, dependent: KubeObject): Promise<'solid' | 'dangling' | 'waiting'> {
    const info = findByKind(r.apiVersion, r.kind);
    // A kind we do not serve (a custom resource, say), or a namespaced owner named by a
    // cluster-scoped object (an error that retrying cannot fix): never delete on its account.
    if (!info || (info.namespaced && !dependent.metadata.namespace)) return 'solid';
    const owner = await this.getLive({ apiVersion: r.apiVersion, kind: r.kind, name: r.name, uid: r.uid, namespace: info.namespaced ? dependent.metadata.namespace ?? '' : '' });
    if (!owner) return 'dangling';
    if (owner.metadata.deletionTimestamp && owner.metadata.finalizers?.includes(FOREGROUND_FINALIZER)) return 'waiting';
    return 'solid';
  }

  private async processDeletingDependents(node: GraphNode): Promise<void> {
    const blocking = this.graph.blockingDependents(node.identity.uid);
    if (!blocking.length) {
      await this.removeFinalizer(node.identity, FOREGROUND_FINALIZER);
      return;
    }
    for (const dep of blocking) if (!dep.deletingDependents) this.deleteLoop.enqueue(dep.identity.uid);
  }

  // ------------------------------------------------------------------ attemptToOrphan

  private async attemptToOrphan(uid: string): Promise<ReconcileResult> {
    const node = this.graph.get(uid);
    if (!node) return;
    for (const dep of this.graph.dependentsOf(uid)) {
      for (let attempt = 0; ; attempt++) {
        const latest = await this.getLive(dep.identity);
        if (!latest) break;
        const refs = latest.metadata.ownerReferences ?? [];
        if (!refs.some((r) => r.uid === uid)) break;
        try {
          await this.setOwnerReferences(latest, refs.filter((r) => r.uid !== uid));
          break;
        } catch (e) {
          if (isNotFound(e)) break;
          if (!isConflict(e) || attempt >= MAX_FINALIZER_RETRIES) throw e;
        }
      }
    }
    await this.removeFinalizer(node.identity, ORPHAN_FINALIZER);
    return undefined;
  }
}
