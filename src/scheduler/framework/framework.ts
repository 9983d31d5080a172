// Runs a profile's plugins at each extension point (kube-scheduler frameworkImpl): PreFilter with
// Skip and node narrowing, Filter stopping at the first rejecting plugin, filtering with nominated
// pods, PostFilter, PreScore/Score/NormalizeScore with weights, Reserve and Bind.

import type { PodInfo } from './pod-info.js';
import type { NodeInfo } from './node-info.js';
import type { CycleState } from './cycle-state.js';
import type { NodeToStatus } from './node-to-status.js';
import { SUCCESS, Status, errorStatus, unresolvable } from './status.js';
import {
  MAX_NODE_SCORE, isBind, isEnqueueExtensions, isFilter, isPostFilter, isPreEnqueue, isPreFilter, isPreScore, isReserve, isScore,
  type BindPlugin, type EnqueueExtensions, type FilterPlugin, type Plugin, type PostFilterPlugin, type PostFilterResult,
  type PreEnqueuePlugin, type PreFilterPlugin, type PreScorePlugin, type ReservePlugin, type ScorePlugin,
} from './interfaces.js';

/** Pods nominated to run on a node after preemption (the scheduling queue keeps them). */
export interface Nominator {
  nominatedPodsForNode(nodeName: string): readonly PodInfo[];
}

export interface PreFilterOutcome {
  status: Status;
  /** Nodes worth filtering; undefined means all. */
  nodeNames?: ReadonlySet<string>;
  /** Plugins that rejected the pod or narrowed the nodes. */
  unschedulablePlugins: Set<string>;
}

export interface FrameworkOptions {
  /** Score weights by plugin name (default 1). */
  weights?: Readonly<Record<string, number>>;
  /** Profile-level percentageOfNodesToScore (0/undefined: adaptive). */
  percentageOfNodesToScore?: number;
}

const NO_NOMINATIONS: Nominator = { nominatedPodsForNode: () => [] };

/** Go's fmt %v of a []string. */
function goList(xs: readonly string[]): string {
  return `[${xs.join(' ')}]`;
}

export class Framework {
  readonly preEnqueuePlugins: PreEnqueuePlugin[];
  readonly preFilterPlugins: PreFilterPlugin[];
  readonly filterPlugins: FilterPlugin[];
  readonly postFilterPlugins: PostFilterPlugin[];
  readonly preScorePlugins: PreScorePlugin[];
  readonly scorePlugins: ScorePlugin[];
  readonly reservePlugins: ReservePlugin[];
  readonly bindPlugins: BindPlugin[];
  readonly enqueueExtensions: EnqueueExtensions[];
  readonly weights: readonly number[];
  readonly percentageOfNodesToScore: number | undefined;
  nominator: Nominator = NO_NOMINATIONS;

  constructor(readonly plugins: readonly Plugin[], options: FrameworkOptions = {}) {
    this.preEnqueuePlugins = plugins.filter(isPreEnqueue);
    this.preFilterPlugins = plugins.filter(isPreFilter);
    this.filterPlugins = plugins.filter(isFilter);
    this.postFilterPlugins = plugins.filter(isPostFilter);
    this.preScorePlugins = plugins.filter(isPreScore);
    this.scorePlugins = plugins.filter(isScore);
    this.reservePlugins = plugins.filter(isReserve);
    this.bindPlugins = plugins.filter(isBind);
    this.enqueueExtensions = plugins.filter(isEnqueueExtensions);
    this.weights = this.scorePlugins.map((p) => options.weights?.[p.name] ?? 1);
    this.percentageOfNodesToScore = options.percentageOfNodesToScore;
  }

  get hasFilterPlugins(): boolean { return this.filterPlugins.length > 0; }
  get hasScorePlugins(): boolean { return this.scorePlugins.length > 0; }
  get hasPostFilterPlugins(): boolean { return this.postFilterPlugins.length > 0; }

  runPreEnqueuePlugins(pi: PodInfo): Status {
    for (const p of this.preEnqueuePlugins) {
      const s = p.preEnqueue(pi.pod);
      if (!s.isSuccess()) return s.withPlugin(p.name);
    }
    return SUCCESS;
  }

