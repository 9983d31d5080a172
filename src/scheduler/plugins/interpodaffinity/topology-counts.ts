// Counts of matching pods per topology pair (`key\0value`), as the InterPodAffinity plugin keeps
// them: computed once per cycle from label indexes, then read per node.

import type { Labels } from '../../../machinery/labels.js';
import { labelPair, podMatchesAllTerms, type AffinityTerm } from '../../framework/affinity-term.js';
import type { PodInfo } from '../../framework/pod-info.js';
import type { Pod } from '../../api-types.js';

export type TopologyCounts = Map<string, number>;

export function bump(m: TopologyCounts, pair: string, by: number): void {
  const n = (m.get(pair) ?? 0) + by;
  if (n === 0) m.delete(pair); else m.set(pair, n);
}

/** For each term that `pod` falls under, count it at the term's topology value of `nodeLabels`. */
export function addAntiAffinityTerms(m: TopologyCounts, terms: readonly AffinityTerm[], pod: Pod, nsLabels: Labels | undefined, nodeLabels: Labels, by: number): void {
  for (const t of terms) {
    if (!t.matches(pod, nsLabels)) continue;
    const v = nodeLabels[t.topologyKey];
    if (v !== undefined) bump(m, labelPair(t.topologyKey, v), by);
  }
}

/** If `pod` falls under every term, count it at each term's topology value of `nodeLabels`. */
export function addAffinityTerms(m: TopologyCounts, terms: readonly AffinityTerm[], pod: Pod, nsLabels: Labels | undefined, nodeLabels: Labels, by: number): void {
  if (!podMatchesAllTerms(terms, pod, nsLabels)) return;
  for (const t of terms) {
    const v = nodeLabels[t.topologyKey];
    if (v !== undefined) bump(m, labelPair(t.topologyKey, v), by);
  }
}

/** Does the node hold every topology key of `terms`, with a positive count for each (satisfyPodAffinity)? */
export function satisfiesAffinity(counts: TopologyCounts, terms: readonly AffinityTerm[], nodeLabels: Labels, self: PodInfo, nsLabels: Labels | undefined): boolean {
  let podsExist = true;
  for (const t of terms) {
    const v = nodeLabels[t.topologyKey];
    if (v === undefined) return false;
    if ((counts.get(labelPair(t.topologyKey, v)) ?? 0) <= 0) podsExist = false;
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
    if (v !== undefined && (counts.get(labelPair(t.topologyKey, v)) ?? 0) > 0) return false;
  }
  return true;
}

/** No existing pod's anti-affinity term covers any of the node's topology pairs. */
export function satisfiesExistingAntiAffinity(counts: TopologyCounts, nodeLabels: Labels): boolean {
  if (counts.size === 0) return true;
  for (const k of Object.keys(nodeLabels)) {
    if ((counts.get(labelPair(k, nodeLabels[k]!)) ?? 0) > 0) return false;
  }
  return true;
}
