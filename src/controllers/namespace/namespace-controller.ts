// The namespace controller (upstream pkg/controller/namespace and deletion/
// namespaced_resources_deleter.go): a namespace with a deletionTimestamp is emptied (a
// deletecollection per namespaced resource, Background propagation), its status conditions say
// what remains, and once nothing is left its "kubernetes" finalizer is removed through
// PUT /api/v1/namespaces/<name>/finalize; the API server then deletes it.

import type { KubeObject } from '../../api/types.js';
import { RESOURCES, type ResourceInfo } from '../../api/resources.js';
import type { Client } from '../../client/client.js';
import type { SharedInformerFactory } from '../../client/shared-informer-factory.js';
import type { Informer } from '../../client/informer.js';
import type { ResourceClient } from '../../client/resource-client.js';
import { defaultLogger, type Logger } from '../../client/logger.js';
import type { ReconcileResult } from '../../client/run-workers.js';
import { realClock, type Clock } from '../../machinery/clock.js';
import type { Controller } from '../runtime/controller.js';
import { ReconcileLoop } from '../runtime/reconcile-loop.js';
import { errorMessage, isConflict, isNotFound } from '../runtime/api-errors.js';
import { parseTime } from '../runtime/pod-util.js';
import { NAMESPACES, PODS } from '../runtime/resources.js';
import type { Namespace, Pod } from '../runtime/types.js';
import { failureConditions, updateConditions, type DeletionTotals } from './deletion-conditions.js';

export const NAMESPACE_CONTROLLER = 'namespace-controller';
/** The spec.finalizers token this controller owns. */
export const KUBERNETES_FINALIZER = 'kubernetes';
/** Upstream finalizerEstimateSeconds: the wait assumed for objects held by finalizers. */
const FINALIZER_ESTIMATE_SECONDS = 15;

export interface NamespaceControllerOptions {
  clock?: Clock;
  logger?: Logger;
  /** Default 2 (upstream --concurrent-namespace-syncs is 10). */
  workers?: number;
  /**
   * Delay before a namespace marked for deletion is processed, so late creations are seen
   * (upstream namespaceDeletionGracePeriod). Default 5s.
   */
  deletionGracePeriodMs?: number;
  /** Upper bound of the wait before content that remains is checked again. Default 5s. */
  maxRecheckMs?: number;
  /** Resources emptied. Default: every namespaced resource that can be deleted. */
  resources?: ResourceInfo[];
}

export class NamespaceController implements Controller {
  readonly name = NAMESPACE_CONTROLLER;
  private readonly clock: Clock;
  private readonly logger: Logger;
  private readonly loop: ReconcileLoop;
  private readonly nsInformer: Informer<Namespace>;
  private readonly podInformer: Informer<Pod>;
  private readonly namespaces: ResourceClient<Namespace>;
  private readonly graceMs: number;
  private readonly maxRecheckMs: number;
  private readonly resources: ResourceInfo[];
  private readonly unregister: (() => void)[] = [];

  constructor(private readonly client: Client, informers: SharedInformerFactory, options: NamespaceControllerOptions = {}) {
    this.clock = options.clock ?? realClock;
    this.logger = options.logger ?? defaultLogger;
    this.graceMs = options.deletionGracePeriodMs ?? 5000;
    this.maxRecheckMs = options.maxRecheckMs ?? 5000;
    // Events go last: components still report on objects being deleted (the kubelet's Killing).
    const isEvents = (r: ResourceInfo): number => (r.resource === 'events' ? 1 : 0);
    this.resources = options.resources ?? RESOURCES.filter((r) => r.namespaced && r.verbs.includes('delete') && r.verbs.includes('list'))
      .sort((a, b) => isEvents(a) - isEvents(b));
    this.namespaces = client.resource<Namespace>(NAMESPACES);
    this.loop = new ReconcileLoop((key) => this.sync(key), { name: NAMESPACE_CONTROLLER, workers: options.workers ?? 2, clock: this.clock, logger: this.logger });
    this.nsInformer = informers.informerFor<Namespace>(NAMESPACES);
    this.podInformer = informers.informerFor<Pod>(PODS);
    const enqueue = (ns: Namespace): void => {
      if (ns.metadata.deletionTimestamp) this.loop.enqueueAfter(ns.metadata.name ?? '', this.graceMs);
    };
    this.unregister.push(this.nsInformer.addEventHandler({ onAdd: enqueue, onUpdate: (_o, cur) => enqueue(cur) }));
    // The last pods of a terminating namespace usually hold it up: look again when one goes.
    this.unregister.push(this.podInformer.addEventHandler({
      onDelete: (pod) => {
        const ns = this.nsInformer.getByName(pod.metadata.namespace ?? '');
        if (ns?.metadata.deletionTimestamp) this.loop.enqueue(ns.metadata.name ?? '');
      },
    }));
  }

