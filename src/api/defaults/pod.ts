// Pod and PodTemplate defaults (core/v1 defaults.go and the generated defaulters that walk a PodSpec).

import { ensureObj, isEmptyString, isObj, isUnset, objects, setIfEmpty, setIfUnset, setIfZero, type JsonObject } from './json.js';
import { defaultPullPolicy } from './image.js';

const SOURCE_FIELDS = [
  'hostPath', 'emptyDir', 'gcePersistentDisk', 'awsElasticBlockStore', 'gitRepo', 'secret', 'nfs', 'iscsi', 'glusterfs',
  'persistentVolumeClaim', 'rbd', 'flexVolume', 'cinder', 'cephfs', 'flocker', 'downwardAPI', 'fc', 'azureFile', 'configMap',
  'vsphereVolume', 'quobyte', 'azureDisk', 'photonPersistentDisk', 'projected', 'portworxVolume', 'scaleIO', 'storageos', 'csi',
  'ephemeral', 'image',
];

/** Octal 0644, the default file mode of secret, configMap, downwardAPI and projected volumes. */
const DEFAULT_MODE = 0o644;

function defaultFieldRef(fr: unknown): void {
  if (isObj(fr)) setIfEmpty(fr, 'apiVersion', 'v1');
}

function defaultHTTPGet(h: unknown): void {
  if (!isObj(h)) return;
  setIfEmpty(h, 'path', '/');
  setIfEmpty(h, 'scheme', 'HTTP');
}

function defaultProbe(p: unknown): void {
  if (!isObj(p)) return;
  setIfZero(p, 'timeoutSeconds', 1);
  setIfZero(p, 'periodSeconds', 10);
  setIfZero(p, 'successThreshold', 1);
  setIfZero(p, 'failureThreshold', 3);
  defaultHTTPGet(p.httpGet);
}

function defaultContainer(c: JsonObject): void {
  if (isEmptyString(c.imagePullPolicy)) c.imagePullPolicy = defaultPullPolicy(typeof c.image === 'string' ? c.image : '');
  setIfEmpty(c, 'terminationMessagePath', '/dev/termination-log');
  setIfEmpty(c, 'terminationMessagePolicy', 'File');
  for (const port of objects(c.ports)) setIfEmpty(port, 'protocol', 'TCP');
  for (const env of objects(c.env)) if (isObj(env.valueFrom)) defaultFieldRef(env.valueFrom.fieldRef);
  defaultProbe(c.livenessProbe);
  defaultProbe(c.readinessProbe);
  defaultProbe(c.startupProbe);
  if (isObj(c.lifecycle)) {
    for (const h of ['postStart', 'preStop']) {
      const handler = c.lifecycle[h];
      if (isObj(handler)) defaultHTTPGet(handler.httpGet);
    }
  }
}

function defaultVolume(v: JsonObject): void {
  if (!SOURCE_FIELDS.some((f) => !isUnset(v[f]))) v.emptyDir = {};
  if (isObj(v.hostPath)) setIfUnset(v.hostPath, 'type', '');
  for (const f of ['secret', 'configMap', 'downwardAPI', 'projected']) {
    const src = v[f];
    if (isObj(src)) setIfUnset(src, 'defaultMode', DEFAULT_MODE);
  }
  if (isObj(v.downwardAPI)) for (const item of objects(v.downwardAPI.items)) defaultFieldRef(item.fieldRef);
  if (isObj(v.projected)) {
    for (const s of objects(v.projected.sources)) {
      if (isObj(s.downwardAPI)) for (const item of objects(s.downwardAPI.items)) defaultFieldRef(item.fieldRef);
      if (isObj(s.serviceAccountToken)) setIfUnset(s.serviceAccountToken, 'expirationSeconds', 3600);
    }
  }
  if (isObj(v.iscsi)) setIfEmpty(v.iscsi, 'iscsiInterface', 'default');
  if (isObj(v.rbd)) {
    setIfEmpty(v.rbd, 'pool', 'rbd');
    setIfEmpty(v.rbd, 'user', 'admin');
    setIfEmpty(v.rbd, 'keyring', '/etc/ceph/keyring');
  }
  if (isObj(v.azureDisk)) {
    setIfUnset(v.azureDisk, 'cachingMode', 'ReadWrite');
    setIfUnset(v.azureDisk, 'kind', 'Shared');
    setIfUnset(v.azureDisk, 'fsType', 'ext4');
    setIfUnset(v.azureDisk, 'readOnly', false);
  }
  if (isObj(v.scaleIO)) {
    setIfEmpty(v.scaleIO, 'storageMode', 'ThinProvisioned');
    setIfEmpty(v.scaleIO, 'fsType', 'xfs');
  }
  if (isObj(v.ephemeral) && isObj(v.ephemeral.volumeClaimTemplate)) {
    const spec = ensureObj(v.ephemeral.volumeClaimTemplate, 'spec');
    setIfUnset(spec, 'volumeMode', 'Filesystem');
  }
  if (isObj(v.image)) {
    const ref = typeof v.image.reference === 'string' ? v.image.reference : '';
    if (isEmptyString(v.image.pullPolicy)) v.image.pullPolicy = defaultPullPolicy(ref);
  }
}

