// policy/v1 Eviction: the body of the pods/eviction subresource. Field names and protobuf numbers
// follow upstream k8s.io/api/policy/v1; descriptions are ours.

import { META, f, i32, i64, intOrString, listMap, map, ref, str, struct, time } from './dsl.js';
import { defineKind, defineList } from './kinds.js';

defineKind('io.k8s.api.policy.v1.Eviction', ['policy', 'v1', 'Eviction'], 'Evicts a pod, subject to disruption budgets; posted to pods/<name>/eviction.', {
  deleteOptions: f(2, ref(`${META}.DeleteOptions`), 'Options for the deletion of the pod.'),
});

defineKind('io.k8s.api.policy.v1.PodDisruptionBudget', ['policy', 'v1', 'PodDisruptionBudget'], 'Limits how many pods of a collection may be down at once through voluntary disruptions (evictions).', {
  spec: f(2, ref('io.k8s.api.policy.v1.PodDisruptionBudgetSpec'), 'The desired behaviour of the budget.'),
  status: f(3, ref('io.k8s.api.policy.v1.PodDisruptionBudgetStatus'), 'The most recently observed state of the budget.'),
});
defineList('io.k8s.api.policy.v1.PodDisruptionBudget', ['policy', 'v1', 'PodDisruptionBudget'], 'A list of PodDisruptionBudgets.');

struct('io.k8s.api.policy.v1.PodDisruptionBudgetSpec', 'What a budget protects and how much disruption it allows.', {
  maxUnavailable: f(3, intOrString(), 'An eviction is allowed if at most this many selected pods are unavailable after it: a number or a percentage. Mutually exclusive with minAvailable.', { 'x-kite-proto-keep-zero': true }),
  minAvailable: f(1, intOrString(), 'An eviction is allowed if at least this many selected pods are still available after it: a number or a percentage.', { 'x-kite-proto-keep-zero': true }),
  selector: f(2, ref(`${META}.LabelSelector`), 'The pods the budget covers; an empty selector selects no pods.', { 'x-kubernetes-patch-strategy': 'replace' }),
  unhealthyPodEvictionPolicy: f(4, str(), 'When unhealthy running pods may be evicted: IfHealthyBudget (default) or AlwaysAllow.', { 'x-kite-proto-keep-zero': true }),
});

struct('io.k8s.api.policy.v1.PodDisruptionBudgetStatus', 'The observed state of a budget; may lag behind the cluster.', {
  conditions: f(7, listMap(ref(`${META}.Condition`), 'type'), 'Latest observations of the budget, such as DisruptionAllowed.'),
  currentHealthy: f(4, i32(), 'Current number of healthy pods.', { 'x-kite-proto-keep-zero': true }),
  desiredHealthy: f(5, i32(), 'Minimum desired number of healthy pods.', { 'x-kite-proto-keep-zero': true }),
  disruptedPods: f(2, map(time()), 'Pods whose eviction was processed but not yet observed by the controller, with the time of eviction.'),
  disruptionsAllowed: f(3, i32(), 'Number of pod disruptions currently allowed.', { 'x-kite-proto-keep-zero': true }),
  expectedPods: f(6, i32(), 'Total number of pods counted by the budget.', { 'x-kite-proto-keep-zero': true }),
  observedGeneration: f(1, i64(), 'The generation observed when this status was computed.'),
}, { required: ['disruptionsAllowed', 'currentHealthy', 'desiredHealthy', 'expectedPods'] });