  runPreFilterPlugins(state: CycleState, pod: PodInfo): PreFilterOutcome {
    let nodeNames: Set<string> | undefined;
    const withNodes: string[] = [];
    for (const p of this.preFilterPlugins) {
      let r: Status | { nodeNames: ReadonlySet<string> };
      try { r = p.preFilter(state, pod); } catch (e) { return { status: errorStatus(e).withPlugin(p.name), unschedulablePlugins: new Set() }; }
      if (r instanceof Status) {
        if (r.isSkip()) { state.skipFilterPlugins.add(p.name); continue; }
        if (r.isSuccess()) continue;
        if (r.isRejected()) return { status: r.withPlugin(p.name), unschedulablePlugins: new Set([p.name]) };
        return { status: new Status('Error', [`running PreFilter plugin "${p.name}": ${r.message()}`], p.name), unschedulablePlugins: new Set() };
      }
      withNodes.push(p.name);
      nodeNames = nodeNames ? new Set([...nodeNames].filter((n) => r.nodeNames.has(n))) : new Set(r.nodeNames);
      if (nodeNames.size === 0) {
        const msg = withNodes.length === 1 ? `node(s) didn't satisfy plugin ${withNodes[0]}` : `node(s) didn't satisfy plugin(s) ${goList(withNodes)} simultaneously`;
        return { status: unresolvable(msg), nodeNames, unschedulablePlugins: new Set(withNodes) };
      }
    }
    return { status: SUCCESS, nodeNames, unschedulablePlugins: new Set(withNodes) };
  }

  runPreFilterExtensionAddPod(state: CycleState, podToSchedule: PodInfo, podToAdd: PodInfo, nodeInfo: NodeInfo): Status {
    for (const p of this.preFilterPlugins) {
      if (!p.preFilterExtensions || state.skipFilterPlugins.has(p.name)) continue;
      const s = p.preFilterExtensions.addPod(state, podToSchedule, podToAdd, nodeInfo);
      if (!s.isSuccess()) return new Status('Error', [`running AddPod on PreFilter plugin "${p.name}": ${s.message()}`], p.name);
    }
    return SUCCESS;
  }

  runPreFilterExtensionRemovePod(state: CycleState, podToSchedule: PodInfo, podToRemove: PodInfo, nodeInfo: NodeInfo): Status {
    for (const p of this.preFilterPlugins) {
      if (!p.preFilterExtensions || state.skipFilterPlugins.has(p.name)) continue;
      const s = p.preFilterExtensions.removePod(state, podToSchedule, podToRemove, nodeInfo);
      if (!s.isSuccess()) return new Status('Error', [`running RemovePod on PreFilter plugin "${p.name}": ${s.message()}`], p.name);
    }
    return SUCCESS;
  }

  /** The first rejection (stamped with its plugin), or Success. */
  runFilterPlugins(state: CycleState, pod: PodInfo, nodeInfo: NodeInfo): Status {
    const skip = state.skipFilterPlugins;
    const plugins = this.filterPlugins;
    for (let i = 0; i < plugins.length; i++) {
      const p = plugins[i]!;
      if (skip.size > 0 && skip.has(p.name)) continue;
      let s: Status;
      try { s = p.filter(state, pod, nodeInfo); } catch (e) { s = errorStatus(e); }
      if (s.code !== 'Success') {
        if (!s.isRejected()) return new Status('Error', [`running "${p.name}" filter plugin: ${s.message()}`], p.name);
        return s.withPlugin(p.name);
      }
    }
    return SUCCESS;
  }

