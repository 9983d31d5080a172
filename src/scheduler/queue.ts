// The scheduling queue (internal/queue/scheduling_queue.go):
// - activeQ: pods ready to be tried, highest priority first, then the longest waiting;
// - backoffQ: pods that failed, until their back-off (1s doubling to 10s per attempt) ends;
// - unschedulablePods: pods no node fits, until a cluster event that one of the plugins that
//   rejected them says may help (node added, pod deleted, ...) moves them back; anything left
//   there for 5 minutes is moved back too.
// Back-off expiry and the leftover flush run on the injected clock's timers. The queue also
// remembers which pods are nominated to which node after preemption.

import { realClock, type Clock } from '../machinery/clock.js';
import type { Pod } from './api-types.js';
import type { Nominator } from './framework/framework.js';
import type { ActionType, ClusterEvent, ClusterEventWithHint, EventResource } from './framework/interfaces.js';
import type { PodInfo } from './framework/pod-info.js';
import { SUCCESS, type Status } from './framework/status.js';
import { KeyedHeap } from './heap.js';

export interface QueuedPodInfo {
  pi: PodInfo;
  /** When it was (re)added to a queue; orders equal priorities and starts back-off. */
  timestamp: number;
  /** When it was first tried. */
  initialAttemptTimestamp?: number;
  /** Scheduling attempts so far. */
  attempts: number;
  /** Plugins that rejected it in its last attempt. */
  unschedulablePlugins: Set<string>;
  /** A PreEnqueue plugin holds it back. */
  gated: boolean;
}

export interface SchedulingQueueOptions {
  clock?: Clock;
  /** Default 1s. */
  podInitialBackoffMs?: number;
  /** Default 10s. */
  podMaxBackoffMs?: number;
  /** Pods left unschedulable this long are retried anyway. Default 5 minutes. */
  podMaxInUnschedulablePodsDurationMs?: number;
  /** How often that is checked. Default 30s. */
  unschedulableFlushIntervalMs?: number;
  /** PreEnqueue: Success lets a pod into the active queue. */
  preEnqueue?: (pi: PodInfo) => Status;
  /** Queueing hints by plugin name. */
  hints?: ReadonlyMap<string, readonly ClusterEventWithHint[]>;
}

/** Moves everything regardless of hints (leftover flush, forced activation). */
export const FORCE: ClusterEvent = { resource: 'Node', actions: new Set<ActionType>() };

function activeLess(a: QueuedPodInfo, b: QueuedPodInfo): boolean {
  // PrioritySort: higher priority first, then earlier timestamp.
  if (a.pi.priority !== b.pi.priority) return a.pi.priority > b.pi.priority;
  return a.timestamp < b.timestamp;
}

export class SchedulingQueue implements Nominator {
  private readonly clock: Clock;
  private readonly initialBackoff: number;
  private readonly maxBackoff: number;
  private readonly maxUnschedulable: number;
  private readonly flushInterval: number;
  private readonly preEnqueue: (pi: PodInfo) => Status;
  private readonly hints: ReadonlyMap<string, readonly ClusterEventWithHint[]>;

  private readonly activeQ = new KeyedHeap<QueuedPodInfo>((q) => q.pi.key, activeLess);
  private readonly backoffQ = new KeyedHeap<QueuedPodInfo>((q) => q.pi.key, (a, b) => this.backoffExpiry(a) < this.backoffExpiry(b));
  private readonly unschedulable = new Map<string, QueuedPodInfo>();
  /** Pods popped and being scheduled (so updates are not lost). */
  private readonly inFlight = new Map<string, QueuedPodInfo>();

  private readonly nominated = new Map<string, PodInfo[]>();
  private readonly nominatedNodeOf = new Map<string, string>();

  private waiters: (() => void)[] = [];
  private cancelBackoffTimer: (() => void) | undefined;
  private backoffTimerAt = Infinity;
  private cancelFlushTimer: (() => void) | undefined;
  private closed = false;
  private seq = 0;

