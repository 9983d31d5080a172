// The printer registry: apiVersion + kind to its columns and row function. Kinds not listed get the
// generic Name / Created At table.

import { configMapPrinter } from './configmap.js';
import { controllerRevisionPrinter } from './controllerrevision.js';
import { cronJobPrinter } from './cronjob.js';
import { daemonSetPrinter } from './daemonset.js';
import { defaultPrinter } from './default.js';
import { deploymentPrinter } from './deployment.js';
import { endpointsPrinter } from './endpoints.js';
import { eventPrinter, eventsV1EventPrinter } from './event.js';
import { jobPrinter } from './job.js';
import { leasePrinter } from './lease.js';
import { podDisruptionBudgetPrinter } from './poddisruptionbudget.js';
import { priorityClassPrinter } from './priorityclass.js';
import { namespacePrinter } from './namespace.js';
import { nodePrinter } from './node.js';
import { podPrinter } from './pod.js';
import { replicaSetPrinter } from './replicaset.js';
import { resourceQuotaPrinter } from './resourcequota.js';
import { secretPrinter } from './secret.js';
import { serviceAccountPrinter } from './serviceaccount.js';
import { servicePrinter } from './service.js';
import { statefulSetPrinter } from './statefulset.js';
import type { KindPrinter } from './types.js';

/** Keyed by `<apiVersion>/<kind>`, e.g. `v1/Pod`, `apps/v1/Deployment`. */
export const PRINTERS: ReadonlyMap<string, KindPrinter> = new Map<string, KindPrinter>([
  ['v1/ConfigMap', configMapPrinter],
  ['v1/Endpoints', endpointsPrinter],
  ['v1/Event', eventPrinter],
  ['v1/Namespace', namespacePrinter],
  ['v1/Node', nodePrinter],
  ['v1/Pod', podPrinter],
  ['v1/ResourceQuota', resourceQuotaPrinter],
  ['v1/Secret', secretPrinter],
  ['v1/ServiceAccount', serviceAccountPrinter],
  ['v1/Service', servicePrinter],
  ['apps/v1/ControllerRevision', controllerRevisionPrinter],
  ['apps/v1/DaemonSet', daemonSetPrinter],
  ['apps/v1/Deployment', deploymentPrinter],
  ['apps/v1/ReplicaSet', replicaSetPrinter],
  ['apps/v1/StatefulSet', statefulSetPrinter],
  ['batch/v1/CronJob', cronJobPrinter],
  ['batch/v1/Job', jobPrinter],
  ['coordination.k8s.io/v1/Lease', leasePrinter],
  ['policy/v1/PodDisruptionBudget', podDisruptionBudgetPrinter],
  ['scheduling.k8s.io/v1/PriorityClass', priorityClassPrinter],
  ['events.k8s.io/v1/Event', eventsV1EventPrinter],
]);

/** The printer for a kind; the generic one (Name, Created At) when it has none. */
export function printerFor(apiVersion: string, kind: string): KindPrinter {
  return PRINTERS.get(`${apiVersion}/${kind}`) ?? defaultPrinter;
}
