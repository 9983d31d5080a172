// Pods on nodes (assigned or assumed), indexed by label, so that plugins find the pods a selector
// can match without testing every pod in the cluster.

import { labelPair, type SelectorIndex } from './affinity-term.js';
import type { PodInfo } from './pod-info.js';

const EMPTY: ReadonlySet<PodInfo> = new Set();

export class PodIndex {
  private readonly byPair = new Map<string, Set<PodInfo>>();
  private readonly byKey = new Map<string, Set<PodInfo>>();
  private readonly everyPod = new Set<PodInfo>();

  get size(): number { return this.everyPod.size; }

  all(): ReadonlySet<PodInfo> { return this.everyPod; }

  add(pi: PodInfo): void {
    this.everyPod.add(pi);
    const labels = pi.pod.metadata.labels;
    if (!labels) return;
    for (const k of Object.keys(labels)) {
      addTo(this.byPair, labelPair(k, labels[k]!), pi);
      addTo(this.byKey, k, pi);
    }
  }

  remove(pi: PodInfo): void {
    if (!this.everyPod.delete(pi)) return;
    const labels = pi.pod.metadata.labels;
    if (!labels) return;
    for (const k of Object.keys(labels)) {
      removeFrom(this.byPair, labelPair(k, labels[k]!), pi);
      removeFrom(this.byKey, k, pi);
    }
  }

  /** Every pod the selector behind `index` could match (a superset: still test each). */
  *candidates(index: SelectorIndex): Iterable<PodInfo> {
    switch (index.kind) {
      case 'none': return;
      case 'all': yield* this.everyPod; return;
      case 'key': yield* this.byKey.get(index.key) ?? EMPTY; return;
      case 'pairs':
        for (const p of index.pairs) yield* this.byPair.get(p) ?? EMPTY;
    }
  }
}

function addTo<K, V>(m: Map<K, Set<V>>, k: K, v: V): void {
  let s = m.get(k);
  if (!s) { s = new Set(); m.set(k, s); }
  s.add(v);
}

function removeFrom<K, V>(m: Map<K, Set<V>>, k: K, v: V): void {
  const s = m.get(k);
  if (!s) return;
  s.delete(v);
  if (s.size === 0) m.delete(k);
}