  /**
   * Filters with the node's nominated pods of equal or higher priority counted as if running
   * there, then (if that passed) without them, as upstream does.
   */
  runFilterPluginsWithNominatedPods(state: CycleState, pod: PodInfo, nodeInfo: NodeInfo): Status {
    const nominated = this.nominator.nominatedPodsForNode(nodeInfo.name);
    let added: { state: CycleState; nodeInfo: NodeInfo } | undefined;
    if (nominated.length > 0) {
      for (const np of nominated) {
        if (np.priority < pod.priority || np.uid === pod.uid) continue;
        if (!added) added = { state: state.clone(), nodeInfo: nodeInfo.clone() };
        added.nodeInfo.addPod(np);
        const s = this.runPreFilterExtensionAddPod(added.state, pod, np, added.nodeInfo);
        if (!s.isSuccess()) return s;
      }
    }
    if (!added) return this.runFilterPlugins(state, pod, nodeInfo);
    const first = this.runFilterPlugins(added.state, pod, added.nodeInfo);
    if (!first.isSuccess()) return first;
    return this.runFilterPlugins(state, pod, nodeInfo);
  }

  runPostFilterPlugins(state: CycleState, pod: PodInfo, statuses: NodeToStatus): PostFilterResult {
    let result: PostFilterResult | undefined;
    const messages: string[] = [];
    for (const p of this.postFilterPlugins) {
      let r: PostFilterResult;
      try { r = p.postFilter(state, pod, statuses); } catch (e) { r = { status: errorStatus(e) }; }
      if (r.status.isSuccess()) return { ...r, status: r.status.withPlugin(p.name) };
      if (r.status.code === 'UnschedulableAndUnresolvable') return { ...r, status: r.status.withPlugin(p.name) };
      if (!r.status.isRejected()) return { status: new Status('Error', r.status.reasons, p.name) };
      if (r.status.message()) messages.push(r.status.message());
      if (r.nominatedNodeName !== undefined) result = r;
    }
    return { status: new Status('Unschedulable', messages), nominatedNodeName: result?.nominatedNodeName };
  }

  runPreScorePlugins(state: CycleState, pod: PodInfo, nodes: readonly NodeInfo[]): Status {
    for (const p of this.preScorePlugins) {
      let s: Status;
      try { s = p.preScore(state, pod, nodes); } catch (e) { s = errorStatus(e); }
      if (s.isSkip()) { state.skipScorePlugins.add(p.name); continue; }
      if (!s.isSuccess()) return new Status('Error', [`running PreScore plugin "${p.name}": ${s.message()}`], p.name);
    }
    return SUCCESS;
  }

  /** Weighted total score per node (aligned with `nodes`); throws on a plugin error. */
  runScorePlugins(state: CycleState, pod: PodInfo, nodes: readonly NodeInfo[]): Float64Array {
    const totals = new Float64Array(nodes.length);
    const scores: number[] = new Array<number>(nodes.length);
    for (let k = 0; k < this.scorePlugins.length; k++) {
      const p = this.scorePlugins[k]!;
      if (state.skipScorePlugins.has(p.name)) continue;
      for (let i = 0; i < nodes.length; i++) scores[i] = p.score(state, pod, nodes[i]!);
      p.normalizeScore?.(state, pod, nodes, scores);
      const w = this.weights[k]!;
      for (let i = 0; i < nodes.length; i++) {
        const s = scores[i]!;
        if (s > MAX_NODE_SCORE || s < 0) {
          throw new Error(`plugin "${p.name}" returns an invalid score ${s}, it should in the range of [0, ${MAX_NODE_SCORE}] after normalizing`);
        }
        totals[i] += s * w;
      }
    }
    return totals;
  }

  runReservePluginsReserve(state: CycleState, pod: PodInfo, nodeName: string): Status {
    for (const p of this.reservePlugins) {
      const s = p.reserve(state, pod, nodeName);
      if (!s.isSuccess()) return s.withPlugin(p.name);
    }
    return SUCCESS;
  }

  runReservePluginsUnreserve(state: CycleState, pod: PodInfo, nodeName: string): void {
    for (let i = this.reservePlugins.length - 1; i >= 0; i--) this.reservePlugins[i]!.unreserve(state, pod, nodeName);
  }

  async runBindPlugins(state: CycleState, pod: PodInfo, nodeName: string): Promise<Status> {
    for (const p of this.bindPlugins) {
      let s: Status;
      try { s = await p.bind(state, pod, nodeName); } catch (e) { s = errorStatus(e); }
      if (s.isSkip()) continue;
      return s.withPlugin(p.name);
    }
    return new Status('Error', ['no bind plugin bound the pod']);
  }
}
