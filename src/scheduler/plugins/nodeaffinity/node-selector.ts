// Node selector terms (component-helpers nodeaffinity): terms are ORed; within a term the label
// expressions (In, NotIn, Exists, DoesNotExist, Gt, Lt) and field expressions (metadata.name In /
// NotIn, one value) are ANDed. An empty term matches nothing; a term that does not parse matches
// nothing (upstream's lazy-error selector ignores it).

import { newRequirement, type LabelOperator, type LabelRequirement, type Labels, requirementMatches } from '../../../machinery/labels.js';
import type { NodeSelectorRequirement, NodeSelectorTerm, Pod } from '../../api-types.js';

const OPERATORS: Readonly<Record<string, LabelOperator>> = { In: 'in', NotIn: 'notin', Exists: 'exists', DoesNotExist: '!', Gt: 'gt', Lt: 'lt' };

interface FieldRequirement { key: string; equal: boolean; value: string }

interface ParsedTerm {
  labels: LabelRequirement[];
  fields: FieldRequirement[];
  /** False when the term is empty or did not parse: it matches nothing. */
  usable: boolean;
}

function parseLabelRequirement(r: NodeSelectorRequirement): LabelRequirement {
  const op = OPERATORS[r.operator];
  if (!op) throw new Error(`${JSON.stringify(r.operator)} is not a valid node selector operator`);
  return newRequirement(r.key, op, r.values ?? []);
}

function parseFieldRequirement(r: NodeSelectorRequirement): FieldRequirement {
  if (r.operator !== 'In' && r.operator !== 'NotIn') throw new Error(`unsupported field selector operator ${JSON.stringify(r.operator)}`);
  if (!r.values || r.values.length !== 1) throw new Error('field selector values must have one element');
  return { key: r.key, equal: r.operator === 'In', value: r.values[0]! };
}

export function parseTerm(t: NodeSelectorTerm): ParsedTerm {
  const exprs = t.matchExpressions ?? [];
  const fields = t.matchFields ?? [];
  if (exprs.length === 0 && fields.length === 0) return { labels: [], fields: [], usable: false };
  try {
    return { labels: exprs.map(parseLabelRequirement), fields: fields.map(parseFieldRequirement), usable: true };
  } catch {
    return { labels: [], fields: [], usable: false };
  }
}

export function termMatches(t: ParsedTerm, labels: Labels, nodeName: string): boolean {
  if (!t.usable) return false;
  for (const r of t.labels) if (!requirementMatches(r, labels)) return false;
  for (const f of t.fields) {
    const have = f.key === 'metadata.name' ? nodeName : undefined;
    if (f.equal ? have !== f.value : have === f.value) return false;
  }
  return true;
}

/** A node selector (ORed terms), parsed once. */
export class NodeSelectorMatcher {
  private readonly terms: ParsedTerm[];

  constructor(terms: readonly NodeSelectorTerm[]) {
    this.terms = terms.map(parseTerm);
  }

  matches(labels: Labels, nodeName: string): boolean {
    for (const t of this.terms) if (termMatches(t, labels, nodeName)) return true;
    return false;
  }
}

/**
 * The pod's hard node constraints (GetRequiredNodeAffinity): spec.nodeSelector (every label must
 * be present with that value) and requiredDuringSchedulingIgnoredDuringExecution.
 */
export class RequiredNodeAffinity {
  private readonly selector: Readonly<Record<string, string>> | undefined;
  private readonly affinity: NodeSelectorMatcher | undefined;

  constructor(pod: Pod) {
    const sel = pod.spec?.nodeSelector;
    this.selector = sel && Object.keys(sel).length > 0 ? sel : undefined;
    const req = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
    this.affinity = req ? new NodeSelectorMatcher(req.nodeSelectorTerms ?? []) : undefined;
  }

  /** True when the pod has no hard node constraint. */
  get isEmpty(): boolean { return !this.selector && !this.affinity; }

  matches(labels: Labels, nodeName: string): boolean {
    if (this.selector) {
      for (const k of Object.keys(this.selector)) if (labels[k] !== this.selector[k]) return false;
    }
    return this.affinity ? this.affinity.matches(labels, nodeName) : true;
  }
}

/** Preferred terms with their weights, parsed once (terms with weight 0 are dropped). */
export class PreferredNodeAffinity {
  private readonly terms: { weight: number; term: ParsedTerm }[];

  constructor(pod: Pod) {
    const prefs = pod.spec?.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? [];
    this.terms = prefs.filter((p) => p.weight !== 0).map((p) => ({ weight: p.weight, term: parseTerm(p.preference) }));
  }

  get isEmpty(): boolean { return this.terms.length === 0; }

  /** Sum of the weights of the terms the node matches. */
  score(labels: Labels, nodeName: string): number {
    let s = 0;
    for (const t of this.terms) if (termMatches(t.term, labels, nodeName)) s += t.weight;
    return s;
  }
}
