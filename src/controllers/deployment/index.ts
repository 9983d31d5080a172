// The Deployment controller and the rollout arithmetic it is built from.
export { DeploymentController, DEPLOYMENT_CONTROLLER } from './deployment-controller.js';
export type { DeploymentControllerOptions } from './deployment-controller.js';
export { computeHash, fnv32a, safeEncodeString } from './hash.js';
export {
  REVISION_ANNOTATION, REVISION_HISTORY_ANNOTATION, DESIRED_REPLICAS_ANNOTATION, MAX_REPLICAS_ANNOTATION, POD_TEMPLATE_HASH_LABEL,
  ROLLBACK_TO_ANNOTATION, revisionOf, maxRevision, lastRevision, setNewReplicaSetAnnotations,
} from './annotations.js';
export { resolveFenceposts, maxSurge, maxUnavailable, minAvailable } from './fenceposts.js';
export { scaledValueFromIntOrPercent } from './int-or-percent.js';
export { equalIgnoreHash, findNewReplicaSet, findOldReplicaSets } from './replica-sets.js';
export { AVAILABLE, PROGRESSING, REPLICA_FAILURE, REASON } from './conditions.js';
export { calculateStatus, rolloutStatus, deploymentComplete, deploymentProgressing, deploymentTimedOut } from './deployment-status.js';
export { planScale, newRSNewReplicas, isSaturated, replicaSetProportion } from './scaling.js';
export type { ScaleStep } from './scaling.js';
export { newReplicaSetTarget, oldReplicaSetsScaleDown } from './rolling.js';
