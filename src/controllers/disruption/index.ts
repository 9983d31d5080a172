// The disruption controller: PodDisruptionBudget status, which the pods/eviction handler enforces.
export { DisruptionController, DISRUPTION_CONTROLLER, PODDISRUPTIONBUDGETS, STATEFULSETS } from './disruption-controller.js';
export type { DisruptionControllerOptions } from './disruption-controller.js';
export { expectedPodCount, needsControllerScale } from './expected-pods.js';
export type { ControllerScale, ControllerScaleFinder, ExpectedPods } from './expected-pods.js';
export { workloadScaleFinder } from './workload-scale-finder.js';
export type { WorkloadScaleFinderOptions } from './workload-scale-finder.js';
export { buildDisruptedPodMap, DELETION_TIMEOUT_MS } from './disrupted-pods.js';
export type { DisruptedPodMap } from './disrupted-pods.js';
export { countHealthyPods } from './count-healthy-pods.js';
export {
  nextPdbStatus, failSafeStatus, disruptionsAllowed, conditionsAreUpToDate,
  DISRUPTION_ALLOWED_CONDITION, SUFFICIENT_PODS_REASON, INSUFFICIENT_PODS_REASON, SYNC_FAILED_REASON,
} from './pdb-status.js';
export type { BudgetCounts } from './pdb-status.js';
export { staleDisruptionCondition, STALE_POD_DISRUPTION_TIMEOUT_MS, DISRUPTION_TARGET } from './stale-disruption-condition.js';
export { scaledValueFromIntOrPercent } from './int-or-percent.js';
export { setStatusCondition } from './set-status-condition.js';
export type * from './types.js';
