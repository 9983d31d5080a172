// The scheduling framework: extension-point interfaces, Status, CycleState, NodeInfo, Snapshot,
// the FitError message, and the runner.

export { Status, SUCCESS, SKIP, unschedulable, unresolvable, errorStatus } from './status.js';
export type { Code } from './status.js';
export { CycleState, StateKey } from './cycle-state.js';
export type { Cloneable } from './cycle-state.js';
export { MAX_NODE_SCORE } from './interfaces.js';
export type {
  Plugin, PreFilterPlugin, PreFilterResult, PreFilterExtensions, FilterPlugin, PostFilterPlugin, PostFilterResult, PreScorePlugin,
  ScorePlugin, ReservePlugin, BindPlugin, PreEnqueuePlugin, EnqueueExtensions, ClusterEvent, ClusterEventWithHint, ActionType,
  EventResource, QueueingHint,
} from './interfaces.js';
export { Framework } from './framework.js';
export type { Nominator, FrameworkOptions, PreFilterOutcome } from './framework.js';
export { NodeInfo } from './node-info.js';
export { PodInfo, podKey, hostPortsOf } from './pod-info.js';
export type { HostPort } from './pod-info.js';
export { HostPortInfo } from './host-port-info.js';
export { Snapshot, zoneKey } from './snapshot.js';
export { NodeToStatus } from './node-to-status.js';
export { FitError, fitErrorMessage, NO_NODES_AVAILABLE } from './fit-error.js';
export type { Diagnosis } from './fit-error.js';
export { numFeasibleNodesToFind } from './num-feasible-nodes.js';
export { defaultNormalizeScore } from './normalize-score.js';
export { AffinityTerm, newAffinityTerm, selectorIndex } from './affinity-term.js';
export type { WeightedAffinityTerm, SelectorIndex } from './affinity-term.js';
export { podRequests, podNonZeroRequests, resourceFromList } from './resource.js';
export type { Resource, NonZeroRequest } from './resource.js';
