// meta/v1, runtime, intstr and resource schemas: the shared vocabulary of every kind (ObjectMeta,
// ListMeta, LabelSelector, Status, DeleteOptions, Time, Quantity, IntOrString, RawExtension).
// Field names, protobuf numbers and patch markers follow upstream apimachinery; descriptions are ours.

import {
  META, bool, f, i32, i64, listAtomic, listMap, listSet, map, rawExtension, ref, scalar, str, struct, time,
  definitions, kindIndex,
} from './dsl.js';
import type { OpenAPISchema } from './types.js';

const m = (name: string): OpenAPISchema => ref(`${META}.${name}`);

const apiVersionField = (): OpenAPISchema => f(0, str(), 'Versioned schema of this representation of an object; the server converts recognized schemas.');
const kindField = (): OpenAPISchema => f(0, str(), 'REST resource this object represents, in CamelCase; cannot be updated.');

/** Groups whose DeleteOptions/WatchEvent kinds are registered besides the core "v1" form. */
const META_KIND_GROUPS: [string, string][] = [
  ['apps', 'v1'],
  ['autoscaling', 'v1'],
  ['batch', 'v1'],
  ['coordination.k8s.io', 'v1'],
  ['events.k8s.io', 'v1'],
  ['policy', 'v1'],
];

/** Registers extra group-version-kinds for a schema already defined by `struct` (meta kinds are served by every group). */
function alsoKinds(name: string, kind: string): void {
  const s = definitions[name];
  const gvks = [...(s['x-kubernetes-group-version-kind'] ?? [])];
  for (const [group, version] of META_KIND_GROUPS) {
    gvks.push({ group, version, kind });
    kindIndex.set(`${group}/${version}/${kind}`, name);
  }
  s['x-kubernetes-group-version-kind'] = gvks;
  // The metav1 group itself: accepted when decoding, not advertised (upstream does not list it).
  kindIndex.set(`meta.k8s.io/v1/${kind}`, name);
}

// ---- named scalars -------------------------------------------------------------------------------

scalar(`${META}.Time`, {
  type: 'string', format: 'date-time',
  description: 'A timestamp in RFC 3339 form with second precision, always in UTC.',
  'x-kite-proto-type': 'Time',
});

scalar(`${META}.MicroTime`, {
  type: 'string', format: 'date-time',
  description: 'A timestamp in RFC 3339 form with microsecond precision.',
  'x-kite-proto-type': 'MicroTime',
});

// No `type`, so `kubectl explain` names the type (<Quantity>) as it does against upstream, where the
// v3 schema is a oneOf string|number.
scalar('io.k8s.apimachinery.pkg.api.resource.Quantity', {
  description: 'A fixed-point number with an optional unit suffix: binary (Ki, Mi, Gi, ...), decimal (k, M, G, ...) or a decimal exponent (e3). Serialized as a string, e.g. "500m", "1.5Gi", "2".',
  'x-kite-proto-type': 'Quantity',
});

scalar('io.k8s.apimachinery.pkg.util.intstr.IntOrString', {
  format: 'int-or-string',
  description: 'Either a 32-bit integer or a string (such as a percentage "25%" or a port name); the JSON value keeps its own type.',
  'x-kubernetes-int-or-string': true,
  'x-kite-proto-type': 'IntOrString',
});

scalar('io.k8s.apimachinery.pkg.runtime.RawExtension', {
  type: 'object',
  description: 'An embedded object of any kind, kept verbatim.',
  'x-kubernetes-preserve-unknown-fields': true,
  'x-kite-proto-type': 'RawExtension',
});

scalar(`${META}.FieldsV1`, {
  type: 'object',
  description: 'A set of fields as a trie in JSON: keys are "f:<field>", "k:<list keys>", "v:<value>", "i:<index>" or "." for the field itself.',
  'x-kubernetes-preserve-unknown-fields': true,
  'x-kite-proto-type': 'FieldsV1',
});

// ---- object and list metadata --------------------------------------------------------------------

