// PodTopologySpread: Filter enforces DoNotSchedule constraints (matching pods in the node's
// domain + 1 - global minimum <= maxSkew, the minimum taken as 0 below minDomains domains); Score
// prefers nodes in domains with fewer matching pods for ScheduleAnyway constraints, or the system
// default constraints for pods owned by a service / ReplicaSet / StatefulSet.
//
// Matching pods are found through the snapshot's label index, so a cycle counts the pods the
// selector can match, not every pod on every node.

import { errorMessage } from '../../../machinery/errors.js';
import type { LabelSelector } from '../../../machinery/labels.js';
import { LABEL_HOSTNAME, type Node, type Pod, type TopologySpreadConstraint } from '../../api-types.js';
import { selectorIndex } from '../../framework/affinity-term.js';
import { StateKey, type Cloneable, type CycleState } from '../../framework/cycle-state.js';
import {
  MAX_NODE_SCORE, type ClusterEventWithHint, type EnqueueExtensions, type FilterPlugin, type PreFilterExtensions, type PreFilterPlugin,
  type PreScorePlugin, type ScorePlugin,
} from '../../framework/interfaces.js';
import type { NodeInfo } from '../../framework/node-info.js';
import type { PodInfo } from '../../framework/pod-info.js';
import type { Snapshot } from '../../framework/snapshot.js';
import { SKIP, SUCCESS, Status } from '../../framework/status.js';
import { RequiredNodeAffinity } from '../nodeaffinity/node-selector.js';
import {
  SYSTEM_DEFAULT_CONSTRAINTS, countMatching, filterConstraints, nodeHasAllKeys, nodeIncluded, toConstraint, type Constraint,
} from './constraints.js';

export const NAME = 'PodTopologySpread';
export const ERR_REASON_CONSTRAINTS_NOT_MATCH = "node(s) didn't match pod topology spread constraints";
export const ERR_REASON_NODE_LABEL_NOT_MATCH = `${ERR_REASON_CONSTRAINTS_NOT_MATCH} (missing required label)`;

const REJECT_SKEW = new Status('Unschedulable', [ERR_REASON_CONSTRAINTS_NOT_MATCH], NAME);
const REJECT_LABEL = new Status('UnschedulableAndUnresolvable', [ERR_REASON_NODE_LABEL_NOT_MATCH], NAME);

export class PreFilterState implements Cloneable<PreFilterState> {
  private mins: (number | undefined)[];

  constructor(
    readonly constraints: readonly Constraint[],
    /** Per constraint: topology value → matching pods, for every eligible domain. */
    readonly matchNum: Map<string, number>[],
    readonly required: RequiredNodeAffinity,
  ) {
    this.mins = constraints.map(() => undefined);
  }

  /** The global minimum for constraint i (0 when fewer domains than minDomains). */
  minMatchNum(i: number): number {
    const c = this.constraints[i]!;
    const m = this.matchNum[i]!;
    if (m.size < c.minDomains) return 0;
    let min = this.mins[i];
    if (min === undefined) {
      min = Infinity;
      for (const n of m.values()) if (n < min) min = n;
      if (min === Infinity) min = 0;
      this.mins[i] = min;
    }
    return min;
  }

  clone(): PreFilterState {
    return new PreFilterState(this.constraints, this.matchNum.map((m) => new Map(m)), this.required);
  }

  updateWithPod(other: PodInfo, self: PodInfo, node: NodeInfo, by: number): void {
    if (other.namespace !== self.namespace || !nodeHasAllKeys(node.labels, this.constraints)) return;
    this.constraints.forEach((c, i) => {
      if (!c.selector.matches(other.pod.metadata.labels)) return;
      if (!nodeIncluded(c, self, node, this.required)) return;
      const v = node.labels[c.topologyKey]!;
      const m = this.matchNum[i]!;
      m.set(v, (m.get(v) ?? 0) + by);
      this.mins[i] = undefined;
    });
  }
}

