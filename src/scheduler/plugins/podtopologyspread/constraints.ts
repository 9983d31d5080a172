// Topology spread constraints as the PodTopologySpread plugin uses them: parsed selectors (with
// matchLabelKeys), node inclusion policies, and the system default constraints.

import { labelSelectorFromMeta, type LabelSelector, type Labels } from '../../../machinery/labels.js';
import { LABEL_HOSTNAME, LABEL_ZONE, type Pod, type TopologySpreadConstraint } from '../../api-types.js';
import type { NodeInfo } from '../../framework/node-info.js';
import type { PodInfo } from '../../framework/pod-info.js';
import type { RequiredNodeAffinity } from '../nodeaffinity/node-selector.js';
import { findUntoleratedTaint, isDoNotScheduleTaint } from '../tainttoleration/tolerations.js';

export interface Constraint {
  maxSkew: number;
  topologyKey: string;
  selector: LabelSelector;
  /** At least 1. */
  minDomains: number;
  /** Count only nodes matching the pod's node affinity/selector (default true). */
  honorNodeAffinity: boolean;
  /** Count only nodes whose taints the pod tolerates (default false). */
  honorNodeTaints: boolean;
}

/** The system default constraints (hostname maxSkew 3, zone maxSkew 5, ScheduleAnyway). */
export const SYSTEM_DEFAULT_CONSTRAINTS: readonly TopologySpreadConstraint[] = [
  { topologyKey: LABEL_HOSTNAME, whenUnsatisfiable: 'ScheduleAnyway', maxSkew: 3 },
  { topologyKey: LABEL_ZONE, whenUnsatisfiable: 'ScheduleAnyway', maxSkew: 5 },
];

/** Parses the constraints of `pod` with `whenUnsatisfiable === action`; throws on a bad selector. */
export function filterConstraints(pod: Pod, constraints: readonly TopologySpreadConstraint[], action: string): Constraint[] {
  const out: Constraint[] = [];
  const labels = pod.metadata.labels ?? {};
  for (const c of constraints) {
    if (c.whenUnsatisfiable !== action) continue;
    let selector = labelSelectorFromMeta(c.labelSelector);
    const extra = [];
    for (const k of c.matchLabelKeys ?? []) {
      const v = labels[k];
      if (v !== undefined) extra.push({ key: k, operator: 'in' as const, values: [v] });
    }
    if (extra.length) {
      const have = new Set(selector.requirements.map((r) => `${r.key}|${r.operator}|${r.values.join(',')}`));
      const missing = extra.filter((r) => !have.has(`${r.key}|in|${r.values[0]}`));
      if (missing.length) selector = selector.add(...missing);
    }
    out.push(toConstraint(c, selector));
  }
  return out;
}

export function toConstraint(c: TopologySpreadConstraint, selector: LabelSelector): Constraint {
  return {
    maxSkew: c.maxSkew,
    topologyKey: c.topologyKey,
    selector,
    minDomains: c.minDomains && c.minDomains > 0 ? c.minDomains : 1,
    honorNodeAffinity: (c.nodeAffinityPolicy ?? 'Honor') === 'Honor',
    honorNodeTaints: (c.nodeTaintsPolicy ?? 'Ignore') === 'Honor',
  };
}

/** Does the node carry every constraint's topology key? */
export function nodeHasAllKeys(labels: Labels, constraints: readonly Constraint[]): boolean {
  for (const c of constraints) if (labels[c.topologyKey] === undefined) return false;
  return true;
}

/** matchNodeInclusionPolicies. */
export function nodeIncluded(c: Constraint, pod: PodInfo, node: NodeInfo, required: RequiredNodeAffinity): boolean {
  if (c.honorNodeAffinity && !required.matches(node.labels, node.name)) return false;
  if (c.honorNodeTaints && findUntoleratedTaint(node.taints, pod.pod.spec?.tolerations, isDoNotScheduleTaint)) return false;
  return true;
}

/** Pods on the node in `namespace`, not terminating, that the selector matches. */
export function countMatching(pods: readonly PodInfo[], selector: LabelSelector, namespace: string): number {
  let n = 0;
  for (const p of pods) {
    if (p.terminating || p.namespace !== namespace) continue;
    if (selector.matches(p.pod.metadata.labels)) n++;
  }
  return n;
}
