// apps/v1: Deployment, ReplicaSet, StatefulSet, DaemonSet, ControllerRevision. Field names, protobuf
// numbers and patch markers follow upstream k8s.io/api/apps/v1; descriptions are ours.

import { META, bool, f, i32, i64, intOrString, listAtomic, listMap, rawExtension, ref, str, struct, time } from './dsl.js';
import { defineKind, defineList } from './kinds.js';
import type { OpenAPISchema } from './types.js';

const APPS = 'io.k8s.api.apps.v1';
const a = (name: string): OpenAPISchema => ref(`${APPS}.${name}`);
const selector = (): OpenAPISchema => ref(`${META}.LabelSelector`);
const podTemplate = (): OpenAPISchema => ref('io.k8s.api.core.v1.PodTemplateSpec');

/** The condition shape shared by ReplicaSet, StatefulSet and DaemonSet. */
function condition(kind: string, what: string): void {
  struct(`${APPS}.${kind}Condition`, `The state of a ${what} at a certain point.`, {
    lastTransitionTime: f(3, time(), 'When the condition last changed status.'),
    message: f(5, str(), 'Human-readable details about the transition.'),
    reason: f(4, str(), 'Machine-readable reason for the last transition.'),
    status: f(2, str(), 'True, False or Unknown.', { 'x-kite-proto-keep-zero': true }),
    type: f(1, str(), `Type of ${what} condition.`, { 'x-kite-proto-keep-zero': true }),
  }, { required: ['type', 'status'] });
}

const conditions = (kind: string, proto: number, what: string): OpenAPISchema =>
  f(proto, listMap(a(`${kind}Condition`), 'type'), `Latest observations of the ${what}'s state.`);

// ---- Deployment -----------------------------------------------------------------------------------

struct(`${APPS}.RollingUpdateDeployment`, 'Parameters of a rolling update of a Deployment.', {
  maxSurge: f(2, intOrString(), 'Pods that may be created above the desired count during the update: a number or a percentage of desired pods (rounded up). Defaults to 25%; cannot be 0 when maxUnavailable is 0.', { 'x-kite-proto-keep-zero': true }),
  maxUnavailable: f(1, intOrString(), 'Pods that may be unavailable during the update: a number or a percentage of desired pods (rounded down). Defaults to 25%; cannot be 0 when maxSurge is 0.', { 'x-kite-proto-keep-zero': true }),
});

struct(`${APPS}.DeploymentStrategy`, 'How a Deployment replaces old pods with new ones.', {
  rollingUpdate: f(2, a('RollingUpdateDeployment'), 'Rolling update parameters; only with type RollingUpdate.'),
  type: f(1, str(), '"Recreate" or "RollingUpdate" (the default).'),
});

struct(`${APPS}.DeploymentSpec`, 'Desired behaviour of a Deployment.', {
  minReadySeconds: f(5, i32(), 'Seconds a new pod must be ready, without any container crashing, to count as available. Defaults to 0.'),
  paused: f(7, bool(), 'Whether rollouts of the Deployment are paused.'),
  progressDeadlineSeconds: f(9, i32(), 'Seconds a rollout may go without progress before it is reported as failed (ProgressDeadlineExceeded). Defaults to 600.', { 'x-kite-proto-keep-zero': true }),
  replicas: f(1, i32(), 'Desired number of pods. Defaults to 1.', { 'x-kite-proto-keep-zero': true }),
  revisionHistoryLimit: f(6, i32(), 'Old ReplicaSets kept for rollback. Defaults to 10.', { 'x-kite-proto-keep-zero': true }),
  selector: f(2, selector(), 'Selects the pods (and ReplicaSets) this Deployment manages; must match the template labels.'),
  strategy: f(4, a('DeploymentStrategy'), 'How existing pods are replaced with new ones.', { 'x-kubernetes-patch-strategy': 'retainKeys' }),
  template: f(3, podTemplate(), 'Pods to create. template.spec.restartPolicy may only be "Always".'),
}, { required: ['selector', 'template'] });

struct(`${APPS}.DeploymentCondition`, 'The state of a Deployment at a certain point.', {
  lastTransitionTime: f(7, time(), 'When the condition last changed status.'),
  lastUpdateTime: f(6, time(), 'When the condition was last updated.'),
  message: f(5, str(), 'Human-readable details about the transition.'),
  reason: f(4, str(), 'Machine-readable reason for the last transition.'),
  status: f(2, str(), 'True, False or Unknown.', { 'x-kite-proto-keep-zero': true }),
  type: f(1, str(), 'Type of deployment condition: Available, Progressing or ReplicaFailure.', { 'x-kite-proto-keep-zero': true }),
}, { required: ['type', 'status'] });