interface PreScoreState {
  constraints: Constraint[];
  ignoredNodes: Set<string>;
  /** `key\0value` → matching pods (for non-hostname constraints). */
  pairCounts: Map<string, number>;
  normalizingWeight: number[];
}

const PRE_FILTER = new StateKey<PreFilterState>(`PreFilter${NAME}`);
const PRE_SCORE = new StateKey<PreScoreState>(`PreScore${NAME}`);

export interface PodTopologySpreadOptions {
  /** Constraints for pods that have none: 'system' (default) or an explicit list ([] for none). */
  defaultConstraints?: 'system' | readonly TopologySpreadConstraint[];
  /**
   * The selector default constraints use for a pod (helper.DefaultSelector: its services'
   * selectors and its ReplicaSet/StatefulSet/ReplicationController's). Default: none, so default
   * constraints never apply.
   */
  defaultSelector?: (pod: Pod) => LabelSelector | undefined;
}

function pairKey(key: string, value: string): string {
  return `${key}\0${value}`;
}

export class PodTopologySpread implements PreFilterPlugin, FilterPlugin, PreScorePlugin, ScorePlugin, EnqueueExtensions {
  readonly name = NAME;
  private readonly defaults: readonly TopologySpreadConstraint[];
  private readonly systemDefaulted: boolean;
  private readonly defaultSelector: (pod: Pod) => LabelSelector | undefined;

  constructor(private readonly snapshot: Snapshot, opts: PodTopologySpreadOptions = {}) {
    const d = opts.defaultConstraints ?? 'system';
    this.systemDefaulted = d === 'system';
    this.defaults = d === 'system' ? SYSTEM_DEFAULT_CONSTRAINTS : d;
    this.defaultSelector = opts.defaultSelector ?? (() => undefined);
  }

  /** The pod's constraints for `action`, or the defaults (with the pod's default selector) when it has none. */
  private constraintsOf(pod: PodInfo, action: string): Constraint[] {
    const own = pod.pod.spec?.topologySpreadConstraints;
    if (own && own.length > 0) return filterConstraints(pod.pod, own, action);
    const wanted = this.defaults.filter((c) => c.whenUnsatisfiable === action);
    if (wanted.length === 0) return [];
    const sel = this.defaultSelector(pod.pod);
    if (!sel || sel.isEmpty() || sel.matchesNothing) return [];
    return wanted.map((c) => toConstraint(c, sel));
  }

  preFilter(state: CycleState, pod: PodInfo): Status {
    let constraints: Constraint[];
    try { constraints = this.constraintsOf(pod, 'DoNotSchedule'); } catch (e) {
      return new Status('Error', [`obtaining pod's hard topology spread constraints: ${errorMessage(e)}`], NAME);
    }
    if (constraints.length === 0) return SKIP;
    const required = new RequiredNodeAffinity(pod.pod);
    const matchNum = constraints.map(() => new Map<string, number>());
    const nodes = this.snapshot.list();
    // Every eligible domain, with 0 to start.
    const eligible = new Map<string, boolean[]>();
    for (const ni of nodes) {
      if (!nodeHasAllKeys(ni.labels, constraints)) continue;
      const inc = constraints.map((c) => nodeIncluded(c, pod, ni, required));
      eligible.set(ni.name, inc);
      constraints.forEach((c, i) => {
        if (!inc[i]) return;
        const v = ni.labels[c.topologyKey]!;
        if (!matchNum[i]!.has(v)) matchNum[i]!.set(v, 0);
      });
    }
    // Matching pods, through the label index.
    constraints.forEach((c, i) => {
      for (const cand of this.snapshot.pods.candidates(selectorIndex(c.selector))) {
        if (cand.terminating || cand.namespace !== pod.namespace) continue;
        const inc = eligible.get(cand.nodeName);
        if (!inc?.[i]) continue;
        if (!c.selector.matches(cand.pod.metadata.labels)) continue;
        const ni = this.snapshot.nodeInfos.get(cand.nodeName)!;
        const v = ni.labels[c.topologyKey]!;
        matchNum[i]!.set(v, (matchNum[i]!.get(v) ?? 0) + 1);
      }
    });
    state.write(PRE_FILTER, new PreFilterState(constraints, matchNum, required));
    return SUCCESS;
  }

