// Defaulting for every kind kite serves, as upstream's SetDefaults_* functions (and, for the
// create/update hooks, the registry strategies' PrepareForCreate/PrepareForUpdate work that
// shapes stored objects). All functions mutate their argument.
//
// Order for a create: applyDefaults -> registry fills name/namespace/uid -> applyCreateDefaults ->
// validateCreate. For an update: applyDefaults -> applyUpdateDefaults(obj, old) -> validateUpdate.

import type { KubeObject } from '../types.js';
import { isObj, stableJson, type JsonObject } from './json.js';
import { defaultPod } from './pod.js';
import { defaultService, prepareServiceForCreate, prepareServiceForUpdate } from './service.js';
import {
  DAEMONSET_TEMPLATE_GENERATION, defaultCronJob, defaultDaemonSet, defaultDeployment, defaultJob, defaultReplicaSet, defaultStatefulSet,
  generateJobSelector, setDaemonSetTemplateGeneration,
} from './workloads.js';
import { defaultEndpoints, defaultNamespace, defaultNode, defaultSecret, prepareNamespaceForCreate } from './core.js';

type Defaulter = (obj: JsonObject) => void;

const DEFAULTERS: Record<string, Defaulter> = {
  'v1/Pod': defaultPod,
  'v1/Service': defaultService,
  'v1/Secret': defaultSecret,
  'v1/Namespace': defaultNamespace,
  'v1/Node': defaultNode,
  'v1/Endpoints': defaultEndpoints,
  'apps/v1/Deployment': defaultDeployment,
  'apps/v1/ReplicaSet': defaultReplicaSet,
  'apps/v1/StatefulSet': defaultStatefulSet,
  'apps/v1/DaemonSet': defaultDaemonSet,
  'batch/v1/Job': defaultJob,
  'batch/v1/CronJob': defaultCronJob,
};

const keyOf = (obj: KubeObject): string => `${obj.apiVersion}/${obj.kind}`;

/** SetObjectDefaults for the object's apiVersion/kind; other kinds are left untouched. */
export function applyDefaults(obj: KubeObject): void {
  DEFAULTERS[keyOf(obj)]?.(obj as unknown as JsonObject);
}

/**
 * Create-only defaults from the registry strategies: Namespace finalizers and phase; Service
 * clusterIPs/ipFamilies (before IP allocation); Job selector generation (needs metadata.uid);
 * DaemonSet template generation 1.
 */
export function applyCreateDefaults(obj: KubeObject): void {
  const o = obj as unknown as JsonObject;
  switch (keyOf(obj)) {
    case 'v1/Namespace': prepareNamespaceForCreate(o); break;
    case 'v1/Service': prepareServiceForCreate(o); break;
    case 'batch/v1/Job': if (obj.metadata.uid) generateJobSelector(o); break;
    case 'apps/v1/DaemonSet': setDaemonSetTemplateGeneration(o, 1); break;
    default:
  }
}

/** Update-time reconciliation from the registry strategies (Service clusterIPs, DaemonSet template generation). */
export function applyUpdateDefaults(obj: KubeObject, old: KubeObject): void {
  const o = obj as unknown as JsonObject;
  const prev = old as unknown as JsonObject;
  switch (keyOf(obj)) {
    case 'v1/Service': prepareServiceForUpdate(o, prev); break;
    case 'apps/v1/DaemonSet': {
      const gen = Number(old.metadata.annotations?.[DAEMONSET_TEMPLATE_GENERATION] ?? '1') || 1;
      const oldT = isObj(prev.spec) ? prev.spec.template : undefined;
      const newT = isObj(o.spec) ? o.spec.template : undefined;
      setDaemonSetTemplateGeneration(o, stableJson(oldT) === stableJson(newT) ? gen : gen + 1);
      break;
    }
    default:
  }
}

export { defaultPullPolicy, imageTag } from './image.js';
export { generateJobSelector } from './workloads.js';
