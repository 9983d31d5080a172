// The scheduler's view of where pods run (internal/cache): NodeInfos built from the node and pod
// informers plus pods the scheduler has assumed onto nodes while their binding is in flight. Every
// change updates the snapshot in place (NodeInfo totals, label and term indexes, node order).

import type { Node, Pod } from './api-types.js';
import { NodeInfo } from './framework/node-info.js';
import { PodInfo, podKey } from './framework/pod-info.js';
import { Snapshot, zoneKey } from './framework/snapshot.js';

interface PodState {
  pi: PodInfo;
  /** Placed by the scheduler, not yet seen bound by the informer. */
  assumed: boolean;
}

function sameLabels(a: Readonly<Record<string, string>> | undefined, b: Readonly<Record<string, string>> | undefined): boolean {
  if (a === b) return true;
  const ka = Object.keys(a ?? {});
  const kb = Object.keys(b ?? {});
  if (ka.length !== kb.length) return false;
  for (const k of ka) if (a![k] !== b?.[k]) return false;
  return true;
}

/** JSON of a spec with its top-level fields in key order (an assumed copy adds nodeName last). */
function specText(spec: Pod['spec']): string {
  if (!spec) return '';
  const o = spec as Record<string, unknown>;
  return Object.keys(o).sort().map((k) => `${k}:${JSON.stringify(o[k])}`).join(',');
}

/** Can the derived data of `old` be reused for `pod`? (only status or bookkeeping changed) */
function sameSchedulingData(old: Pod, pod: Pod): boolean {
  return old.metadata.deletionTimestamp === pod.metadata.deletionTimestamp
    && old.metadata.namespace === pod.metadata.namespace
    && sameLabels(old.metadata.labels, pod.metadata.labels)
    && specText(old.spec) === specText(pod.spec);
}

export class Cache {
  readonly snapshot = new Snapshot();
  private readonly podStates = new Map<string, PodState>();

  /** `newPodInfo` resolves derived data (priority from PriorityClasses, say). */
  constructor(private readonly newPodInfo: (pod: Pod) => PodInfo = (pod) => new PodInfo(pod)) {}

  get nodeCount(): number { return this.snapshot.numNodes; }

  /** Pods placed on nodes (bound or assumed). */
  get podCount(): number { return this.podStates.size; }

  getPod(key: string): PodInfo | undefined { return this.podStates.get(key)?.pi; }

  isAssumed(key: string): boolean { return this.podStates.get(key)?.assumed ?? false; }

  private nodeInfo(name: string): NodeInfo {
    let ni = this.snapshot.nodeInfos.get(name);
    if (!ni) { ni = new NodeInfo(name); this.snapshot.nodeInfos.set(name, ni); }
    return ni;
  }

  // ---- nodes ----

  addNode(node: Node): void {
    const name = node.metadata.name ?? '';
    const ni = this.nodeInfo(name);
    const zoneChanged = !ni.node || zoneKey(ni.node) !== zoneKey(node);
    ni.setNode(node);
    if (zoneChanged) this.snapshot.nodeAdded(node);
  }

  updateNode(node: Node): void {
    this.addNode(node);
  }

  removeNode(name: string): void {
    const ni = this.snapshot.nodeInfos.get(name);
    if (!ni) return;
    if (ni.pods.length > 0) ni.removeNode();
    else this.snapshot.nodeInfos.delete(name);
    this.snapshot.nodeRemoved(name);
  }

  // ---- pods ----

  private place(pi: PodInfo, assumed: boolean): void {
    const ni = this.nodeInfo(pi.nodeName);
    ni.addPod(pi);
    this.snapshot.podAdded(pi, ni);
    this.podStates.set(pi.key, { pi, assumed });
  }

  private unplace(st: PodState): void {
    const ni = this.snapshot.nodeInfos.get(st.pi.nodeName);
    if (ni) {
      const removed = ni.removePod(st.pi.key);
      if (removed) this.snapshot.podRemoved(removed, ni);
      if (!ni.node && ni.pods.length === 0) this.snapshot.nodeInfos.delete(ni.name);
    }
    this.podStates.delete(st.pi.key);
  }

  /** Places a pod the scheduler chose a node for (pi.pod.spec.nodeName set) before it is bound. */
  assumePod(pi: PodInfo): void {
    const cur = this.podStates.get(pi.key);
    if (cur) throw new Error(`pod ${pi.key} is in the cache, so can't be assumed`);
    this.place(pi, true);
  }

  /** Undoes assumePod (the binding failed). */
  forgetPod(key: string): PodInfo | undefined {
    const st = this.podStates.get(key);
    if (!st || !st.assumed) return undefined;
    this.unplace(st);
    return st.pi;
  }

  /**
   * A pod seen bound to a node (informer add, or update that set spec.nodeName). An assumed pod
   * is confirmed (possibly on another node if someone else bound it).
   */
  addPod(pod: Pod): void {
    this.updatePod(pod);
  }

  updatePod(pod: Pod): void {
    const key = podKey(pod);
    const st = this.podStates.get(key);
    if (!st) { this.place(this.newPodInfo(pod), false); return; }
    // When only status or bookkeeping changed, keep the derived data.
    const reuse = st.pi.nodeName === (pod.spec?.nodeName ?? '') && sameSchedulingData(st.pi.pod, pod);
    this.unplace(st);
    this.place(reuse ? st.pi.withPod(pod) : this.newPodInfo(pod), false);
  }

  removePod(pod: Pod): void {
    const st = this.podStates.get(podKey(pod));
    if (st) this.unplace(st);
  }

  /** Every placed pod with derived data (for diagnostics and tests). */
  pods(): PodInfo[] { return [...this.podStates.values()].map((s) => s.pi); }
}
