// The taint eviction controller (upstream pkg/controller/tainteviction): pods on a node with
// NoExecute taints are deleted - at once when a taint is not tolerated, after the smallest
// tolerationSeconds of the matching tolerations otherwise, never when they tolerate it forever.
// Before deleting, the pod gets the DisruptionTarget condition; each deletion is announced with a
// TaintManagerEviction event "Marking for deletion Pod <ns>/<name>".

import type { ObjectReference } from '../../client/event-recorder.js';
import type { Client } from '../../client/client.js';
import type { SharedInformerFactory } from '../../client/shared-informer-factory.js';
import type { Informer } from '../../client/informer.js';
import type { ResourceClient } from '../../client/resource-client.js';
import { EventRecorder } from '../../client/event-recorder.js';
import { defaultLogger, type Logger } from '../../client/logger.js';
import { realClock, rfc3339, type Clock } from '../../machinery/clock.js';
import type { Controller } from '../runtime/controller.js';
import { NODE_NAME_INDEX, ensureIndex } from '../runtime/indexes.js';
import { errorMessage, isNotFound } from '../runtime/api-errors.js';
import { semanticEqual } from '../runtime/semantic-equal.js';
import { NODES, PODS } from '../runtime/resources.js';
import type { Node, Pod, Taint } from '../runtime/types.js';
import { matchingTolerations, minTolerationMs, noExecuteTaints } from './taints.js';

export const TAINT_EVICTION_CONTROLLER = 'taint-eviction-controller';

export interface TaintEvictionOptions {
  clock?: Clock;
  logger?: Logger;
  recorder?: EventRecorder;
}

interface Work {
  createdAt: number;
  fireAt: number;
  /** Undefined once the work has run (kept so the same eviction is not scheduled again). */
  cancel?: () => void;
}

const DELETE_ATTEMPTS = 5;

export class TaintEvictionController implements Controller {
  readonly name = TAINT_EVICTION_CONTROLLER;
  private readonly clock: Clock;
  private readonly logger: Logger;
  private readonly recorder: EventRecorder;
  private readonly ownRecorder: boolean;
  private readonly pods: ResourceClient<Pod>;
  private readonly nodeInformer: Informer<Node>;
  private readonly podInformer: Informer<Pod>;
  /** NoExecute taints of each tainted node. */
  private readonly taintedNodes = new Map<string, Taint[]>();
  private readonly work = new Map<string, Work>();
  private signal: AbortSignal | undefined;
  private readonly inflight = new Set<Promise<void>>();

  constructor(client: Client, informers: SharedInformerFactory, options: TaintEvictionOptions = {}) {
    this.clock = options.clock ?? realClock;
    this.logger = options.logger ?? defaultLogger;
    this.ownRecorder = !options.recorder;
    this.recorder = options.recorder ?? new EventRecorder(client, { component: TAINT_EVICTION_CONTROLLER, clock: this.clock, logger: this.logger });
    this.pods = client.resource<Pod>(PODS);
    this.nodeInformer = informers.informerFor<Node>(NODES);
    this.podInformer = informers.informerFor<Pod>(PODS);
    ensureIndex(this.podInformer, NODE_NAME_INDEX);
  }

  async run(signal: AbortSignal): Promise<void> {
    this.signal = signal;
    const synced = await Promise.all([this.nodeInformer.waitForSync(signal), this.podInformer.waitForSync(signal)]);
    if (!synced.every(Boolean) || signal.aborted) return;
    const offNode = this.nodeInformer.addEventHandler({
      onAdd: (n) => this.nodeUpdated(n),
      onUpdate: (_o, n) => this.nodeUpdated(n),
      onDelete: (n) => { this.taintedNodes.delete(n.metadata.name ?? ''); },
    });
    const offPod = this.podInformer.addEventHandler({
      onAdd: (p) => this.podUpdated(undefined, p),
      onUpdate: (o, p) => this.podUpdated(o, p),
      onDelete: (p) => this.cancelWork(p.metadata.namespace ?? '', p.metadata.name ?? '', true),
    });
    await new Promise<void>((resolve) => {
      if (signal.aborted) resolve();
      else signal.addEventListener('abort', () => resolve(), { once: true });
    });
    offNode();
    offPod();
    for (const w of this.work.values()) w.cancel?.();
    this.work.clear();
    await Promise.allSettled([...this.inflight]);
    if (this.ownRecorder) await this.recorder.shutdown();
  }

  // ------------------------------------------------------------------ events

  private nodeUpdated(node: Node): void {
    const name = node.metadata.name ?? '';
    const taints = noExecuteTaints(node);
    const old = this.taintedNodes.get(name) ?? [];
    if (semanticEqual(old.map(stripTime), taints.map(stripTime))) return;
    if (taints.length) this.taintedNodes.set(name, taints); else this.taintedNodes.delete(name);
    const pods = this.podInformer.byIndex(NODE_NAME_INDEX, name);
    if (!taints.length) {
      for (const p of pods) this.cancelWork(p.metadata.namespace ?? '', p.metadata.name ?? '', true);
      return;
    }
    for (const p of pods) this.processPod(p, taints);
  }

