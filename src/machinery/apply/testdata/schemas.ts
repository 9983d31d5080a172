// A small schema registry for the strategic-merge-patch and server-side-apply tests, built with
// the dsl's pure helpers into a local record (never the global `definitions`). Field markers follow
// upstream (containers by name, ports by containerPort+protocol, strategy retainKeys, ...).

import { arr, bool, f, i32, i64, intOrString, listAtomic, listMap, listSet, map, quantity, ref, str, time } from '../../../api/schema/dsl.js';
import type { OpenAPISchema, SchemaRegistry } from '../../../api/schema/types.js';
import { makeSchemaRegistry } from '../../../api/schema/make-registry.js';

const META = 'io.k8s.apimachinery.pkg.apis.meta.v1';
const CORE = 'io.k8s.api.core.v1';
const APPS = 'io.k8s.api.apps.v1';

const defs: Record<string, OpenAPISchema> = {};
const kinds = new Map<string, string>();

function def(name: string, properties: Record<string, OpenAPISchema>, ext: Partial<OpenAPISchema> = {}, gvk?: [string, string]): void {
  defs[name] = { type: 'object', properties, ...ext };
  if (gvk) kinds.set(`${gvk[0]}/${gvk[1]}`, name);
}

const m = (n: string): OpenAPISchema => ref(`${META}.${n}`);
const c = (n: string): OpenAPISchema => ref(`${CORE}.${n}`);
const a = (n: string): OpenAPISchema => ref(`${APPS}.${n}`);
const typeMeta = { apiVersion: f(0, str()), kind: f(0, str()), metadata: f(1, m('ObjectMeta')) };

defs[`${META}.Time`] = { type: 'string', format: 'date-time' };
defs['io.k8s.apimachinery.pkg.api.resource.Quantity'] = { description: 'quantity' };
defs['io.k8s.apimachinery.pkg.util.intstr.IntOrString'] = { 'x-kubernetes-int-or-string': true };
defs[`${META}.FieldsV1`] = { type: 'object', 'x-kubernetes-preserve-unknown-fields': true };

def(`${META}.ObjectMeta`, {
  name: f(1, str()), generateName: f(2, str()), namespace: f(3, str()), uid: f(5, str()),
  resourceVersion: f(6, str()), generation: f(7, i64()), creationTimestamp: f(8, time()),
  deletionTimestamp: f(9, time()),
  labels: f(11, map(str())), annotations: f(12, map(str())),
  ownerReferences: f(13, listMap(m('OwnerReference'), 'uid')),
  finalizers: f(14, listSet(str(), { strategy: 'merge' })),
  managedFields: f(17, listAtomic(m('ManagedFieldsEntry'))),
});
def(`${META}.OwnerReference`, {
  apiVersion: f(5, str()), kind: f(1, str()), name: f(3, str()), uid: f(4, str()), controller: f(6, bool()),
}, { 'x-kubernetes-map-type': 'atomic' });
def(`${META}.ManagedFieldsEntry`, {
  manager: f(1, str()), operation: f(2, str()), apiVersion: f(3, str()), time: f(4, time()),
  fieldsType: f(6, str()), fieldsV1: f(7, m('FieldsV1')), subresource: f(8, str()),
});
def(`${META}.LabelSelector`, {
  matchLabels: f(1, map(str())), matchExpressions: f(2, listAtomic(m('LabelSelectorRequirement'))),
}, { 'x-kubernetes-map-type': 'atomic' });
def(`${META}.LabelSelectorRequirement`, { key: f(1, str()), operator: f(2, str()), values: f(3, listAtomic(str())) });

