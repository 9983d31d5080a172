// InterPodAffinity: required pod affinity and anti-affinity (the incoming pod's and existing pods'
// anti-affinity) with topology keys, and scoring by preferred terms.
//
// PreFilter counts, per topology pair, the existing pods matching the incoming pod's terms and
// the existing pods whose anti-affinity terms match the incoming pod. Both are found through the
// snapshot's label indexes (pods by label, terms by the label their selector requires), so a cycle
// touches the pods and terms that can match, never every pod on every node. Filter then reads
// the counts for the node's topology values.

import type { Labels } from '../../../machinery/labels.js';
import type { Node, Pod } from '../../api-types.js';
import { podMatchesAllTerms, type AffinityTerm } from '../../framework/affinity-term.js';
import { StateKey, type Cloneable, type CycleState } from '../../framework/cycle-state.js';
import {
  MAX_NODE_SCORE, type ClusterEventWithHint, type EnqueueExtensions, type FilterPlugin, type PreFilterExtensions, type PreFilterPlugin,
  type PreScorePlugin, type ScorePlugin,
} from '../../framework/interfaces.js';
import type { NodeInfo } from '../../framework/node-info.js';
import type { PodInfo } from '../../framework/pod-info.js';
import type { Snapshot } from '../../framework/snapshot.js';
import type { TermRegistry } from '../../framework/term-registry.js';
import { SKIP, SUCCESS, Status } from '../../framework/status.js';
import {
  TopologyCounts, addAffinityTerms, addAntiAffinityTerms, satisfiesAffinity, satisfiesAntiAffinity, satisfiesExistingAntiAffinity,
} from './topology-counts.js';

export const NAME = 'InterPodAffinity';
export const ERR_REASON_EXISTING_ANTI_AFFINITY = "node(s) didn't satisfy existing pods anti-affinity rules";
export const ERR_REASON_AFFINITY = "node(s) didn't match pod affinity rules";
export const ERR_REASON_ANTI_AFFINITY = "node(s) didn't match pod anti-affinity rules";

const REJECT_AFFINITY = new Status('UnschedulableAndUnresolvable', [ERR_REASON_AFFINITY], NAME);
const REJECT_ANTI_AFFINITY = new Status('Unschedulable', [ERR_REASON_ANTI_AFFINITY], NAME);
const REJECT_EXISTING = new Status('Unschedulable', [ERR_REASON_EXISTING_ANTI_AFFINITY], NAME);

export class PreFilterState implements Cloneable<PreFilterState> {
  constructor(
    readonly pod: PodInfo,
    readonly nsLabels: Labels | undefined,
    /** Existing pods whose required anti-affinity terms match the incoming pod. */
    readonly existingAntiAffinityCounts: TopologyCounts = new TopologyCounts(),
    /** Existing pods matching all of the incoming pod's required affinity terms. */
    readonly affinityCounts: TopologyCounts = new TopologyCounts(),
    /** Existing pods matching the incoming pod's required anti-affinity terms. */
    readonly antiAffinityCounts: TopologyCounts = new TopologyCounts(),
  ) {}

  clone(): PreFilterState {
    return new PreFilterState(this.pod, this.nsLabels, this.existingAntiAffinityCounts.clone(), this.affinityCounts.clone(), this.antiAffinityCounts.clone());
  }

  /** Accounts for `other` being added (by 1) to or removed (by -1) from `node`. */
  updateWithPod(other: PodInfo, nodeLabels: Labels, otherNsLabels: Labels | undefined, by: number): void {
    addAntiAffinityTerms(this.existingAntiAffinityCounts, other.requiredAntiAffinityTerms, this.pod.pod, this.nsLabels, nodeLabels, by);
    addAffinityTerms(this.affinityCounts, this.pod.requiredAffinityTerms, other.pod, otherNsLabels, nodeLabels, by);
    addAntiAffinityTerms(this.antiAffinityCounts, this.pod.requiredAntiAffinityTerms, other.pod, otherNsLabels, nodeLabels, by);
  }
}

const PRE_FILTER = new StateKey<PreFilterState>(`PreFilter${NAME}`);
/** topology key → value → score. */
type TopologyScore = Map<string, Map<string, number>>;
const PRE_SCORE = new StateKey<TopologyScore>(`PreScore${NAME}`);

export interface InterPodAffinityOptions {
  /** Weight of existing pods' required affinity terms when scoring. Default 1. */
  hardPodAffinityWeight?: number;
  /** Ignore existing pods' preferred terms when the incoming pod has none. Default false. */
  ignorePreferredTermsOfExistingPods?: boolean;
}

export class InterPodAffinity implements PreFilterPlugin, FilterPlugin, PreScorePlugin, ScorePlugin, EnqueueExtensions {
  readonly name = NAME;
  private readonly hardWeight: number;
  private readonly ignoreExistingPreferred: boolean;