  private podUpdated(old: Pod | undefined, pod: Pod): void {
    const nodeName = pod.spec?.nodeName;
    if (old && old.spec?.nodeName === nodeName && semanticEqual(old.spec?.tolerations, pod.spec?.tolerations)) return;
    if (!nodeName) return;
    const taints = this.taintedNodes.get(nodeName);
    if (!taints) return;
    this.processPod(pod, taints);
  }

  private processPod(pod: Pod, taints: Taint[]): void {
    const ns = pod.metadata.namespace ?? '';
    const name = pod.metadata.name ?? '';
    if (!taints.length) { this.cancelWork(ns, name, true); return; }
    // Already on its way out (evicted earlier, or deleted by someone else).
    if (pod.metadata.deletionTimestamp) return;
    const now = this.clock.now();
    const { all, used } = matchingTolerations(taints, pod.spec?.tolerations ?? []);
    if (!all) {
      this.cancelWork(ns, name, true);
      this.addWork(ns, name, now, now);
      return;
    }
    const min = minTolerationMs(used);
    if (min < 0) {
      this.cancelWork(ns, name, true);
      return;
    }
    let start = now;
    const trigger = now + min;
    const existing = this.work.get(`${ns}/${name}`);
    if (existing) {
      start = existing.createdAt;
      // Already due no later than this (same instant included): keep it.
      if (start + min <= trigger) return;
      this.cancelWork(ns, name, true);
    }
    this.addWork(ns, name, start, start + min);
  }

  // ------------------------------------------------------------------ timed work

  private addWork(namespace: string, name: string, createdAt: number, fireAt: number): void {
    const key = `${namespace}/${name}`;
    if (this.work.has(key)) return;
    const w: Work = { createdAt, fireAt };
    this.work.set(key, w);
    const fire = (): void => {
      w.cancel = undefined;
      const p = this.evict(namespace, name).finally(() => this.inflight.delete(p));
      this.inflight.add(p);
    };
    const delay = fireAt - this.clock.now();
    if (delay <= 0) {
      w.cancel = () => {};
      queueMicrotask(() => { if (this.work.get(key) === w && w.cancel) fire(); });
    } else {
      w.cancel = this.clock.setTimeout(fire, delay);
    }
  }

  /** Drops scheduled work for the pod; reports a cancelled eviction that had not run yet. */
  private cancelWork(namespace: string, name: string, withEvent: boolean): void {
    const key = `${namespace}/${name}`;
    const w = this.work.get(key);
    if (!w) return;
    this.work.delete(key);
    if (!w.cancel) return;
    w.cancel();
    if (withEvent) this.recorder.event(podRef(namespace, name), 'Normal', 'TaintManagerEviction', `Cancelling deletion of Pod ${key}`);
  }

  private async evict(namespace: string, name: string): Promise<void> {
    if (this.signal?.aborted) return;
    this.recorder.event(podRef(namespace, name), 'Normal', 'TaintManagerEviction', `Marking for deletion Pod ${namespace}/${name}`);
    let last: unknown;
    for (let i = 0; i < DELETE_ATTEMPTS; i++) {
      try {
        await this.addConditionAndDelete(namespace, name);
        return;
      } catch (e) {
        if (isNotFound(e)) return;
        last = e;
      }
    }
    this.logger.warn(`${TAINT_EVICTION_CONTROLLER}: deleting pod ${namespace}/${name}: ${errorMessage(last)}`);
  }

  private async addConditionAndDelete(namespace: string, name: string): Promise<void> {
    const pods = this.pods.inNamespace(namespace);
    const pod = await pods.get(name);
    const conditions = pod.status?.conditions ?? [];
    const cur = conditions.find((c) => c.type === 'DisruptionTarget');
    const reason = 'DeletionByTaintManager';
    const message = 'Taint manager: deleting due to NoExecute taint';
    if (!cur || cur.status !== 'True' || cur.reason !== reason || cur.message !== message) {
      const cond = { type: 'DisruptionTarget', status: 'True' as const, lastProbeTime: null, lastTransitionTime: cur?.status === 'True' ? cur.lastTransitionTime : rfc3339(this.clock.now()), reason, message };
      const next = { ...pod, status: { ...pod.status, conditions: [...conditions.filter((c) => c.type !== 'DisruptionTarget'), cond] } };
      await pods.updateStatus(next, { fieldManager: TAINT_EVICTION_CONTROLLER });
    }
    await pods.delete(name, { preconditions: { uid: pod.metadata.uid } });
  }
}

function podRef(namespace: string, name: string): ObjectReference {
  return { apiVersion: 'v1', kind: 'Pod', name, namespace };
}

function stripTime(t: Taint): Taint {
  return { key: t.key, value: t.value, effect: t.effect };
}