def(`${APPS}.Deployment`, { ...typeMeta, spec: f(2, a('DeploymentSpec')), status: f(3, a('DeploymentStatus')) }, {}, ['apps/v1', 'Deployment']);
def(`${APPS}.DeploymentSpec`, {
  replicas: f(1, i32()), selector: f(2, m('LabelSelector')), template: f(3, c('PodTemplateSpec')),
  strategy: f(4, a('DeploymentStrategy'), '', { 'x-kubernetes-patch-strategy': 'retainKeys' }),
  minReadySeconds: f(5, i32()), revisionHistoryLimit: f(6, i32()), paused: f(7, bool()),
  progressDeadlineSeconds: f(9, i32()),
}, { required: ['selector', 'template'] });
def(`${APPS}.DeploymentStrategy`, { type: f(1, str()), rollingUpdate: f(2, a('RollingUpdateDeployment')) });
def(`${APPS}.RollingUpdateDeployment`, { maxUnavailable: f(1, intOrString()), maxSurge: f(2, intOrString()) });
def(`${APPS}.DeploymentStatus`, {
  observedGeneration: f(1, i64()), replicas: f(2, i32()), readyReplicas: f(7, i32()),
  conditions: f(6, listMap(a('DeploymentCondition'), 'type')),
});
def(`${APPS}.DeploymentCondition`, {
  type: f(1, str()), status: f(2, str()), reason: f(4, str()), message: f(5, str()), lastUpdateTime: f(6, time()),
});

def(`${CORE}.PodTemplateSpec`, { metadata: f(1, m('ObjectMeta')), spec: f(2, c('PodSpec')) });
def(`${CORE}.PodSpec`, {
  volumes: f(1, listMap(c('Volume'), 'name', { strategy: 'merge,retainKeys' })),
  containers: f(2, listMap(c('Container'), 'name')),
  initContainers: f(20, listMap(c('Container'), 'name')),
  restartPolicy: f(3, str()), serviceAccountName: f(8, str()),
  nodeSelector: f(7, map(str(), { 'x-kubernetes-map-type': 'atomic' })),
  imagePullSecrets: f(15, listMap(c('LocalObjectReference'), 'name')),
  tolerations: f(22, listAtomic(c('Toleration'))),
  securityContext: f(14, c('PodSecurityContext')),
}, { required: ['containers'] });
def(`${CORE}.PodSecurityContext`, { runAsUser: f(2, i64()), runAsNonRoot: f(3, bool()) });
def(`${CORE}.LocalObjectReference`, { name: f(1, str()) }, { 'x-kubernetes-map-type': 'atomic' });
def(`${CORE}.Container`, {
  name: f(1, str()), image: f(2, str()), command: f(3, listAtomic(str())), args: f(4, listAtomic(str())),
  ports: f(6, listMap(c('ContainerPort'), ['containerPort', 'protocol'])),
  env: f(7, listMap(c('EnvVar'), 'name')),
  resources: f(8, c('ResourceRequirements')),
  volumeMounts: f(9, listMap(c('VolumeMount'), 'mountPath')),
  imagePullPolicy: f(14, str()),
});
def(`${CORE}.ContainerPort`, {
  name: f(1, str()), hostPort: f(2, i32()), containerPort: f(3, i32()),
  protocol: f(4, str(), '', { default: 'TCP' }),
});
def(`${CORE}.EnvVar`, { name: f(1, str()), value: f(2, str()) });
def(`${CORE}.VolumeMount`, { name: f(1, str()), readOnly: f(2, bool()), mountPath: f(3, str()) });
def(`${CORE}.ResourceRequirements`, { limits: f(1, map(quantity())), requests: f(2, map(quantity())) });
def(`${CORE}.Volume`, {
  name: f(1, str()), hostPath: f(2, c('HostPathVolumeSource')), emptyDir: f(3, c('EmptyDirVolumeSource')),
  configMap: f(26, c('ConfigMapVolumeSource')),
});
def(`${CORE}.HostPathVolumeSource`, { path: f(1, str()), type: f(2, str()) });
def(`${CORE}.EmptyDirVolumeSource`, { medium: f(1, str()), sizeLimit: f(2, quantity()) });
def(`${CORE}.ConfigMapVolumeSource`, { name: f(1, str()), defaultMode: f(3, i32()) });
def(`${CORE}.Toleration`, {
  key: f(1, str()), operator: f(2, str()), value: f(3, str()), effect: f(4, str()), tolerationSeconds: f(5, i64()),
});