struct(`${META}.OwnerReference`, 'Identifies an owning object in the same namespace (or cluster scope) as the dependent.', {
  apiVersion: f(5, str(), 'API version of the owner.', { 'x-kite-proto-keep-zero': true }),
  blockOwnerDeletion: f(7, bool(), 'When true and the owner has the "foregroundDeletion" finalizer, the owner is not removed from storage until this reference is gone. Setting it needs delete permission on the owner.', { 'x-kite-proto-keep-zero': true }),
  controller: f(6, bool(), 'When true, this owner is the managing controller; at most one owner may be.', { 'x-kite-proto-keep-zero': true }),
  kind: f(1, str(), 'Kind of the owner.', { 'x-kite-proto-keep-zero': true }),
  name: f(3, str(), 'Name of the owner.', { 'x-kite-proto-keep-zero': true }),
  uid: f(4, str(), 'UID of the owner.', { 'x-kite-proto-keep-zero': true }),
}, { required: ['apiVersion', 'kind', 'name', 'uid'], ext: { 'x-kubernetes-map-type': 'atomic' } });

struct(`${META}.ManagedFieldsEntry`, 'The fields one manager owns, for one API version, as recorded by server-side apply.', {
  apiVersion: f(3, str(), 'API version (group/version) the field set is expressed in.'),
  fieldsType: f(6, str(), 'Format of the field set; only "FieldsV1" exists.'),
  fieldsV1: f(7, m('FieldsV1'), 'The owned fields, in FieldsV1 format.'),
  manager: f(1, str(), 'Name of the workflow that manages these fields.'),
  operation: f(2, str(), 'Operation that produced the entry: "Apply" or "Update".'),
  subresource: f(8, str(), 'Subresource the update went through ("status", "scale", ...), or empty for the main resource.'),
  time: f(4, time(), 'When the entry last changed: a field was added, or an owned value changed.'),
});

struct(`${META}.ObjectMeta`, 'Metadata every persisted object has: identity, labels, annotations, ownership and lifecycle.', {
  annotations: f(12, map(str()), 'Unstructured key/value data set by tools; not queryable. https://kubernetes.io/docs/concepts/overview/working-with-objects/annotations'),
  creationTimestamp: f(8, time(), 'Server time at creation, in UTC. Set by the system; read-only.'),
  deletionGracePeriodSeconds: f(10, i64(), 'Seconds the object has to terminate gracefully once deletion was requested; may only shrink. Read-only.', { 'x-kite-proto-keep-zero': true }),
  deletionTimestamp: f(9, time(), 'When the object will be removed, set by the server once a graceful deletion is requested. Read-only.'),
  finalizers: f(14, listSet(str(), { strategy: 'merge' }), 'Identifiers of components that must finish clean-up before the object is removed. Order is not enforced.'),
  generateName: f(2, str(), 'Prefix for a server-generated unique name, used when name is empty.'),
  generation: f(7, i64(), 'Sequence number of the desired state; bumped on spec changes. Read-only.'),
  labels: f(11, map(str()), 'Key/value pairs used to organize and select objects. https://kubernetes.io/docs/concepts/overview/working-with-objects/labels'),
  managedFields: f(17, listAtomic(m('ManagedFieldsEntry')), 'Which manager owns which fields (server-side apply bookkeeping).'),
  name: f(1, str(), 'Unique name within the namespace; cannot be updated. https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names'),
  namespace: f(3, str(), 'Namespace the object lives in; empty for cluster-scoped objects. Cannot be updated.'),
  ownerReferences: f(13, listMap(m('OwnerReference'), 'uid'), 'Objects this one depends on; when all of them are gone it is garbage collected. At most one may be the controller.'),
  resourceVersion: f(6, str(), 'Opaque version used for optimistic concurrency and watch; pass it back unmodified. Read-only.'),
  selfLink: f(4, str(), 'Deprecated; no longer set by the system.'),
  uid: f(5, str(), 'Unique identifier in time and space, set by the server at creation. Read-only.'),
});