struct(`${APPS}.DeploymentStatus`, 'Most recently observed state of a Deployment.', {
  availableReplicas: f(4, i32(), 'Non-terminating pods that have been ready for at least minReadySeconds.'),
  collisionCount: f(8, i32(), 'Hash collisions seen when naming the newest ReplicaSet.', { 'x-kite-proto-keep-zero': true }),
  conditions: conditions('Deployment', 6, 'Deployment'),
  observedGeneration: f(1, i64(), 'Generation last acted upon by the controller.'),
  readyReplicas: f(7, i32(), 'Non-terminating pods with a Ready condition.'),
  replicas: f(2, i32(), 'Non-terminating pods targeted by this Deployment.'),
  terminatingReplicas: f(9, i32(), 'Pods that are terminating (have a deletionTimestamp). Alpha.', { 'x-kite-proto-keep-zero': true }),
  unavailableReplicas: f(5, i32(), 'Pods still needed for 100% available capacity.'),
  updatedReplicas: f(3, i32(), 'Non-terminating pods that run the desired template.'),
});

defineKind(`${APPS}.Deployment`, ['apps', 'v1', 'Deployment'], 'Declarative updates for Pods and ReplicaSets.', {
  spec: f(2, a('DeploymentSpec'), 'Desired behaviour of the Deployment.'),
  status: f(3, a('DeploymentStatus'), 'Most recently observed state of the Deployment. Read-only.'),
});
defineList(`${APPS}.Deployment`, ['apps', 'v1', 'Deployment'], 'A list of Deployments.');

// ---- ReplicaSet -----------------------------------------------------------------------------------

condition('ReplicaSet', 'replica set');

struct(`${APPS}.ReplicaSetSpec`, 'Desired behaviour of a ReplicaSet.', {
  minReadySeconds: f(4, i32(), 'Seconds a new pod must be ready, without any container crashing, to count as available. Defaults to 0.'),
  replicas: f(1, i32(), 'Desired number of pods. Defaults to 1.', { 'x-kite-proto-keep-zero': true }),
  selector: f(2, selector(), 'Selects the pods this ReplicaSet counts; must match the template labels.'),
  template: f(3, podTemplate(), 'Pods to create when too few exist.'),
}, { required: ['selector'] });

struct(`${APPS}.ReplicaSetStatus`, 'Most recently observed state of a ReplicaSet.', {
  availableReplicas: f(5, i32(), 'Non-terminating pods that have been ready for at least minReadySeconds.'),
  conditions: conditions('ReplicaSet', 6, 'replica set'),
  fullyLabeledReplicas: f(2, i32(), 'Non-terminating pods whose labels match the template labels.'),
  observedGeneration: f(3, i64(), 'Generation last acted upon by the controller.'),
  readyReplicas: f(4, i32(), 'Non-terminating pods with a Ready condition.'),
  replicas: f(1, i32(), 'Most recently observed number of non-terminating pods.', { 'x-kite-proto-keep-zero': true }),
  terminatingReplicas: f(7, i32(), 'Pods that are terminating (have a deletionTimestamp). Alpha.', { 'x-kite-proto-keep-zero': true }),
}, { required: ['replicas'] });

defineKind(`${APPS}.ReplicaSet`, ['apps', 'v1', 'ReplicaSet'], 'Keeps a given number of pod replicas running.', {
  spec: f(2, a('ReplicaSetSpec'), 'Desired behaviour of the ReplicaSet.'),
  status: f(3, a('ReplicaSetStatus'), 'Most recently observed state of the ReplicaSet. Read-only.'),
});
defineList(`${APPS}.ReplicaSet`, ['apps', 'v1', 'ReplicaSet'], 'A list of ReplicaSets.');

// ---- StatefulSet ----------------------------------------------------------------------------------

condition('StatefulSet', 'stateful set');

struct(`${APPS}.RollingUpdateStatefulSetStrategy`, 'Parameters of a rolling update of a StatefulSet.', {
  maxUnavailable: f(2, intOrString(), 'Pods that may be unavailable during the update: a number or a percentage (rounded up); cannot be 0. Defaults to 1.', { 'x-kite-proto-keep-zero': true }),
  partition: f(1, i32(), 'Only pods with an ordinal at or above this value are updated. Defaults to 0.', { 'x-kite-proto-keep-zero': true }),
});

