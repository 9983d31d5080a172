// Counts of matching pods per topology pair (key, value), as the InterPodAffinity plugin keeps
// them: computed once per cycle from label indexes, then read per node without allocating.

import type { Labels } from '../../../machinery/labels.js';
import { podMatchesAllTerms, type AffinityTerm } from '../../framework/affinity-term.js';
import type { PodInfo } from '../../framework/pod-info.js';
import type { Pod } from '../../api-types.js';

/** topology key → value → count; pairs whose count drops to 0 are removed. */
export class TopologyCounts {
  private readonly byKey = new Map<string, Map<string, number>>();
  private pairs = 0;

  /** Pairs with a non-zero count. */
  get size(): number { return this.pairs; }

  get(key: string, value: string): number {
    return this.byKey.get(key)?.get(value) ?? 0;
  }

  bump(key: string, value: string, by: number): void {
    let m = this.byKey.get(key);
    if (!m) { m = new Map(); this.byKey.set(key, m); }
    const had = m.get(value);
    const n = (had ?? 0) + by;
    if (n === 0) {
      if (had !== undefined) { m.delete(value); this.pairs--; }
      if (m.size === 0) this.byKey.delete(key);
    } else {
      if (had === undefined) this.pairs++;
      m.set(value, n);
    }
  }

  /** Topology keys with at least one pair, and their values. */
  entries(): IterableIterator<[string, Map<string, number>]> {
    return this.byKey.entries();
  }

  clone(): TopologyCounts {
    const c = new TopologyCounts();
    for (const [k, m] of this.byKey) c.byKey.set(k, new Map(m));
    c.pairs = this.pairs;
    return c;
  }
}

/** For each term that `pod` falls under, count it at the term's topology value of `nodeLabels`. */
export function addAntiAffinityTerms(m: TopologyCounts, terms: readonly AffinityTerm[], pod: Pod, nsLabels: Labels | undefined, nodeLabels: Labels, by: number): void {
  for (const t of terms) {
    if (!t.matches(pod, nsLabels)) continue;
    const v = nodeLabels[t.topologyKey];
    if (v !== undefined) m.bump(t.topologyKey, v, by);
  }
}

/** If `pod` falls under every term, count it at each term's topology value of `nodeLabels`. */
export function addAffinityTerms(m: TopologyCounts, terms: readonly AffinityTerm[], pod: Pod, nsLabels: Labels | undefined, nodeLabels: Labels, by: number): void {
  if (!podMatchesAllTerms(terms, pod, nsLabels)) return;
  for (const t of terms) {
    const v = nodeLabels[t.topologyKey];
    if (v !== undefined) m.bump(t.topologyKey, v, by);
  }
}

/** Does the node hold every topology key of `terms`, with a positive count for each (satisfyPodAffinity)? */
export function satisfiesAffinity(counts: TopologyCounts, terms: readonly AffinityTerm[], nodeLabels: Labels, self: PodInfo, nsLabels: Labels | undefined): boolean {
  let podsExist = true;
  for (const t of terms) {
    const v = nodeLabels[t.topologyKey];
    if (v === undefined) return false;
    if (counts.get(t.topologyKey, v) <= 0) podsExist = false;
  }
  if (podsExist) return true;
  // The first pod of a group with affinity to itself: allowed when no pod matches yet and the pod
  // matches its own terms.
  return counts.size === 0 && podMatchesAllTerms(terms, self.pod, nsLabels);
}

/** No pod matching the pod's anti-affinity terms in the node's topology (satisfyPodAntiAffinity). */
export function satisfiesAntiAffinity(counts: TopologyCounts, terms: readonly AffinityTerm[], nodeLabels: Labels): boolean {
  if (counts.size === 0) return true;
  for (const t of terms) {
    const v = nodeLabels[t.topologyKey];
    if (v !== undefined && counts.get(t.topologyKey, v) > 0) return false;
  }
  return true;
}

/** No existing pod's anti-affinity term covers any of the node's topology pairs. */
export function satisfiesExistingAntiAffinity(counts: TopologyCounts, nodeLabels: Labels): boolean {
  if (counts.size === 0) return true;
  for (const [key, values] of counts.entries()) {
    const v = nodeLabels[key];
    if (v !== undefined && (values.get(v) ?? 0) > 0) return false;
  }
  return true;
}
