// References and key selectors shared by many core/v1 types.

import { bool, f, i32, quantity, str, struct } from '../dsl.js';
import { CORE } from './names.js';
import { ATOMIC_STRUCT, embeddedLocalName } from './shared.js';

struct(`${CORE}.LocalObjectReference`, 'A reference to an object in the same namespace, by name.', {
  name: f(1, str(), 'Name of the referent in the same namespace.', { default: '' }),
}, ATOMIC_STRUCT);

struct(`${CORE}.ObjectReference`, 'Enough information to inspect or modify the referred object.', {
  apiVersion: f(5, str(), 'API version of the referent.'),
  fieldPath: f(7, str(), 'Path to a part of the object (for example spec.containers{name}) when the reference is to a piece of it.'),
  kind: f(1, str(), 'Kind of the referent.'),
  name: f(3, str(), 'Name of the referent.'),
  namespace: f(2, str(), 'Namespace of the referent.'),
  resourceVersion: f(6, str(), 'Specific resourceVersion the reference is made to, if any.'),
  uid: f(4, str(), 'UID of the referent.'),
}, ATOMIC_STRUCT);

struct(`${CORE}.TypedLocalObjectReference`, 'A reference to a typed object in the same namespace.', {
  apiGroup: f(1, str(), 'API group of the referenced kind; empty means the core group.', { 'x-kite-proto-keep-zero': true }),
  kind: f(2, str(), 'Kind of the referenced object.', { 'x-kite-proto-keep-zero': true }),
  name: f(3, str(), 'Name of the referenced object.', { 'x-kite-proto-keep-zero': true }),
}, { required: ['kind', 'name'], ...ATOMIC_STRUCT });

struct(`${CORE}.TypedObjectReference`, 'A reference to a typed object, possibly in another namespace.', {
  apiGroup: f(1, str(), 'API group of the referenced kind; empty means the core group.', { 'x-kite-proto-keep-zero': true }),
  kind: f(2, str(), 'Kind of the referenced object.', { 'x-kite-proto-keep-zero': true }),
  name: f(3, str(), 'Name of the referenced object.', { 'x-kite-proto-keep-zero': true }),
  namespace: f(4, str(), 'Namespace of the referenced object (needs a ReferenceGrant in that namespace).', { 'x-kite-proto-keep-zero': true }),
}, { required: ['kind', 'name'] });

struct(`${CORE}.SecretReference`, 'A reference to a Secret by name and namespace.', {
  name: f(1, str(), 'Name of the secret.'),
  namespace: f(2, str(), 'Namespace of the secret.'),
}, ATOMIC_STRUCT);

struct(`${CORE}.ObjectFieldSelector`, 'Selects a field of an object by path.', {
  apiVersion: f(1, str(), 'Schema version the fieldPath is written in; defaults to v1.'),
  fieldPath: f(2, str(), 'Path of the field to select.', { 'x-kite-proto-keep-zero': true }),
}, { required: ['fieldPath'], ...ATOMIC_STRUCT });

struct(`${CORE}.ResourceFieldSelector`, 'Selects a container resource (limits or requests) and its output unit.', {
  containerName: f(1, str(), 'Container name; required for volumes, optional for env vars.'),
  divisor: f(3, quantity(), 'Unit the value is divided by before it is exposed; defaults to 1.'),
  resource: f(2, str(), 'Resource to select, such as limits.cpu or requests.memory.', { 'x-kite-proto-keep-zero': true }),
}, { required: ['resource'], ...ATOMIC_STRUCT });

struct(`${CORE}.ConfigMapKeySelector`, 'Selects one key of a ConfigMap.', {
  key: f(2, str(), 'The key to select.', { 'x-kite-proto-keep-zero': true }),
  ...embeddedLocalName('Name of the ConfigMap in the same namespace.'),
  optional: f(3, bool(), 'Whether the ConfigMap or its key may be missing.', { 'x-kite-proto-keep-zero': true }),
}, { required: ['key'], ...ATOMIC_STRUCT });

struct(`${CORE}.SecretKeySelector`, 'Selects one key of a Secret in the pod namespace.', {
  key: f(2, str(), 'The key of the secret to select.', { 'x-kite-proto-keep-zero': true }),
  ...embeddedLocalName('Name of the Secret in the same namespace.'),
  optional: f(3, bool(), 'Whether the Secret or its key may be missing.', { 'x-kite-proto-keep-zero': true }),
}, { required: ['key'], ...ATOMIC_STRUCT });

struct(`${CORE}.FileKeySelector`, 'Selects one key of an env file in a volume.', {
  key: f(3, str(), 'The key within the env file.', { 'x-kite-proto-keep-zero': true }),
  optional: f(4, bool(), 'Whether the file or key may be missing, in which case the variable is not set.', { default: false, 'x-kite-proto-keep-zero': true }),
  path: f(2, str(), 'Relative path of the env file within the volume.', { 'x-kite-proto-keep-zero': true }),
  volumeName: f(1, str(), 'Name of the volume mount that holds the env file.', { 'x-kite-proto-keep-zero': true }),
}, { required: ['volumeName', 'path', 'key'], ...ATOMIC_STRUCT });

struct(`${CORE}.KeyToPath`, 'Maps a key of a ConfigMap or Secret to a file path within a volume.', {
  key: f(1, str(), 'The key to project.', { 'x-kite-proto-keep-zero': true }),
  mode: f(3, i32(), 'Permission bits of the file (0000-0777); the volume defaultMode is used when unset.', { 'x-kite-proto-keep-zero': true }),
  path: f(2, str(), 'Relative path of the file; may not contain or start with "..".', { 'x-kite-proto-keep-zero': true }),
}, { required: ['key', 'path'] });