  readonly preFilterExtensions: PreFilterExtensions = {
    addPod: (state, pod, other, node) => this.update(state, pod, other, node, 1),
    removePod: (state, pod, other, node) => this.update(state, pod, other, node, -1),
  };

  private update(state: CycleState, pod: PodInfo, other: PodInfo, node: NodeInfo, by: number): Status {
    const s = state.read(PRE_FILTER);
    if (!s) return new Status('Error', [`reading "PreFilter${NAME}" from cycleState: not found`]);
    s.updateWithPod(other, pod, node, by);
    return SUCCESS;
  }

  filter(state: CycleState, pod: PodInfo, nodeInfo: NodeInfo): Status {
    const s = state.read(PRE_FILTER);
    if (!s) return new Status('Error', [`reading "PreFilter${NAME}" from cycleState: not found`]);
    const labels = pod.pod.metadata.labels;
    for (let i = 0; i < s.constraints.length; i++) {
      const c = s.constraints[i]!;
      const v = nodeInfo.labels[c.topologyKey];
      if (v === undefined) return REJECT_LABEL;
      const self = c.selector.matches(labels) ? 1 : 0;
      const skew = (s.matchNum[i]!.get(v) ?? 0) + self - s.minMatchNum(i);
      if (skew > c.maxSkew) return REJECT_SKEW;
    }
    return SUCCESS;
  }

  preScore(state: CycleState, pod: PodInfo, filtered: readonly NodeInfo[]): Status {
    if (filtered.length === 0 || this.snapshot.numNodes === 0) return SKIP;
    let constraints: Constraint[];
    try { constraints = this.constraintsOf(pod, 'ScheduleAnyway'); } catch (e) {
      return new Status('Error', [`obtaining pod's soft topology spread constraints: ${errorMessage(e)}`], NAME);
    }
    if (constraints.length === 0) return SKIP;
    const own = pod.pod.spec?.topologySpreadConstraints;
    const requireAll = (own !== undefined && own !== null && own.length > 0) || !this.systemDefaulted;
    const s: PreScoreState = { constraints, ignoredNodes: new Set(), pairCounts: new Map(), normalizingWeight: [] };
    const topoSize = constraints.map(() => 0);
    for (const ni of filtered) {
      if (requireAll && !nodeHasAllKeys(ni.labels, constraints)) { s.ignoredNodes.add(ni.name); continue; }
      constraints.forEach((c, i) => {
        if (c.topologyKey === LABEL_HOSTNAME) return;
        const key = pairKey(c.topologyKey, ni.labels[c.topologyKey] ?? '');
        if (!s.pairCounts.has(key)) { s.pairCounts.set(key, 0); topoSize[i]!++; }
      });
    }
    s.normalizingWeight = constraints.map((c, i) => {
      const size = c.topologyKey === LABEL_HOSTNAME ? filtered.length - s.ignoredNodes.size : topoSize[i]!;
      return Math.log(size + 2);
    });
    // Count matching pods per domain over all nodes (not just the filtered ones).
    const required = new RequiredNodeAffinity(pod.pod);
    const eligibility = new Map<string, boolean[]>();
    const eligibleOn = (ni: NodeInfo): boolean[] => {
      let e = eligibility.get(ni.name);
      if (!e) {
        const all = !requireAll || nodeHasAllKeys(ni.labels, constraints);
        e = constraints.map((c) => all && nodeIncluded(c, pod, ni, required));
        eligibility.set(ni.name, e);
      }
      return e;
    };
    constraints.forEach((c, i) => {
      if (c.topologyKey === LABEL_HOSTNAME) return;
      for (const cand of this.snapshot.pods.candidates(selectorIndex(c.selector))) {
        if (cand.terminating || cand.namespace !== pod.namespace) continue;
        const ni = this.snapshot.get(cand.nodeName);
        if (!ni || !eligibleOn(ni)[i]) continue;
        const key = pairKey(c.topologyKey, ni.labels[c.topologyKey] ?? '');
        const n = s.pairCounts.get(key);
        if (n === undefined) continue;
        if (!c.selector.matches(cand.pod.metadata.labels)) continue;
        s.pairCounts.set(key, n + 1);
      }
    });
    state.write(PRE_SCORE, s);
    return SUCCESS;
  }