  constructor(private readonly snapshot: Snapshot, opts: InterPodAffinityOptions = {}) {
    this.hardWeight = opts.hardPodAffinityWeight ?? 1;
    this.ignoreExistingPreferred = opts.ignorePreferredTermsOfExistingPods ?? false;
  }

  private nodeLabelsOf(pi: PodInfo): Labels | undefined {
    const ni = this.snapshot.nodeInfos.get(pi.nodeName);
    return ni?.node ? ni.labels : undefined;
  }

  preFilter(state: CycleState, pod: PodInfo): Status {
    const snap = this.snapshot;
    const hasTerms = pod.requiredAffinityTerms.length > 0 || pod.requiredAntiAffinityTerms.length > 0;
    if (pod.parseError) return new Status('UnschedulableAndUnresolvable', [`parsing pod: ${pod.parseError}`], NAME);
    if (!hasTerms && snap.requiredAntiAffinity.size === 0) return SKIP;
    const nsLabels = snap.nsLabels(pod.namespace);
    const s = new PreFilterState(pod, nsLabels);

    // Existing pods' anti-affinity terms that the incoming pod falls under.
    for (const e of snap.requiredAntiAffinity.candidatesFor(pod.pod.metadata.labels)) {
      if (!e.term.matches(pod.pod, nsLabels)) continue;
      for (const owner of e.owners) {
        const labels = this.nodeLabelsOf(owner);
        const v = labels?.[e.term.topologyKey];
        if (v !== undefined) s.existingAntiAffinityCounts.bump(e.term.topologyKey, v, 1);
      }
    }

    // Existing pods that the incoming pod's terms select.
    if (pod.requiredAntiAffinityTerms.length > 0) {
      for (const t of pod.requiredAntiAffinityTerms) this.countMatching(s.antiAffinityCounts, t);
    }
    const aff = pod.requiredAffinityTerms;
    if (aff.length > 0) {
      for (const cand of snap.pods.candidates(aff[0]!.index)) {
        const labels = this.nodeLabelsOf(cand);
        if (!labels) continue;
        addAffinityTerms(s.affinityCounts, aff, cand.pod, snap.nsLabels(cand.namespace), labels, 1);
      }
    }
    state.write(PRE_FILTER, s);
    return SUCCESS;
  }

  private countMatching(counts: TopologyCounts, t: AffinityTerm): void {
    const snap = this.snapshot;
    for (const cand of snap.pods.candidates(t.index)) {
      if (!t.matches(cand.pod, snap.nsLabels(cand.namespace))) continue;
      const v = this.nodeLabelsOf(cand)?.[t.topologyKey];
      if (v !== undefined) counts.bump(t.topologyKey, v, 1);
    }
  }

  readonly preFilterExtensions: PreFilterExtensions = {
    addPod: (state, _pod, podToAdd, nodeInfo) => this.updateState(state, podToAdd, nodeInfo, 1),
    removePod: (state, _pod, podToRemove, nodeInfo) => this.updateState(state, podToRemove, nodeInfo, -1),
  };

  private updateState(state: CycleState, other: PodInfo, nodeInfo: NodeInfo, by: number): Status {
    const s = state.read(PRE_FILTER);
    if (!s) return new Status('Error', [`reading "PreFilter${NAME}" from cycleState: not found`]);
    s.updateWithPod(other, nodeInfo.labels, this.snapshot.nsLabels(other.namespace), by);
    return SUCCESS;
  }

  filter(state: CycleState, pod: PodInfo, nodeInfo: NodeInfo): Status {
    const s = state.read(PRE_FILTER);
    if (!s) return new Status('Error', [`reading "PreFilter${NAME}" from cycleState: not found`]);
    const labels = nodeInfo.labels;
    if (pod.requiredAffinityTerms.length > 0 && !satisfiesAffinity(s.affinityCounts, pod.requiredAffinityTerms, labels, pod, s.nsLabels)) return REJECT_AFFINITY;
    if (!satisfiesAntiAffinity(s.antiAffinityCounts, pod.requiredAntiAffinityTerms, labels)) return REJECT_ANTI_AFFINITY;
    if (!satisfiesExistingAntiAffinity(s.existingAntiAffinityCounts, labels)) return REJECT_EXISTING;
    return SUCCESS;
  }

