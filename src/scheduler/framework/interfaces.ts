// One small interface per extension point (kube-scheduler framework interface.go). A plugin
// implements only the points it needs; every method returns its outcome as a Status value.

import type { Node, Pod } from '../api-types.js';
import type { CycleState } from './cycle-state.js';
import type { NodeInfo } from './node-info.js';
import type { NodeToStatus } from './node-to-status.js';
import type { PodInfo } from './pod-info.js';
import type { Status } from './status.js';

/** MaxNodeScore: scores are normalized to 0..100 before weighting. */
export const MAX_NODE_SCORE = 100;

export interface Plugin {
  readonly name: string;
}

/** PreFilter may narrow the nodes worth filtering (node affinity on metadata.name, say). */
export interface PreFilterResult {
  readonly nodeNames: ReadonlySet<string>;
}

/** Keeps PreFilter state right when preemption or nominated pods add or remove pods on a node. */
export interface PreFilterExtensions {
  addPod(state: CycleState, podToSchedule: PodInfo, podToAdd: PodInfo, nodeInfo: NodeInfo): Status;
  removePod(state: CycleState, podToSchedule: PodInfo, podToRemove: PodInfo, nodeInfo: NodeInfo): Status;
}

export interface PreFilterPlugin extends Plugin {
  /** Success, Skip (Filter is not run), a rejection for every node, or a narrowed node set. */
  preFilter(state: CycleState, pod: PodInfo): Status | PreFilterResult;
  readonly preFilterExtensions?: PreFilterExtensions;
}

export interface FilterPlugin extends Plugin {
  /** Success, or why the pod cannot run on this node (all the reasons this plugin sees). */
  filter(state: CycleState, pod: PodInfo, nodeInfo: NodeInfo): Status;
}

export interface PostFilterResult {
  status: Status;
  /** undefined: leave status.nominatedNodeName as it is; '' clears it. */
  nominatedNodeName?: string;
}

export interface PostFilterPlugin extends Plugin {
  /** Runs after no node passed Filter; may make room (preemption). */
  postFilter(state: CycleState, pod: PodInfo, statuses: NodeToStatus): PostFilterResult;
}

export interface PreScorePlugin extends Plugin {
  /** Success, or Skip (Score is not run). */
  preScore(state: CycleState, pod: PodInfo, nodes: readonly NodeInfo[]): Status;
}

export interface ScorePlugin extends Plugin {
  /** A score for the node (0..100 unless normalizeScore maps it there). */
  score(state: CycleState, pod: PodInfo, nodeInfo: NodeInfo): number;
  /** Rewrites `scores` (aligned with `nodes`) into 0..100. */
  normalizeScore?(state: CycleState, pod: PodInfo, nodes: readonly NodeInfo[], scores: number[]): void;
}

export interface ReservePlugin extends Plugin {
  reserve(state: CycleState, pod: PodInfo, nodeName: string): Status;
  unreserve(state: CycleState, pod: PodInfo, nodeName: string): void;
}

export interface BindPlugin extends Plugin {
  /** Success when bound; Skip to let the next bind plugin try. */
  bind(state: CycleState, pod: PodInfo, nodeName: string): Promise<Status>;
}

export interface PreEnqueuePlugin extends Plugin {
  /** Success to let the pod into the active queue; otherwise it waits for an update. */
  preEnqueue(pod: Pod): Status;
}

// ---- queueing hints: which cluster events may make a pod this plugin rejected schedulable ----

export type EventResource = 'Node' | 'AssignedPod';

export type ActionType =
  | 'Add'
  | 'Delete'
  | 'UpdateNodeLabel'
  | 'UpdateNodeTaint'
  | 'UpdateNodeAllocatable'
  | 'UpdateNodeCondition'
  | 'UpdatePodLabel'
  | 'UpdatePodScaleDown'
  | 'UpdatePodTerminating';

export interface ClusterEvent {
  resource: EventResource;
  actions: ReadonlySet<ActionType>;
  /** The object before the change (undefined for Add). */
  oldObj?: Node | Pod;
  /** The object after the change (undefined for Delete). */
  newObj?: Node | Pod;
}

export type QueueingHint = 'Queue' | 'Skip';

export interface ClusterEventWithHint {
  resource: EventResource;
  actions: readonly ActionType[];
  /** Decides for one waiting pod; absent means Queue. */
  hint?(pod: PodInfo, event: ClusterEvent): QueueingHint;
}

export interface EnqueueExtensions extends Plugin {
  eventsToRegister(): readonly ClusterEventWithHint[];
}

// ---- type guards ----

export const isPreFilter = (p: Plugin): p is PreFilterPlugin => typeof (p as Partial<PreFilterPlugin>).preFilter === 'function';
export const isFilter = (p: Plugin): p is FilterPlugin => typeof (p as Partial<FilterPlugin>).filter === 'function';
export const isPostFilter = (p: Plugin): p is PostFilterPlugin => typeof (p as Partial<PostFilterPlugin>).postFilter === 'function';
export const isPreScore = (p: Plugin): p is PreScorePlugin => typeof (p as Partial<PreScorePlugin>).preScore === 'function';
export const isScore = (p: Plugin): p is ScorePlugin => typeof (p as Partial<ScorePlugin>).score === 'function';
export const isReserve = (p: Plugin): p is ReservePlugin => typeof (p as Partial<ReservePlugin>).reserve === 'function';
export const isBind = (p: Plugin): p is BindPlugin => typeof (p as Partial<BindPlugin>).bind === 'function';
export const isPreEnqueue = (p: Plugin): p is PreEnqueuePlugin => typeof (p as Partial<PreEnqueuePlugin>).preEnqueue === 'function';
export const isEnqueueExtensions = (p: Plugin): p is EnqueueExtensions => typeof (p as Partial<EnqueueExtensions>).eventsToRegister === 'function';