struct(`${APPS}.StatefulSetUpdateStrategy`, 'How a StatefulSet updates its pods when the template changes.', {
  rollingUpdate: f(2, a('RollingUpdateStatefulSetStrategy'), 'Rolling update parameters; only with type RollingUpdate.'),
  type: f(1, str(), '"RollingUpdate" (the default) or "OnDelete".'),
});

struct(`${APPS}.StatefulSetPersistentVolumeClaimRetentionPolicy`, 'What happens to claims created from volumeClaimTemplates.', {
  whenDeleted: f(1, str(), 'On StatefulSet deletion: "Retain" (the default) or "Delete".'),
  whenScaled: f(2, str(), 'On scale-down, for claims of removed replicas: "Retain" (the default) or "Delete".'),
});

struct(`${APPS}.StatefulSetOrdinals`, 'Numbering of replica indices.', {
  start: f(1, i32(), 'Index of the first replica. Defaults to 0.', { 'x-kite-proto-keep-zero': true }),
});

struct(`${APPS}.StatefulSetSpec`, 'Desired behaviour of a StatefulSet.', {
  minReadySeconds: f(9, i32(), 'Seconds a new pod must be ready, without any container crashing, to count as available. Defaults to 0.'),
  ordinals: f(11, a('StatefulSetOrdinals'), 'Numbering of replica indices.'),
  persistentVolumeClaimRetentionPolicy: f(10, a('StatefulSetPersistentVolumeClaimRetentionPolicy'), 'Lifecycle of claims created from volumeClaimTemplates.'),
  podManagementPolicy: f(6, str(), '"OrderedReady" (the default: one pod at a time, in order) or "Parallel".'),
  replicas: f(1, i32(), 'Desired number of replicas. Defaults to 1.', { 'x-kite-proto-keep-zero': true }),
  revisionHistoryLimit: f(8, i32(), 'Revisions kept in history. Defaults to 10.', { 'x-kite-proto-keep-zero': true }),
  selector: f(2, selector(), 'Selects the pods this StatefulSet counts; must match the template labels.'),
  serviceName: f(5, str(), 'Name of the governing Service that gives pods their network identity.', { 'x-kite-proto-keep-zero': true }),
  template: f(3, podTemplate(), 'Pods to create; each gets the name <statefulset>-<ordinal>. template.spec.restartPolicy may only be "Always".'),
  updateStrategy: f(7, a('StatefulSetUpdateStrategy'), 'How pods are updated when the template changes.'),
  volumeClaimTemplates: f(4, listAtomic(ref('io.k8s.api.core.v1.PersistentVolumeClaim')), 'Claims each pod gets; each needs a matching volumeMount in the template.'),
}, { required: ['selector', 'template'] });

struct(`${APPS}.StatefulSetStatus`, 'Most recently observed state of a StatefulSet.', {
  availableReplicas: f(11, i32(), 'Pods that have been ready for at least minReadySeconds.', { 'x-kite-proto-keep-zero': true }),
  collisionCount: f(9, i32(), 'Hash collisions seen when naming the newest ControllerRevision.', { 'x-kite-proto-keep-zero': true }),
  conditions: conditions('StatefulSet', 10, 'stateful set'),
  currentReplicas: f(4, i32(), 'Pods created from the currentRevision.'),
  currentRevision: f(6, str(), 'Revision of the pods in [0, currentReplicas).'),
  observedGeneration: f(1, i64(), 'Generation last acted upon by the controller.'),
  readyReplicas: f(3, i32(), 'Pods with a Ready condition.'),
  replicas: f(2, i32(), 'Pods created by the controller.', { 'x-kite-proto-keep-zero': true }),
  updateRevision: f(7, str(), 'Revision of the pods in [replicas-updatedReplicas, replicas).'),
  updatedReplicas: f(5, i32(), 'Pods created from the updateRevision.'),
}, { required: ['replicas'] });

defineKind(`${APPS}.StatefulSet`, ['apps', 'v1', 'StatefulSet'], 'A set of pods with stable network identities and storage.', {
  spec: f(2, a('StatefulSetSpec'), 'Desired identities of the pods.'),
  status: f(3, a('StatefulSetStatus'), 'Most recently observed state of the StatefulSet. Read-only.'),
});
defineList(`${APPS}.StatefulSet`, ['apps', 'v1', 'StatefulSet'], 'A list of StatefulSets.');

