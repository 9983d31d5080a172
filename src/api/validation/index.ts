// Validation for every kind kite serves, with upstream's rules, field paths and wording.
// Inputs are expected to be defaulted (src/api/defaults) and, for creates, to carry the values the
// registry fills in before validating (generated name, namespace from the URL, uid for Jobs,
// allocated cluster IPs and node ports for Services); updates must carry metadata.resourceVersion.

import type { FieldError } from '../../machinery/errors.js';
import type { KubeObject } from '../types.js';
import type { JsonObject } from './json.js';
import { validateBinding, validatePodCreate, validatePodStatusUpdate, validatePodUpdate } from './pod.js';
import { validateService, validateServiceStatusUpdate, validateServiceUpdate } from './service.js';
import { validateEndpoints, validateEndpointsUpdate } from './endpoints.js';
import { validateConfigMap, validateConfigMapUpdate, validateSecret, validateSecretUpdate } from './configdata.js';
import {
  validateNamespace, validateNamespaceFinalizeUpdate, validateNamespaceStatusUpdate, validateNamespaceUpdate, validateNode, validateNodeUpdate,
  validateResourceQuota, validateResourceQuotaStatusUpdate, validateResourceQuotaUpdate, validateServiceAccount, validateServiceAccountUpdate,
} from './cluster.js';
import { validateEventCreate, validateEventUpdate } from './event.js';
import { validateLease, validateLeaseUpdate } from './lease.js';
import {
  validateControllerRevision, validateControllerRevisionUpdate, validateDaemonSet, validateDaemonSetStatusUpdate, validateDaemonSetUpdate,
  validateDeployment, validateDeploymentStatusUpdate, validateDeploymentUpdate, validateReplicaSet, validateReplicaSetStatusUpdate,
  validateReplicaSetUpdate, validateStatefulSet, validateStatefulSetStatusUpdate, validateStatefulSetUpdate,
} from './apps.js';
import {
  validateCronJob, validateCronJobStatusUpdate, validateCronJobUpdate, validateJob, validateJobStatusUpdate, validateJobUpdate,
} from './batch.js';
import { validateObjectMetaUpdate } from './meta.js';

type Create = (obj: JsonObject) => FieldError[];
type Update = (obj: JsonObject, old: JsonObject) => FieldError[];

interface KindValidation {
  create: Create;
  update: Update;
  /** The status subresource; kinds without one validate only metadata. */
  status?: Update;
}

const metaOnlyUpdate: Update = (o, old) => validateObjectMetaUpdate(o.metadata, old.metadata);

const KINDS: Record<string, KindValidation> = {
  'v1/Pod': { create: validatePodCreate, update: validatePodUpdate, status: validatePodStatusUpdate },
  'v1/Binding': { create: validateBinding, update: (o) => validateBinding(o) },
  'v1/Service': { create: validateService, update: validateServiceUpdate, status: validateServiceStatusUpdate },
  'v1/Endpoints': { create: validateEndpoints, update: validateEndpointsUpdate },
  'v1/Secret': { create: validateSecret, update: validateSecretUpdate },
  'v1/ConfigMap': { create: validateConfigMap, update: validateConfigMapUpdate },
  'v1/ServiceAccount': { create: validateServiceAccount, update: validateServiceAccountUpdate },
  'v1/Namespace': { create: validateNamespace, update: validateNamespaceUpdate, status: validateNamespaceStatusUpdate },
  'v1/Node': { create: validateNode, update: validateNodeUpdate, status: validateNodeUpdate },
  'v1/ResourceQuota': { create: validateResourceQuota, update: validateResourceQuotaUpdate, status: validateResourceQuotaStatusUpdate },
  'v1/Event': { create: validateEventCreate, update: validateEventUpdate },
  'events.k8s.io/v1/Event': { create: validateEventCreate, update: validateEventUpdate },
  'coordination.k8s.io/v1/Lease': { create: validateLease, update: validateLeaseUpdate },
  'apps/v1/Deployment': { create: validateDeployment, update: validateDeploymentUpdate, status: validateDeploymentStatusUpdate },
  'apps/v1/ReplicaSet': { create: validateReplicaSet, update: validateReplicaSetUpdate, status: validateReplicaSetStatusUpdate },
  'apps/v1/StatefulSet': { create: validateStatefulSet, update: validateStatefulSetUpdate, status: validateStatefulSetStatusUpdate },
  'apps/v1/DaemonSet': { create: validateDaemonSet, update: validateDaemonSetUpdate, status: validateDaemonSetStatusUpdate },
  'apps/v1/ControllerRevision': { create: validateControllerRevision, update: validateControllerRevisionUpdate },
  'batch/v1/Job': { create: validateJob, update: validateJobUpdate, status: validateJobStatusUpdate },
  'batch/v1/CronJob': { create: validateCronJob, update: validateCronJobUpdate, status: validateCronJobStatusUpdate },
};

function kindOf(obj: KubeObject): KindValidation | undefined {
  return KINDS[`${obj.apiVersion}/${obj.kind}`];
}

/** Errors for a new object; empty when valid. Unknown kinds pass. */
export function validateCreate(obj: KubeObject): FieldError[] {
  return kindOf(obj)?.create(obj as unknown as JsonObject) ?? [];
}

/** Errors for replacing `old` with `obj` through the main resource. */
export function validateUpdate(obj: KubeObject, old: KubeObject): FieldError[] {
  return kindOf(obj)?.update(obj as unknown as JsonObject, old as unknown as JsonObject) ?? [];
}

/** Errors for an update through the status subresource. */
export function validateStatusUpdate(obj: KubeObject, old: KubeObject): FieldError[] {
  const k = kindOf(obj);
  if (!k) return [];
  return (k.status ?? metaOnlyUpdate)(obj as unknown as JsonObject, old as unknown as JsonObject);
}

/** Errors for an update through namespaces/{name}/finalize. */
export function validateNamespaceFinalize(obj: KubeObject, old: KubeObject): FieldError[] {
  return validateNamespaceFinalizeUpdate(obj as unknown as JsonObject, old as unknown as JsonObject);
}

export { parse as parseCronSchedule, next as nextCronTime, parseGoDuration, type CronSchedule, type ParseResult as CronParseResult } from './cron.js';
export * as names from './names.js';
export { selectorOf } from './selector.js';
