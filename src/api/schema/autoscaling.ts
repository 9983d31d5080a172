// autoscaling/v1 Scale: the body of the /scale subresource. Field names and protobuf numbers follow
// upstream k8s.io/api/autoscaling/v1; descriptions are ours.

import { f, i32, ref, str, struct } from './dsl.js';
import { defineKind } from './kinds.js';

const AUTOSCALING = 'io.k8s.api.autoscaling.v1';

struct(`${AUTOSCALING}.ScaleSpec`, 'Desired scale of a resource.', {
  replicas: f(1, i32(), 'Desired number of instances.'),
});

struct(`${AUTOSCALING}.ScaleStatus`, 'Observed scale of a resource.', {
  replicas: f(1, i32(), 'Observed number of instances.', { 'x-kite-proto-keep-zero': true }),
  selector: f(2, str(), 'Label selector of the counted pods, in query-parameter form.'),
}, { required: ['replicas'] });

defineKind(`${AUTOSCALING}.Scale`, ['autoscaling', 'v1', 'Scale'], 'A scaling request for a resource.', {
  spec: f(2, ref(`${AUTOSCALING}.ScaleSpec`), 'Desired scale.'),
  status: f(3, ref(`${AUTOSCALING}.ScaleStatus`), 'Observed scale. Read-only.'),
});