/** SetDefaults_PodSpec plus the nested defaulters; shared by Pods and every pod template. */
export function defaultPodSpec(spec: JsonObject): void {
  setIfEmpty(spec, 'dnsPolicy', 'ClusterFirst');
  setIfEmpty(spec, 'restartPolicy', 'Always');
  setIfUnset(spec, 'securityContext', {});
  setIfUnset(spec, 'terminationGracePeriodSeconds', 30);
  setIfEmpty(spec, 'schedulerName', 'default-scheduler');
  // v1 conversion keeps the deprecated serviceAccount in step with serviceAccountName.
  if (typeof spec.serviceAccount === 'string' && spec.serviceAccount !== '' && isUnset(spec.serviceAccountName)) spec.serviceAccountName = spec.serviceAccount;
  if (typeof spec.serviceAccountName === 'string' && spec.serviceAccountName !== '') spec.serviceAccount = spec.serviceAccountName;
  for (const v of objects(spec.volumes)) defaultVolume(v);
  for (const list of ['initContainers', 'containers', 'ephemeralContainers']) for (const c of objects(spec[list])) defaultContainer(c);
}

/** A PodTemplateSpec inside a workload: only the PodSpec defaults apply. */
export function defaultPodTemplate(template: unknown): void {
  if (!isObj(template)) return;
  defaultPodSpec(ensureObj(template, 'spec'));
}

/** Copies limits to requests where a request is missing (Pods only, not templates). */
function defaultRequestsFromLimits(containers: unknown): void {
  for (const c of objects(containers)) {
    const res = c.resources;
    if (!isObj(res) || !isObj(res.limits)) continue;
    const requests = ensureObj(res, 'requests');
    for (const [k, v] of Object.entries(res.limits)) if (!(k in requests)) requests[k] = v;
  }
}

/** SetObjectDefaults_Pod. */
export function defaultPod(pod: JsonObject): void {
  const spec = ensureObj(pod, 'spec');
  defaultRequestsFromLimits(spec.containers);
  defaultRequestsFromLimits(spec.initContainers);
  setIfUnset(spec, 'enableServiceLinks', true);
  if (spec.hostNetwork === true) {
    for (const list of ['containers', 'initContainers']) {
      for (const c of objects(spec[list])) for (const p of objects(c.ports)) if (isUnset(p.hostPort) || p.hostPort === 0) p.hostPort = p.containerPort;
    }
  }
  defaultPodSpec(spec);
  // v1 conversion: podIP/podIPs and hostIP/hostIPs stay in step.
  if (isObj(pod.status)) {
    const st = pod.status;
    for (const [single, plural] of [['podIP', 'podIPs'], ['hostIP', 'hostIPs']] as const) {
      const list = objects(st[plural]);
      if (list.length === 0 && typeof st[single] === 'string' && st[single] !== '') st[plural] = [{ ip: st[single] }];
      else if (list.length > 0 && typeof list[0].ip === 'string') st[single] = list[0].ip;
    }
  }
}
