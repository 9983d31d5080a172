// The in-tree plugins and the default profile.

export { defaultPlugins, DEFAULT_WEIGHTS } from './registry.js';
export type { PluginHandle, DefaultProfileOptions } from './registry.js';
export { NodeName } from './nodename/nodename.js';
export { NodeUnschedulable } from './nodeunschedulable/nodeunschedulable.js';
export { NodeAffinity } from './nodeaffinity/nodeaffinity.js';
export { NodeSelectorMatcher, RequiredNodeAffinity, PreferredNodeAffinity } from './nodeaffinity/node-selector.js';
export { TaintToleration, untoleratedTaintReason } from './tainttoleration/tainttoleration.js';
export { toleratesTaint, tolerationsTolerateTaint, findUntoleratedTaint } from './tainttoleration/tolerations.js';
export { Fit, fitsRequest } from './noderesources/fit.js';
export type { InsufficientResource, FitOptions } from './noderesources/fit.js';
export { BalancedAllocation, LeastAllocated, leastAllocatedScore, balancedAllocationScore } from './noderesources/least-allocated.js';
export { NodePorts, fitsPorts } from './nodeports/nodeports.js';
export { InterPodAffinity } from './interpodaffinity/interpodaffinity.js';
export type { InterPodAffinityOptions } from './interpodaffinity/interpodaffinity.js';
export { PodTopologySpread } from './podtopologyspread/podtopologyspread.js';
export type { PodTopologySpreadOptions } from './podtopologyspread/podtopologyspread.js';
export { DefaultPreemption } from './defaultpreemption/defaultpreemption.js';
export type { PreemptionHandle, PreemptionExecutor, DefaultPreemptionOptions } from './defaultpreemption/defaultpreemption.js';
export { SchedulingGates } from './schedulinggates/schedulinggates.js';
export { DefaultBinder } from './defaultbinder/defaultbinder.js';
