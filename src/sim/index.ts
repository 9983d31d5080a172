// Simulated nodes (`kite sim`): kubelets without containers, described as data (stages).

export { SimulatedNodes } from './simulated-nodes.js';
export type { SimulatedNodesOptions } from './simulated-nodes.js';
export { NodeController } from './node-controller.js';
export type { NodeControllerOptions } from './node-controller.js';
export { PodController } from './pod-controller.js';
export type { PodControllerOptions, SimNodeRuntime } from './pod-controller.js';
export { defaultPodStages } from './pod-stages.js';
export type { PodStageOptions } from './pod-stages.js';
export { matchStage, stageMatches, requirementMatches, stageDelayMs, validateStage } from './stage.js';
export type { Stage, StageDelay, StageNext, SelectorRequirement, SelectorOperator } from './stage.js';
export { fieldValues, parseFieldPath } from './field-values.js';
export { POD_STATUS_TEMPLATES, podReadyStatus, podCompleteStatus, podReadinessGatesStatus, mergeConditions, simContainerId } from './pod-status.js';
export type { PodStatusTemplate, PodStatusContext } from './pod-status.js';
export { podQosClass } from '../api/qos.js';
export type { QosClass } from '../api/qos.js';
export { simNodeObject, simNodeStatus, simNodeLabels, nodeConditions, nodeIsReady, KUBELET_VERSION, CONTAINER_RUNTIME_VERSION } from './node-object.js';
export type { SimNodeSpec } from './node-object.js';
export { renewedNodeLease, NODE_LEASE_NAMESPACE } from './node-lease.js';
export { nodeInternalIp, podSubnetPrefix, podCidr, MAX_SIM_NODES } from './addresses.js';
export { IpPool } from './ip-pool.js';
export { TimeBuckets } from './time-buckets.js';
export type { TimeBucketsOptions } from './time-buckets.js';
export type { Pod, Node, NodeLease } from './types.js';
