// Namespace.

import { f, listAtomic, listMap, str, struct, time } from '../dsl.js';
import { kind, kindList, objectHeader } from './kind.js';
import { CORE, core } from './names.js';

kind('Namespace', 'A scope for names; objects in different namespaces may share a name.', {
  ...objectHeader(),
  spec: f(2, core('NamespaceSpec'), 'Desired behaviour of the namespace.'),
  status: f(3, core('NamespaceStatus'), 'Current status of the namespace.'),
});
kindList('Namespace', 'A list of Namespaces.', 'The namespaces.');

struct(`${CORE}.NamespaceSpec`, 'The attributes of a namespace.', {
  finalizers: f(1, listAtomic(str()), 'Opaque values that must all be removed before the namespace is deleted for good.'),
});

struct(`${CORE}.NamespaceStatus`, 'Current status of a namespace.', {
  conditions: f(2, listMap(core('NamespaceCondition'), 'type'), 'Latest observations of the namespace state.'),
  phase: f(1, str(), 'Lifecycle phase of the namespace: Active or Terminating.'),
});

struct(`${CORE}.NamespaceCondition`, 'A condition of a namespace.', {
  lastTransitionTime: f(4, time(), 'When the condition last changed status.'),
  message: f(6, str(), 'Human-readable details of the last transition.'),
  reason: f(5, str(), 'Unique, one-word, CamelCase reason for the last transition.'),
  status: f(2, str(), 'True, False or Unknown.', { 'x-kite-proto-keep-zero': true }),
  type: f(1, str(), 'Type of the condition.', { 'x-kite-proto-keep-zero': true }),
}, { required: ['type', 'status'] });
