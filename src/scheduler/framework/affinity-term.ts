// A parsed pod (anti-)affinity term (framework.AffinityTerm): the namespaces it applies to, its
// label selector, namespace selector and topology key, plus how to find candidate pods through a
// label index instead of testing every pod.

import { labelSelectorFromMeta, type LabelSelector, type Labels } from '../../machinery/labels.js';
import type { Pod, PodAffinityTerm, WeightedPodAffinityTerm } from '../api-types.js';

/** Where to look up pods (or terms) a selector can match. */
export type SelectorIndex =
  /** Only pods carrying one of these `key\0value` labels can match. */
  | { kind: 'pairs'; pairs: readonly string[] }
  /** Only pods carrying this label key can match. */
  | { kind: 'key'; key: string }
  /** Any pod may match. */
  | { kind: 'all' }
  /** No pod matches. */
  | { kind: 'none' };

export function labelPair(key: string, value: string): string {
  return `${key}\0${value}`;
}

/** The narrowest index lookup that finds every pod `selector` can match. */
export function selectorIndex(selector: LabelSelector): SelectorIndex {
  if (selector.matchesNothing) return { kind: 'none' };
  let keyOnly: string | undefined;
  for (const r of selector.requirements) {
    if (r.operator === '=' || r.operator === '==' || r.operator === 'in') {
      return { kind: 'pairs', pairs: r.values.map((v) => labelPair(r.key, v)) };
    }
    if ((r.operator === 'exists' || r.operator === 'gt' || r.operator === 'lt') && keyOnly === undefined) keyOnly = r.key;
  }
  return keyOnly !== undefined ? { kind: 'key', key: keyOnly } : { kind: 'all' };
}

export class AffinityTerm {
  private cachedKey: string | undefined;
  readonly index: SelectorIndex;

  constructor(
    readonly namespaces: ReadonlySet<string>,
    readonly selector: LabelSelector,
    readonly topologyKey: string,
    /** Matches nothing when the term has none. */
    readonly namespaceSelector: LabelSelector,
  ) {
    this.index = selectorIndex(selector);
  }

  /** Does `pod` (whose namespace carries `nsLabels`) fall under this term? */
  matches(pod: Pod, nsLabels: Labels | undefined): boolean {
    const ns = pod.metadata.namespace ?? '';
    if (this.namespaces.has(ns) || (!this.namespaceSelector.matchesNothing && this.namespaceSelector.matches(nsLabels ?? {}))) {
      return this.selector.matches(pod.metadata.labels);
    }
    return false;
  }

  /** Identifies equal terms (same namespaces, selectors and topology key). */
  get key(): string {
    if (this.cachedKey === undefined) {
      const ns = [...this.namespaces].sort().join(',');
      const nsSel = this.namespaceSelector.matchesNothing ? '<nil>' : this.namespaceSelector.toString();
      const sel = this.selector.matchesNothing ? '<nil>' : this.selector.toString();
      this.cachedKey = `${this.topologyKey}|${ns}|${nsSel}|${sel}`;
    }
    return this.cachedKey;
  }
}

export interface WeightedAffinityTerm {
  term: AffinityTerm;
  weight: number;
}

/** Builds a term for `pod`; an empty namespace list without a namespace selector means the pod's own namespace. Throws on a bad selector. */
export function newAffinityTerm(pod: Pod, t: PodAffinityTerm): AffinityTerm {
  const selector = labelSelectorFromMeta(t.labelSelector);
  const namespaces = new Set<string>();
  if ((!t.namespaces || t.namespaces.length === 0) && t.namespaceSelector == null) namespaces.add(pod.metadata.namespace ?? '');
  else for (const n of t.namespaces ?? []) namespaces.add(n);
  const nsSelector = labelSelectorFromMeta(t.namespaceSelector);
  return new AffinityTerm(namespaces, withLabelKeys(selector, pod, t), t.topologyKey, nsSelector);
}

/** matchLabelKeys / mismatchLabelKeys: `key in (value)` / `key notin (value)` for the pod's own values. */
function withLabelKeys(selector: LabelSelector, pod: Pod, t: PodAffinityTerm): LabelSelector {
  if (selector.matchesNothing) return selector;
  const labels = pod.metadata.labels ?? {};
  const extra = [];
  for (const k of t.matchLabelKeys ?? []) if (labels[k] !== undefined) extra.push({ key: k, operator: 'in' as const, values: [labels[k]!] });
  for (const k of t.mismatchLabelKeys ?? []) if (labels[k] !== undefined) extra.push({ key: k, operator: 'notin' as const, values: [labels[k]!] });
  if (extra.length === 0) return selector;
  const have = new Set(selector.requirements.map((r) => `${r.key}|${r.operator}|${r.values.join(',')}`));
  const missing = extra.filter((r) => !have.has(`${r.key}|${r.operator}|${r.values.join(',')}`));
  return missing.length ? selector.add(...missing) : selector;
}

export function affinityTerms(pod: Pod, terms: readonly PodAffinityTerm[] | null | undefined): AffinityTerm[] {
  return (terms ?? []).map((t) => newAffinityTerm(pod, t));
}

export function weightedAffinityTerms(pod: Pod, terms: readonly WeightedPodAffinityTerm[] | null | undefined): WeightedAffinityTerm[] {
  return (terms ?? []).map((t) => ({ term: newAffinityTerm(pod, t.podAffinityTerm), weight: t.weight }));
}

/** True iff `pod` matches every term (and there is at least one). */
export function podMatchesAllTerms(terms: readonly AffinityTerm[], pod: Pod, nsLabels: Labels | undefined): boolean {
  if (terms.length === 0) return false;
  for (const t of terms) if (!t.matches(pod, nsLabels)) return false;
  return true;
}
