// scheduling.k8s.io/v1 PriorityClass. Field names and protobuf numbers follow upstream
// k8s.io/api/scheduling/v1; descriptions are ours.

import { bool, f, i32, str } from './dsl.js';
import { defineKind, defineList } from './kinds.js';

defineKind('io.k8s.api.scheduling.v1.PriorityClass', ['scheduling.k8s.io', 'v1', 'PriorityClass'], 'Maps a priority class name to the integer priority that pods naming it receive.', {
  description: f(4, str(), 'When this class should be used.'),
  globalDefault: f(3, bool(), 'Whether pods without a priorityClassName get this class; at most one class may set it.'),
  preemptionPolicy: f(5, str(), 'Never or PreemptLowerPriority (default): whether pods of this class may preempt lower-priority pods.', { 'x-kite-proto-keep-zero': true }),
  value: f(2, i32(), 'The priority pods of this class receive; higher is more important.', { 'x-kite-proto-keep-zero': true }),
}, { required: ['value'] });
defineList('io.k8s.api.scheduling.v1.PriorityClass', ['scheduling.k8s.io', 'v1', 'PriorityClass'], 'A list of PriorityClasses.');
