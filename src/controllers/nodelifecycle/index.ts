// Node health, node taints, and taint-based pod eviction.
export { NodeLifecycleController, NODE_LIFECYCLE_CONTROLLER } from './node-lifecycle-controller.js';
export type { NodeLifecycleOptions } from './node-lifecycle-controller.js';
export { TaintEvictionController, TAINT_EVICTION_CONTROLLER } from './taint-eviction-controller.js';
export type { TaintEvictionOptions } from './taint-eviction-controller.js';
export { NodeHealthTracker, NODE_LEASE_NAMESPACE } from './node-health.js';
export {
  TAINT_NOT_READY, TAINT_UNREACHABLE, TAINT_UNSCHEDULABLE, NOT_READY_NO_EXECUTE, UNREACHABLE_NO_EXECUTE,
  toleratesTaint, matchingTolerations, minTolerationMs, noScheduleTaintsFor,
} from './taints.js';
export { computeZoneState, zoneKey } from './zone-state.js';
export type { ZoneState } from './zone-state.js';