def(`${CORE}.Pod`, { ...typeMeta, spec: f(2, c('PodSpec')), status: f(3, c('PodStatus')) }, {}, ['v1', 'Pod']);
def(`${CORE}.PodStatus`, { phase: f(1, str()), conditions: f(2, listMap(c('PodCondition'), 'type')) });
def(`${CORE}.PodCondition`, { type: f(1, str()), status: f(2, str()), reason: f(5, str()) });

def(`${CORE}.ConfigMap`, { ...typeMeta, data: f(2, map(str())), binaryData: f(3, map(str())) }, {}, ['v1', 'ConfigMap']);

def(`${CORE}.Service`, { ...typeMeta, spec: f(2, c('ServiceSpec')) }, {}, ['v1', 'Service']);
def(`${CORE}.ServiceSpec`, {
  ports: f(1, listMap(c('ServicePort'), ['port', 'protocol'])),
  selector: f(2, map(str(), { 'x-kubernetes-map-type': 'atomic' })),
  type: f(4, str()), clusterIP: f(3, str()),
});
def(`${CORE}.ServicePort`, {
  name: f(1, str()), protocol: f(2, str(), '', { default: 'TCP' }), port: f(3, i32()), targetPort: f(4, intOrString()),
});

// The item type of upstream's strategic merge patch tests (strategicpatch/patch_test.go MergeItem).
const T = 'io.kite.test';
const merge = (key?: string): Partial<OpenAPISchema> => ({ 'x-kubernetes-patch-strategy': 'merge', ...(key ? { 'x-kubernetes-patch-merge-key': key } : {}) });
def(`${T}.MergeItem`, {
  name: f(1, str()), value: f(2, str()), other: f(3, str()),
  mergingList: f(4, arr(ref(`${T}.MergeItem`), merge('name'))),
  nonMergingList: f(5, arr(ref(`${T}.MergeItem`))),
  mergingIntList: f(6, arr(i32(), merge())),
  nonMergingIntList: f(7, arr(i32())),
  mergeItemPtr: f(8, ref(`${T}.MergeItem`), '', merge('name')),
  simpleMap: f(9, map(str())),
  replacingItem: f(10, { type: 'object', 'x-kubernetes-preserve-unknown-fields': true }, '', { 'x-kubernetes-patch-strategy': 'replace' }),
  retainKeysMap: f(11, ref(`${T}.RetainKeysMergeItem`), '', { 'x-kubernetes-patch-strategy': 'retainKeys' }),
  retainKeysMergingList: f(12, arr(ref(`${T}.MergeItem`), { 'x-kubernetes-patch-strategy': 'merge,retainKeys', 'x-kubernetes-patch-merge-key': 'name' })),
}, {}, ['test.kite.io/v1', 'MergeItem']);
def(`${T}.RetainKeysMergeItem`, {
  name: f(1, str()), value: f(2, str()), other: f(3, str()), simpleMap: f(4, map(str())),
  mergingIntList: f(5, arr(i32(), merge())),
  mergingList: f(6, arr(ref(`${T}.MergeItem`), merge('name'))),
  nonMergingList: f(7, arr(ref(`${T}.MergeItem`))),
});

// A list of lists, only for the error case of strategic merge patch.
def('io.kite.test.Matrix', { ...typeMeta, rows: f(1, arr(arr(str()), { 'x-kubernetes-patch-strategy': 'merge' })) }, {}, ['test.kite.io/v1', 'Matrix']);

export const testRegistry: SchemaRegistry = makeSchemaRegistry(defs, kinds);

/** The root schema of a kind in the test registry (undefined for unknown kinds). */
export function schemaFor(apiVersion: string, kind: string): OpenAPISchema | undefined {
  const name = testRegistry.nameForKind(apiVersion, kind);
  return name ? defs[name] : undefined;
}