  score(state: CycleState, pod: PodInfo, nodeInfo: NodeInfo): number {
    const s = state.read(PRE_SCORE);
    if (!s || s.ignoredNodes.has(nodeInfo.name)) return 0;
    let score = 0;
    s.constraints.forEach((c, i) => {
      const v = nodeInfo.labels[c.topologyKey];
      if (v === undefined) return;
      const cnt = c.topologyKey === LABEL_HOSTNAME
        ? countMatching(nodeInfo.pods, c.selector, pod.namespace)
        : s.pairCounts.get(pairKey(c.topologyKey, v)) ?? 0;
      score += cnt * s.normalizingWeight[i]! + (c.maxSkew - 1);
    });
    return Math.round(score);
  }

  normalizeScore(state: CycleState, _pod: PodInfo, nodes: readonly NodeInfo[], scores: number[]): void {
    const s = state.read(PRE_SCORE);
    if (!s) return;
    let min = Infinity;
    let max = 0;
    for (let i = 0; i < scores.length; i++) {
      if (s.ignoredNodes.has(nodes[i]!.name)) continue;
      const v = scores[i]!;
      if (v < min) min = v;
      if (v > max) max = v;
    }
    for (let i = 0; i < scores.length; i++) {
      if (s.ignoredNodes.has(nodes[i]!.name)) { scores[i] = 0; continue; }
      if (max === 0) { scores[i] = MAX_NODE_SCORE; continue; }
      scores[i] = Math.trunc((MAX_NODE_SCORE * (max + min - scores[i]!)) / max);
    }
  }

  eventsToRegister(): readonly ClusterEventWithHint[] {
    const involves = (pod: PodInfo, other: Pod | undefined): 'Queue' | 'Skip' => {
      if (!other || other.metadata.namespace !== pod.namespace) return 'Skip';
      const own = pod.pod.spec?.topologySpreadConstraints ?? [];
      if (own.length === 0) return 'Skip';
      try {
        const cs = filterConstraints(pod.pod, own, 'DoNotSchedule');
        return cs.some((c) => c.selector.matches(other.metadata.labels)) ? 'Queue' : 'Skip';
      } catch {
        return 'Queue';
      }
    };
    return [
      { resource: 'AssignedPod', actions: ['Add', 'UpdatePodLabel'], hint: (pod, ev) => involves(pod, ev.newObj as Pod | undefined) },
      { resource: 'AssignedPod', actions: ['Delete'], hint: (pod, ev) => involves(pod, ev.oldObj as Pod | undefined) },
      {
        resource: 'Node', actions: ['Add', 'Delete', 'UpdateNodeLabel', 'UpdateNodeTaint'],
        hint: (pod, ev) => {
          const own = pod.pod.spec?.topologySpreadConstraints ?? [];
          const node = (ev.newObj ?? ev.oldObj) as Node | undefined;
          if (!node) return 'Skip';
          const labels = node.metadata.labels ?? {};
          return own.some((c) => labels[c.topologyKey] !== undefined) ? 'Queue' : 'Skip';
        },
      },
    ];
  }
}