  constructor(opts: SchedulingQueueOptions = {}) {
    this.clock = opts.clock ?? realClock;
    this.initialBackoff = opts.podInitialBackoffMs ?? 1000;
    this.maxBackoff = opts.podMaxBackoffMs ?? 10_000;
    this.maxUnschedulable = opts.podMaxInUnschedulablePodsDurationMs ?? 5 * 60_000;
    this.flushInterval = opts.unschedulableFlushIntervalMs ?? 30_000;
    this.preEnqueue = opts.preEnqueue ?? (() => SUCCESS);
    this.hints = opts.hints ?? new Map();
  }

  /** Starts the leftover flush timer. */
  run(): void {
    if (this.cancelFlushTimer || this.closed) return;
    const tick = (): void => {
      this.flushUnschedulableLeftover();
      this.cancelFlushTimer = this.clock.setTimeout(tick, this.flushInterval);
    };
    this.cancelFlushTimer = this.clock.setTimeout(tick, this.flushInterval);
  }

  close(): void {
    this.closed = true;
    this.cancelFlushTimer?.();
    this.cancelBackoffTimer?.();
    this.cancelFlushTimer = undefined;
    this.cancelBackoffTimer = undefined;
    this.wake();
  }

  get isClosed(): boolean { return this.closed; }

  /** Pods in each queue. */
  counts(): { active: number; backoff: number; unschedulable: number; inFlight: number } {
    return { active: this.activeQ.size, backoff: this.backoffQ.size, unschedulable: this.unschedulable.size, inFlight: this.inFlight.size };
  }

  has(key: string): boolean {
    return this.activeQ.has(key) || this.backoffQ.has(key) || this.unschedulable.has(key) || this.inFlight.has(key);
  }

  /** The queued entry for a pod, wherever it waits. */
  get(key: string): QueuedPodInfo | undefined {
    return this.activeQ.get(key) ?? this.backoffQ.get(key) ?? this.unschedulable.get(key) ?? this.inFlight.get(key);
  }

  private now(): number {
    // Strictly increasing, so FIFO order holds within one clock tick.
    return this.clock.now() + (this.seq++ % 1000) / 1000;
  }

  // ---- adding ----

  /** A new pending pod. */
  add(pi: PodInfo): void {
    if (this.closed) return;
    const q: QueuedPodInfo = { pi, timestamp: this.now(), attempts: 0, unschedulablePlugins: new Set(), gated: false };
    this.addNominatedFromStatus(pi);
    this.moveToActiveOrGate(q);
  }

  /** PreEnqueue, then activeQ; a held-back pod waits in unschedulablePods. */
  private moveToActiveOrGate(q: QueuedPodInfo): boolean {
    const s = this.preEnqueue(q.pi);
    if (!s.isSuccess()) {
      q.gated = true;
      q.unschedulablePlugins = new Set(s.plugin ? [s.plugin] : []);
      this.unschedulable.set(q.pi.key, q);
      return false;
    }
    q.gated = false;
    this.unschedulable.delete(q.pi.key);
    this.backoffQ.delete(q.pi.key);
    this.activeQ.push(q);
    this.wake();
    return true;
  }

  /** Back-off for the n-th attempt: initial, doubling, capped. */
  backoffDuration(attempts: number): number {
    let d = this.initialBackoff;
    for (let i = 1; i < attempts; i++) {
      if (d > this.maxBackoff - d) return this.maxBackoff;
      d += d;
    }
    return d;
  }

  private backoffExpiry(q: QueuedPodInfo): number {
    return q.timestamp + this.backoffDuration(q.attempts);
  }

  private isBackingOff(q: QueuedPodInfo): boolean {
    return this.backoffExpiry(q) > this.clock.now();
  }

  private toBackoff(q: QueuedPodInfo): void {
    this.unschedulable.delete(q.pi.key);
    this.backoffQ.push(q);
    this.armBackoffTimer();
  }