struct(`${META}.ListMeta`, 'Metadata of lists and other synthetic responses.', {
  continue: f(3, str(), 'Token to fetch the next chunk of a limited list; opaque.'),
  remainingItemCount: f(4, i64(), 'Estimated number of items after this chunk; unset when selectors are used.', { 'x-kite-proto-keep-zero': true }),
  resourceVersion: f(2, str(), 'Version of the list, usable as a watch starting point; opaque.'),
  selfLink: f(1, str(), 'Deprecated; no longer set by the system.'),
});

// ---- selectors and conditions --------------------------------------------------------------------

struct(`${META}.LabelSelectorRequirement`, 'One label requirement: a key, an operator and values.', {
  key: f(1, str(), 'Label key the requirement applies to.', { 'x-kite-proto-keep-zero': true }),
  operator: f(2, str(), 'Relation of the key to the values: In, NotIn, Exists or DoesNotExist.', { 'x-kite-proto-keep-zero': true }),
  values: f(3, listAtomic(str()), 'Values for In/NotIn (non-empty); must be empty for Exists/DoesNotExist.'),
}, { required: ['key', 'operator'] });

struct(`${META}.LabelSelector`, 'A label query; matchLabels and matchExpressions are ANDed. Empty selects everything, null selects nothing.', {
  matchExpressions: f(2, listAtomic(m('LabelSelectorRequirement')), 'Requirements that must all hold.'),
  matchLabels: f(1, map(str()), 'Exact key/value matches, each equivalent to an In requirement with one value.'),
}, { ext: { 'x-kubernetes-map-type': 'atomic' } });

struct(`${META}.Condition`, 'One aspect of an object\'s current state.', {
  lastTransitionTime: f(4, time(), 'When the status last changed.'),
  message: f(6, str(), 'Human-readable details about the transition.', { 'x-kite-proto-keep-zero': true }),
  observedGeneration: f(3, i64(), 'metadata.generation the condition was computed from.'),
  reason: f(5, str(), 'Machine-readable CamelCase reason for the last transition.', { 'x-kite-proto-keep-zero': true }),
  status: f(2, str(), 'True, False or Unknown.', { 'x-kite-proto-keep-zero': true }),
  type: f(1, str(), 'Condition type, in CamelCase or foo.example.com/CamelCase.', { 'x-kite-proto-keep-zero': true }),
}, { required: ['type', 'status', 'lastTransitionTime', 'reason', 'message'] });

// ---- status ---------------------------------------------------------------------------------------

struct(`${META}.StatusCause`, 'One cause of a failure, possibly tied to a field.', {
  field: f(3, str(), 'JSON path of the offending field, e.g. "spec.containers[0].image".'),
  message: f(2, str(), 'Human-readable explanation.'),
  reason: f(1, str(), 'Machine-readable reason.'),
});

struct(`${META}.StatusDetails`, 'Extra data about a Status, depending on its reason.', {
  causes: f(4, listAtomic(m('StatusCause')), 'Individual causes of the failure.'),
  group: f(2, str(), 'API group of the resource concerned.'),
  kind: f(3, str(), 'Kind of the resource concerned.'),
  name: f(1, str(), 'Name of the resource concerned.'),
  retryAfterSeconds: f(5, i32(), 'Seconds to wait before retrying.'),
  uid: f(6, str(), 'UID of the resource concerned.'),
});

struct(`${META}.Status`, 'Result of a call that returns no object, and the body of every error.', {
  apiVersion: apiVersionField(),
  code: f(6, i32(), 'Suggested HTTP status code.'),
  details: f(5, m('StatusDetails'), 'Reason-specific details.', { 'x-kubernetes-list-type': 'atomic' }),
  kind: kindField(),
  message: f(3, str(), 'Human-readable description.'),
  metadata: f(1, m('ListMeta'), 'Standard list metadata.'),
  reason: f(4, str(), 'Machine-readable reason for a failure, e.g. NotFound.'),
  status: f(2, str(), '"Success" or "Failure".'),
}, { gvk: ['', 'v1', 'Status'] });

// ---- options --------------------------------------------------------------------------------------