  async run(signal: AbortSignal): Promise<void> {
    try {
      await this.loop.run(signal, [this.nsInformer, this.podInformer]);
    } finally {
      for (const off of this.unregister.splice(0)) off();
    }
  }

  async sync(name: string): Promise<ReconcileResult> {
    if (!this.nsInformer.getByName(name)) return undefined;
    const estimateSeconds = await this.deleteNamespace(name);
    if (estimateSeconds === 0) return undefined;
    return { requeueAfter: Math.min(this.maxRecheckMs, (Math.floor(estimateSeconds / 2) + 1) * 1000) };
  }

  /**
   * Empties a terminating namespace and then finalizes it; returns the seconds to wait before
   * checking again while content remains (upstream ResourcesRemainingError), else 0.
   */
  private async deleteNamespace(name: string): Promise<number> {
    let ns = await this.getNamespace(name);
    if (!ns?.metadata.deletionTimestamp) return 0;
    ns = await this.ensureTerminating(ns);
    if (!(ns.spec?.finalizers ?? []).includes(KUBERNETES_FINALIZER)) return 0;

    const estimate = await this.deleteAllContent(ns);
    if (estimate > 0) return estimate;
    await this.finalize(name);
    return 0;
  }

  private async ensureTerminating(ns: Namespace): Promise<Namespace> {
    if (ns.status?.phase === 'Terminating') return ns;
    return this.namespaces.updateStatus({ ...ns, status: { ...ns.status, phase: 'Terminating' } }, { fieldManager: NAMESPACE_CONTROLLER });
  }

  /** Deletes everything in the namespace; returns seconds to wait before checking again (0 when empty). */
  private async deleteAllContent(ns: Namespace): Promise<number> {
    const namespace = ns.metadata.name ?? '';
    const totals: DeletionTotals = { remaining: new Map(), finalizers: new Map(), errors: [] };
    let estimate = 0;
    for (const r of this.resources) {
      try {
        const left = await this.deleteAllOf(r, namespace);
        if (left.remaining > 0) {
          totals.remaining.set(`${r.resource}.${r.group}`, left.remaining);
          for (const [f, n] of left.finalizers) totals.finalizers.set(f, (totals.finalizers.get(f) ?? 0) + n);
        }
        estimate = Math.max(estimate, left.estimate);
      } catch (e) {
        totals.errors.push(errorMessage(e));
      }
    }
    await this.writeConditions(namespace, totals);
    if (totals.errors.length) throw new Error(`namespace ${namespace}: ${totals.errors.join('; ')}`);
    return estimate;
  }