  /** A waiting pod goes back: a gated one through PreEnqueue again, another to backoffQ while its back-off lasts. */
  private moveToActiveOrBackoff(q: QueuedPodInfo): void {
    if (!q.gated && this.isBackingOff(q)) this.toBackoff(q);
    else this.moveToActiveOrGate(q);
  }

  /**
   * After a failed attempt: back to unschedulablePods when rejected, to backoffQ on an error
   * (or when an event that may help arrived meanwhile).
   */
  addUnschedulableIfNotPresent(q: QueuedPodInfo, rejected: boolean): void {
    const key = q.pi.key;
    this.inFlight.delete(key);
    if (this.closed || this.has(key)) return;
    q.timestamp = this.now();
    this.addNominatedFromStatus(q.pi);
    if (!rejected || q.unschedulablePlugins.size === 0) {
      this.toBackoff(q);
      return;
    }
    this.unschedulable.set(key, q);
  }

  // ---- taking ----

  /** The next pod to schedule, or undefined when the active queue is empty. */
  pop(): QueuedPodInfo | undefined {
    const q = this.activeQ.pop();
    if (!q) return undefined;
    q.attempts++;
    q.initialAttemptTimestamp ??= this.clock.now();
    this.inFlight.set(q.pi.key, q);
    return q;
  }

  /** The scheduling cycle for the pod has finished (successfully or not). */
  done(key: string): void {
    this.inFlight.delete(key);
  }

