// The ReplicaSet controller.
export { ReplicaSetController, REPLICASET_CONTROLLER, BURST_REPLICAS } from './replicaset-controller.js';
export type { ReplicaSetControllerOptions } from './replicaset-controller.js';
export { getPodsToDelete, comparePodsForDeletion, POD_DELETION_COST_ANNOTATION } from './pod-ranking.js';
export { calculateReplicaSetStatus } from './replicaset-status.js';
export { podFromTemplate, podNamePrefix } from './pod-from-template.js';
