// ReplicationController, the predecessor of apps/v1 ReplicaSet.

import { f, i32, i64, listMap, map, str, struct, time } from '../dsl.js';
import { kind, kindList, objectHeader } from './kind.js';
import { CORE, core } from './names.js';

kind('ReplicationController', 'Keeps a number of pod replicas running (superseded by ReplicaSet).', {
  ...objectHeader(),
  spec: f(2, core('ReplicationControllerSpec'), 'Desired behaviour of the controller.'),
  status: f(3, core('ReplicationControllerStatus'), 'Most recently observed status of the controller.'),
});
kindList('ReplicationController', 'A list of ReplicationControllers.', 'The replication controllers.');

struct(`${CORE}.ReplicationControllerSpec`, 'Specification of a replication controller.', {
  minReadySeconds: f(4, i32(), 'Seconds a new pod must be ready, without crashing, to count as available.'),
  replicas: f(1, i32(), 'Number of desired replicas; defaults to 1.', { 'x-kite-proto-keep-zero': true }),
  selector: f(2, map(str(), { 'x-kubernetes-map-type': 'atomic' }), 'Labels of the pods counted; defaults to the template labels.'),
  template: f(3, core('PodTemplateSpec'), 'Pod created when there are too few replicas.'),
});

struct(`${CORE}.ReplicationControllerStatus`, 'Current status of a replication controller.', {
  availableReplicas: f(5, i32(), 'Number of pods ready for at least minReadySeconds.'),
  conditions: f(6, listMap(core('ReplicationControllerCondition'), 'type'), 'Latest observations of the controller state.'),
  fullyLabeledReplicas: f(2, i32(), 'Number of pods carrying all labels of the template.'),
  observedGeneration: f(3, i64(), 'Generation of the controller most recently observed.'),
  readyReplicas: f(4, i32(), 'Number of ready pods.'),
  replicas: f(1, i32(), 'Most recently observed number of replicas.', { 'x-kite-proto-keep-zero': true }),
}, { required: ['replicas'] });

struct(`${CORE}.ReplicationControllerCondition`, 'A condition of a replication controller.', {
  lastTransitionTime: f(3, time(), 'When the condition last changed status.'),
  message: f(5, str(), 'Human-readable details of the transition.'),
  reason: f(4, str(), 'Reason of the last transition.'),
  status: f(2, str(), 'True, False or Unknown.', { 'x-kite-proto-keep-zero': true }),
  type: f(1, str(), 'Type of the condition.', { 'x-kite-proto-keep-zero': true }),
}, { required: ['type', 'status'] });
