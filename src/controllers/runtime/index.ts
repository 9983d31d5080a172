// The controller runtime: the reconcile loop, expectations, claiming, and shared helpers.
export type { Controller } from './controller.js';
export { ReconcileLoop } from './reconcile-loop.js';
export type { ReconcileLoopOptions, Syncable } from './reconcile-loop.js';
export { Expectations, EXPECTATIONS_TTL_MS } from './expectations.js';
export type { ExpectationsOptions, ExpectationRecord } from './expectations.js';
export { slowStartBatch, SLOW_START_INITIAL_BATCH_SIZE } from './slow-start-batch.js';
export type { SlowStartResult } from './slow-start-batch.js';
export { claimObjects, ownerReferencesPatcher, recheckDeletionTimestamp } from './claim.js';
export type { ClaimOptions, ClaimResult } from './claim.js';
export { controllerRefOf, newControllerRef, isOwnedBy } from './owner-refs.js';
export { isPodActive, isPodReady, isPodAvailable, podCondition, podReadyTime, maxContainerRestarts, parseTime } from './pod-util.js';
export { semanticEqual } from './semantic-equal.js';
export { selectorOrNone } from './selector-or-none.js';
export { CONTROLLER_UID_INDEX, NODE_NAME_INDEX, NAMESPACE_INDEX, ORPHAN_INDEX, claimCandidates, ensureIndex } from './indexes.js';
export { isNotFound, isConflict, isAlreadyExists, hasStatusCause, isNamespaceTerminating, errorMessage } from './api-errors.js';
export { PODS, NODES, NAMESPACES, REPLICASETS, DEPLOYMENTS, NODE_LEASES } from './resources.js';
export type * from './types.js';