struct(`${META}.Preconditions`, 'Conditions that must hold before an operation is carried out.', {
  resourceVersion: f(2, str(), 'Required resourceVersion of the target.', { 'x-kite-proto-keep-zero': true }),
  uid: f(1, str(), 'Required UID of the target.', { 'x-kite-proto-keep-zero': true }),
});

struct(`${META}.DeleteOptions`, 'Options for deleting an object.', {
  apiVersion: apiVersionField(),
  dryRun: f(5, listAtomic(str()), 'When set to ["All"], run every stage without persisting.'),
  gracePeriodSeconds: f(1, i64(), 'Seconds before the object is deleted; 0 deletes immediately, unset uses the per-kind default.', { 'x-kite-proto-keep-zero': true }),
  ignoreStoreReadErrorWithClusterBreakingPotential: f(6, bool(), 'Delete an object that cannot be read from storage, skipping finalizers and preconditions. Dangerous.', { 'x-kite-proto-keep-zero': true }),
  kind: kindField(),
  orphanDependents: f(3, bool(), 'Deprecated; use propagationPolicy. true orphans dependents, false deletes them.', { 'x-kite-proto-keep-zero': true }),
  preconditions: f(2, m('Preconditions'), 'Must hold or the delete fails with 409 Conflict.'),
  propagationPolicy: f(4, str(), 'Garbage collection of dependents: Orphan, Background or Foreground.', { 'x-kite-proto-keep-zero': true }),
}, { gvk: ['', 'v1', 'DeleteOptions'] });
alsoKinds(`${META}.DeleteOptions`, 'DeleteOptions');

struct(`${META}.Patch`, 'Body of a PATCH request; its format is given by the Content-Type.', {});

// ---- discovery and watch -------------------------------------------------------------------------

struct(`${META}.APIResource`, 'A resource served in a group-version.', {
  categories: f(7, listAtomic(str()), 'Groupings the resource belongs to, e.g. "all".'),
  group: f(8, str(), 'Preferred group of the resource, when it differs from the list.'),
  kind: f(3, str(), 'Kind of the resource.', { 'x-kite-proto-keep-zero': true }),
  name: f(1, str(), 'Plural resource name, with "/subresource" for subresources.', { 'x-kite-proto-keep-zero': true }),
  namespaced: f(2, bool(), 'Whether the resource lives in namespaces.', { 'x-kite-proto-keep-zero': true }),
  shortNames: f(5, listAtomic(str()), 'Suggested short names.'),
  singularName: f(6, str(), 'Singular resource name.', { 'x-kite-proto-keep-zero': true }),
  storageVersionHash: f(10, str(), 'Hash of the storage version, for detecting changes.'),
  verbs: f(4, { type: 'array', items: str() }, 'Supported verbs: get, list, watch, create, update, patch, delete, deletecollection.'),
  version: f(9, str(), 'Preferred version of the resource, when it differs from the list.'),
}, { required: ['name', 'singularName', 'namespaced', 'kind', 'verbs'] });

struct(`${META}.APIResourceList`, 'The resources served in one group-version.', {
  apiVersion: apiVersionField(),
  groupVersion: f(1, str(), 'Group and version, e.g. "apps/v1".', { 'x-kite-proto-keep-zero': true }),
  kind: kindField(),
  resources: f(2, listAtomic(m('APIResource')), 'The resources.'),
}, { required: ['groupVersion', 'resources'], gvk: ['', 'v1', 'APIResourceList'] });

struct(`${META}.WatchEvent`, 'One change notification of a watch stream.', {
  object: f(2, rawExtension(), 'The object after the change (ADDED, MODIFIED), before deletion (DELETED), a Status (ERROR) or a bookmark.'),
  type: f(1, str(), 'ADDED, MODIFIED, DELETED, BOOKMARK or ERROR.', { 'x-kite-proto-keep-zero': true }),
}, { required: ['type', 'object'], gvk: ['', 'v1', 'WatchEvent'] });
alsoKinds(`${META}.WatchEvent`, 'WatchEvent');