  /** Resolves when the active queue has a pod, the queue closes, or `signal` aborts. */
  waitForPods(signal?: AbortSignal): Promise<void> {
    if (this.activeQ.size > 0 || this.closed || signal?.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const done = (): void => { signal?.removeEventListener('abort', done); resolve(); };
      this.waiters.push(done);
      signal?.addEventListener('abort', done, { once: true });
    });
  }

  private wake(): void {
    const ws = this.waiters;
    this.waiters = [];
    for (const w of ws) w();
  }

  // ---- updates from the informer ----

  /** The pending pod changed. */
  update(oldPod: Pod | undefined, pi: PodInfo): void {
    const key = pi.key;
    this.updateNominatedFromStatus(oldPod, pi);
    const fly = this.inFlight.get(key);
    if (fly) { fly.pi = pi; return; }
    const inActive = this.activeQ.get(key);
    if (inActive) { inActive.pi = pi; this.activeQ.push(inActive); return; }
    const inBackoff = this.backoffQ.get(key);
    if (inBackoff) { inBackoff.pi = pi; this.backoffQ.push(inBackoff); return; }
    const waiting = this.unschedulable.get(key);
    if (waiting) {
      waiting.pi = pi;
      if (oldPod && !podUpdatedForScheduling(oldPod, pi.pod)) return;
      this.moveToActiveOrBackoff(waiting);
      return;
    }
    this.add(pi);
  }

  delete(key: string): void {
    this.activeQ.delete(key);
    this.backoffQ.delete(key);
    this.unschedulable.delete(key);
    this.inFlight.delete(key);
    this.deleteNominatedPodIfExists(key);
  }

  /** Moves the pods with these keys to the active queue (or backoff), whatever their hints. */
  activate(keys: Iterable<string>): void {
    for (const k of keys) {
      const q = this.unschedulable.get(k) ?? this.backoffQ.get(k);
      if (!q) continue;
      this.backoffQ.delete(k);
      this.moveToActiveOrGate(q);
    }
  }

  // ---- cluster events ----

  /** MoveAllToActiveOrBackoffQueue: retries waiting pods for which the event may help. */
  moveAllToActiveOrBackoffQueue(event: ClusterEvent, filter?: (pi: PodInfo) => boolean): void {
    if (this.unschedulable.size === 0) return;
    for (const q of [...this.unschedulable.values()]) {
      if (filter && !filter(q.pi)) continue;
      if (event !== FORCE && !this.mayHelp(q, event)) continue;
      this.moveToActiveOrBackoff(q);
    }
  }

  private mayHelp(q: QueuedPodInfo, event: ClusterEvent): boolean {
    if (q.unschedulablePlugins.size === 0) return true;
    for (const plugin of q.unschedulablePlugins) {
      for (const reg of this.hints.get(plugin) ?? []) {
        if (!matchesEvent(reg.resource, reg.actions, event)) continue;
        let hint: 'Queue' | 'Skip' = 'Queue';
        try { if (reg.hint) hint = reg.hint(q.pi, event); } catch { hint = 'Queue'; }
        if (hint === 'Queue') return true;
      }
    }
    return false;
  }

  private flushUnschedulableLeftover(): void {
    const now = this.clock.now();
    for (const q of [...this.unschedulable.values()]) {
      if (now - q.timestamp > this.maxUnschedulable) this.moveToActiveOrBackoff(q);
    }
  }

  private armBackoffTimer(): void {
    const next = this.backoffQ.peek();
    if (!next || this.closed) return;
    const at = this.backoffExpiry(next);
    if (at >= this.backoffTimerAt) return;
    this.cancelBackoffTimer?.();
    this.backoffTimerAt = at;
    this.cancelBackoffTimer = this.clock.setTimeout(() => {
      this.cancelBackoffTimer = undefined;
      this.backoffTimerAt = Infinity;
      this.flushBackoffCompleted();
    }, Math.max(0, Math.ceil(at - this.clock.now())));
  }

  private flushBackoffCompleted(): void {
    for (;;) {
      const q = this.backoffQ.peek();
      if (!q || this.isBackingOff(q)) break;
      this.backoffQ.pop();
      this.moveToActiveOrGate(q);
    }
    this.armBackoffTimer();
  }

  // ---- nominator ----

  nominatedPodsForNode(nodeName: string): readonly PodInfo[] {
    return this.nominated.get(nodeName) ?? [];
  }

  /** Records (or with '' clears) the node a pod is nominated to. */
  addNominatedPod(pi: PodInfo, nodeName: string): void {
    this.deleteNominatedPodIfExists(pi.key);
    if (!nodeName) return;
    this.nominatedNodeOf.set(pi.key, nodeName);
    const list = this.nominated.get(nodeName) ?? [];
    list.push(pi);
    this.nominated.set(nodeName, list);
  }

  deleteNominatedPodIfExists(key: string): void {
    const node = this.nominatedNodeOf.get(key);
    if (node === undefined) return;
    this.nominatedNodeOf.delete(key);
    const list = (this.nominated.get(node) ?? []).filter((p) => p.key !== key);
    if (list.length) this.nominated.set(node, list); else this.nominated.delete(node);
  }

  nominatedNodeFor(key: string): string | undefined {
    return this.nominatedNodeOf.get(key);
  }

  private addNominatedFromStatus(pi: PodInfo): void {
    const n = pi.pod.status?.nominatedNodeName;
    if (n && !this.nominatedNodeOf.has(pi.key)) this.addNominatedPod(pi, n);
  }

  private updateNominatedFromStatus(oldPod: Pod | undefined, pi: PodInfo): void {
    const was = oldPod?.status?.nominatedNodeName ?? '';
    const now = pi.pod.status?.nominatedNodeName ?? '';
    if (was !== now && now) this.addNominatedPod(pi, now);
    else if (this.nominatedNodeOf.has(pi.key)) this.addNominatedPod(pi, this.nominatedNodeOf.get(pi.key)!);
  }
}

function matchesEvent(resource: EventResource, actions: readonly ActionType[], ev: ClusterEvent): boolean {
  if (resource !== ev.resource) return false;
  for (const a of actions) if (ev.actions.has(a)) return true;
  return false;
}

/** isPodUpdated: anything but status and bookkeeping metadata changed. */
export function podUpdatedForScheduling(oldPod: Pod, newPod: Pod): boolean {
  const strip = (p: Pod): unknown => {
    const { resourceVersion: _rv, generation: _g, managedFields: _m, ...meta } = p.metadata;
    return { meta, spec: p.spec };
  };
  return JSON.stringify(strip(oldPod)) !== JSON.stringify(strip(newPod));
}