// ---- DaemonSet ------------------------------------------------------------------------------------

condition('DaemonSet', 'daemon set');

struct(`${APPS}.RollingUpdateDaemonSet`, 'Parameters of a rolling update of a DaemonSet.', {
  maxSurge: f(2, intOrString(), 'Nodes that may run an updated pod next to the old one during the update: a number or a percentage (rounded up). Defaults to 0.', { 'x-kite-proto-keep-zero': true }),
  maxUnavailable: f(1, intOrString(), 'Nodes whose pod may be unavailable during the update: a number or a percentage (rounded up). Defaults to 1.', { 'x-kite-proto-keep-zero': true }),
});

struct(`${APPS}.DaemonSetUpdateStrategy`, 'How a DaemonSet updates its pods.', {
  rollingUpdate: f(2, a('RollingUpdateDaemonSet'), 'Rolling update parameters; only with type RollingUpdate.'),
  type: f(1, str(), '"RollingUpdate" (the default) or "OnDelete".'),
});

struct(`${APPS}.DaemonSetSpec`, 'Desired behaviour of a DaemonSet.', {
  minReadySeconds: f(4, i32(), 'Seconds a new pod must be ready, without any container crashing, to count as available. Defaults to 0.'),
  revisionHistoryLimit: f(6, i32(), 'Old revisions kept for rollback. Defaults to 10.', { 'x-kite-proto-keep-zero': true }),
  selector: f(1, selector(), 'Selects the pods this DaemonSet manages; must match the template labels.'),
  template: f(2, podTemplate(), 'The pod run on every matching node. template.spec.restartPolicy may only be "Always".'),
  updateStrategy: f(3, a('DaemonSetUpdateStrategy'), 'How pods are replaced when the template changes.'),
}, { required: ['selector', 'template'] });

struct(`${APPS}.DaemonSetStatus`, 'Most recently observed state of a DaemonSet.', {
  collisionCount: f(9, i32(), 'Hash collisions seen when naming the newest ControllerRevision.', { 'x-kite-proto-keep-zero': true }),
  conditions: conditions('DaemonSet', 10, 'daemon set'),
  currentNumberScheduled: f(1, i32(), 'Nodes running at least one daemon pod that should run it.', { 'x-kite-proto-keep-zero': true }),
  desiredNumberScheduled: f(3, i32(), 'Nodes that should run the daemon pod.', { 'x-kite-proto-keep-zero': true }),
  numberAvailable: f(7, i32(), 'Nodes whose daemon pod has been ready for at least minReadySeconds.'),
  numberMisscheduled: f(2, i32(), 'Nodes running the daemon pod that should not.', { 'x-kite-proto-keep-zero': true }),
  numberReady: f(4, i32(), 'Nodes whose daemon pod has a Ready condition.', { 'x-kite-proto-keep-zero': true }),
  numberUnavailable: f(8, i32(), 'Nodes that should run the daemon pod but have none available.'),
  observedGeneration: f(5, i64(), 'Generation last acted upon by the controller.'),
  updatedNumberScheduled: f(6, i32(), 'Nodes running the updated daemon pod.'),
}, { required: ['currentNumberScheduled', 'numberMisscheduled', 'desiredNumberScheduled', 'numberReady'] });

defineKind(`${APPS}.DaemonSet`, ['apps', 'v1', 'DaemonSet'], 'Runs a copy of a pod on every matching node.', {
  spec: f(2, a('DaemonSetSpec'), 'Desired behaviour of the DaemonSet.'),
  status: f(3, a('DaemonSetStatus'), 'Most recently observed state of the DaemonSet. Read-only.'),
});
defineList(`${APPS}.DaemonSet`, ['apps', 'v1', 'DaemonSet'], 'A list of DaemonSets.');

// ---- ControllerRevision ---------------------------------------------------------------------------

defineKind(`${APPS}.ControllerRevision`, ['apps', 'v1', 'ControllerRevision'], 'An immutable snapshot of controller state, used by DaemonSet and StatefulSet for updates and rollbacks.', {
  data: f(2, rawExtension(), 'The serialized state.'),
  revision: f(3, i64(), 'Revision number of the state in data.', { 'x-kite-proto-keep-zero': true }),
}, { required: ['revision'] });
defineList(`${APPS}.ControllerRevision`, ['apps', 'v1', 'ControllerRevision'], 'A list of ControllerRevisions.');
