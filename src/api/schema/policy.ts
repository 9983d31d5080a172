// policy/v1 Eviction: the body of the pods/eviction subresource. Field names and protobuf numbers
// follow upstream k8s.io/api/policy/v1; descriptions are ours.

import { META, f, ref } from './dsl.js';
import { defineKind } from './kinds.js';

defineKind('io.k8s.api.policy.v1.Eviction', ['policy', 'v1', 'Eviction'], 'Evicts a pod, subject to disruption budgets; posted to pods/<name>/eviction.', {
  deleteOptions: f(2, ref(`${META}.DeleteOptions`), 'Options for the deletion of the pod.'),
});