  private async deleteAllOf(r: ResourceInfo, namespace: string): Promise<{ remaining: number; finalizers: Map<string, number>; estimate: number }> {
    const rc = this.client.resource<KubeObject>(r, namespace);
    const isPods = r.group === '' && r.resource === 'pods';
    let estimate = 0;
    if (isPods) estimate = await this.podGraceEstimate(rc as ResourceClient<Pod>);
    if (r.verbs.includes('deletecollection')) {
      await rc.deleteCollection({ propagationPolicy: 'Background' });
    } else {
      for (const item of (await rc.list()).items) {
        try {
          await rc.delete(item.metadata.name ?? '', { propagationPolicy: 'Background' });
        } catch (e) {
          if (!isNotFound(e)) throw e;
        }
      }
    }
    let items = (await rc.list()).items;
    if (isPods && items.length) items = await this.forceDeleteExpiredPods(rc as ResourceClient<Pod>, items as Pod[]);
    if (!items.length) return { remaining: 0, finalizers: new Map(), estimate: 0 };
    const finalizers = new Map<string, number>();
    for (const item of items) for (const f of item.metadata.finalizers ?? []) finalizers.set(f, (finalizers.get(f) ?? 0) + 1);
    if (estimate > 0) return { remaining: items.length, finalizers, estimate };
    if (finalizers.size) return { remaining: items.length, finalizers, estimate: FINALIZER_ESTIMATE_SECONDS };
    throw new Error(`unexpected items still remain in namespace: ${namespace} for gvr: ${r.group ? `${r.group}/` : ''}${r.version}, Resource=${r.resource}`);
  }

  /** The longest termination grace period of the pods still running (upstream estimateGracefulTerminationForPods). */
  private async podGraceEstimate(pods: ResourceClient<Pod>): Promise<number> {
    let estimate = 0;
    for (const p of (await pods.list()).items) {
      const phase = p.status?.phase;
      if (phase === 'Succeeded' || phase === 'Failed') continue;
      const grace = (p.spec?.terminationGracePeriodSeconds as number | undefined) ?? 0;
      estimate = Math.max(estimate, grace);
    }
    return estimate;
  }

  /**
   * Pods whose grace period has run out without their kubelet finishing them (a dead node) are
   * deleted with grace 0; returns the pods still there.
   */
  private async forceDeleteExpiredPods(pods: ResourceClient<Pod>, items: Pod[]): Promise<Pod[]> {
    const now = this.clock.now();
    const left: Pod[] = [];
    for (const p of items) {
      const due = parseTime(p.metadata.deletionTimestamp);
      if (due === undefined || due > now || p.metadata.finalizers?.length) { left.push(p); continue; }
      try {
        await pods.delete(p.metadata.name ?? '', { gracePeriodSeconds: 0, preconditions: { uid: p.metadata.uid } });
      } catch (e) {
        if (!isNotFound(e)) left.push(p);
      }
    }
    return left;
  }

  private async writeConditions(name: string, totals: DeletionTotals): Promise<void> {
    await this.updateNamespace(name, (ns) => {
      const now = this.clock.now();
      const { conditions, changed } = updateConditions(ns.status?.conditions ?? [], failureConditions(totals, now), now);
      if (!changed) return undefined;
      return this.namespaces.updateStatus({ ...ns, status: { ...ns.status, conditions } }, { fieldManager: NAMESPACE_CONTROLLER });
    });
  }

  /** Removes our finalizer through /finalize (retrying on conflicts). */
  private async finalize(name: string): Promise<void> {
    await this.updateNamespace(name, (ns) => {
      const finalizers = (ns.spec?.finalizers ?? []).filter((f) => f !== KUBERNETES_FINALIZER);
      return this.namespaces.subresource(name, 'finalize').update({ ...ns, spec: { ...ns.spec, finalizers } }, { fieldManager: NAMESPACE_CONTROLLER });
    });
  }

  /** The namespace as stored, or undefined once it is gone. */
  private async getNamespace(name: string): Promise<Namespace | undefined> {
    try {
      return await this.namespaces.get(name);
    } catch (e) {
      if (isNotFound(e)) return undefined;
      throw e;
    }
  }

  /**
   * Reads the namespace and makes the write `write` returns (none when it returns undefined),
   * reading again after a conflict (3 retries); nothing is done once the namespace is gone.
   */
  private async updateNamespace(name: string, write: (ns: Namespace) => Promise<unknown> | undefined): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      const ns = await this.getNamespace(name);
      if (!ns) return;
      try {
        await write(ns);
        return;
      } catch (e) {
        if (isNotFound(e)) return;
        if (!isConflict(e) || attempt >= 3) throw e;
      }
    }
  }
}