  preScore(state: CycleState, pod: PodInfo, nodes: readonly NodeInfo[]): Status {
    if (nodes.length === 0) return SKIP;
    const snap = this.snapshot;
    const hasConstraints = pod.preferredAffinityTerms.length > 0 || pod.preferredAntiAffinityTerms.length > 0;
    if (this.ignoreExistingPreferred && !hasConstraints) return SKIP;
    const scores: TopologyScore = new Map();
    const add = (key: string, value: string, by: number): void => {
      let m = scores.get(key);
      if (!m) { m = new Map(); scores.set(key, m); }
      m.set(value, (m.get(value) ?? 0) + by);
    };

    // The incoming pod's preferred terms, over the existing pods they select.
    const incoming = (terms: typeof pod.preferredAffinityTerms, sign: number): void => {
      for (const { term, weight } of terms) {
        for (const cand of snap.pods.candidates(term.index)) {
          if (!term.matches(cand.pod, snap.nsLabels(cand.namespace))) continue;
          const v = this.nodeLabelsOf(cand)?.[term.topologyKey];
          if (v !== undefined) add(term.topologyKey, v, sign * weight);
        }
      }
    };
    incoming(pod.preferredAffinityTerms, 1);
    incoming(pod.preferredAntiAffinityTerms, -1);

    // Existing pods' terms that the incoming pod falls under.
    const nsLabels = snap.nsLabels(pod.namespace);
    const existing = (reg: TermRegistry, weightOf: (w: number) => number): void => {
      for (const e of reg.candidatesFor(pod.pod.metadata.labels)) {
        if (!e.term.matches(pod.pod, nsLabels)) continue;
        const w = weightOf(e.weight);
        if (w === 0) continue;
        for (const owner of e.owners) {
          const v = this.nodeLabelsOf(owner)?.[e.term.topologyKey];
          if (v !== undefined) add(e.term.topologyKey, v, w);
        }
      }
    };
    if (this.hardWeight > 0) existing(snap.requiredAffinity, () => this.hardWeight);
    existing(snap.preferredAffinity, (w) => w);
    existing(snap.preferredAntiAffinity, (w) => -w);

    if (scores.size === 0) return SKIP;
    state.write(PRE_SCORE, scores);
    return SUCCESS;
  }

  score(state: CycleState, _pod: PodInfo, nodeInfo: NodeInfo): number {
    const scores = state.read(PRE_SCORE);
    if (!scores) return 0;
    let total = 0;
    for (const [key, values] of scores) {
      const v = nodeInfo.labels[key];
      if (v !== undefined) total += values.get(v) ?? 0;
    }
    return total;
  }

  normalizeScore(state: CycleState, _pod: PodInfo, _nodes: readonly NodeInfo[], scores: number[]): void {
    if (!state.read(PRE_SCORE)?.size) return;
    let min = Infinity;
    let max = -Infinity;
    for (const s of scores) { if (s > max) max = s; if (s < min) min = s; }
    const diff = max - min;
    for (let i = 0; i < scores.length; i++) {
      scores[i] = diff > 0 ? Math.trunc(MAX_NODE_SCORE * ((scores[i]! - min) / diff)) : 0;
    }
  }

  eventsToRegister(): readonly ClusterEventWithHint[] {
    return [
      { resource: 'AssignedPod', actions: ['Add', 'UpdatePodLabel'], hint: (pod, ev) => this.afterPodAdded(pod, ev.newObj as Pod | undefined) },
      { resource: 'AssignedPod', actions: ['Delete'], hint: (pod, ev) => this.afterPodDeleted(pod, ev.oldObj as Pod | undefined) },
      { resource: 'Node', actions: ['Add', 'UpdateNodeLabel'], hint: (pod, ev) => this.afterNodeChange(pod, ev.newObj as Node | undefined) },
    ];
  }

  private afterPodAdded(pod: PodInfo, added: Pod | undefined): 'Queue' | 'Skip' {
    if (!added || pod.requiredAffinityTerms.length === 0) return 'Skip';
    return podMatchesAllTerms(pod.requiredAffinityTerms, added, this.snapshot.nsLabels(added.metadata.namespace ?? '')) ? 'Queue' : 'Skip';
  }

  private afterPodDeleted(pod: PodInfo, deleted: Pod | undefined): 'Queue' | 'Skip' {
    if (!deleted) return 'Skip';
    const nsOfDeleted = this.snapshot.nsLabels(deleted.metadata.namespace ?? '');
    if (pod.requiredAntiAffinityTerms.some((t) => t.matches(deleted, nsOfDeleted))) return 'Queue';
    const spec = deleted.spec?.affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
    return spec && spec.length > 0 ? 'Queue' : 'Skip';
  }

  private afterNodeChange(pod: PodInfo, node: Node | undefined): 'Queue' | 'Skip' {
    if (!node) return 'Skip';
    if (pod.requiredAffinityTerms.length === 0) return 'Queue';
    const labels = node.metadata.labels ?? {};
    return pod.requiredAffinityTerms.every((t) => labels[t.topologyKey] !== undefined) ? 'Queue' : 'Skip';
  }
}
