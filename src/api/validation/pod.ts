// Pods: create, update, status update and binding (core validation.go).

import { fieldErr, type FieldError } from '../../machinery/errors.js';
import { arr, isSet, obj, optNum, semanticEqual, sortedKeys, str, type JsonObject } from './json.js';
import { child, index, key } from './path.js';
import { nameIsDNSSubdomain, validateImmutable, validateObjectMeta, validateObjectMetaUpdate } from './meta.js';
import { isQualifiedName, isValidIP, ipFamily } from './names.js';
import { validateContainersOnlyForPod } from './container.js';
import { validatePodSpec, validatePodSpecificAnnotations } from './podspec.js';
import { validateTolerations } from './scheduling.js';

const MIRROR_POD_ANNOTATION = 'kubernetes.io/config.mirror';
const APPARMOR_PREFIX = 'container.apparmor.security.beta.kubernetes.io/';

function validatePodMetadataAndSpec(pod: JsonObject): FieldError[] {
  const meta = obj(pod.metadata);
  const spec = obj(pod.spec);
  const errs = validateObjectMeta(meta, { namespaced: true, nameFn: nameIsDNSSubdomain });
  errs.push(...validatePodSpecificAnnotations(meta.annotations, spec, 'metadata.annotations'));
  errs.push(...validatePodSpec(spec, 'spec', { resourceIsPod: true, podName: str(meta.name) }));
  if (str(spec.serviceAccountName) === '') {
    arr(spec.volumes).forEach((v, vi) => {
      const projected = obj(v).projected;
      if (!isSet(projected)) return;
      arr(obj(projected).sources).forEach((s, si) => {
        if (isSet(obj(s).serviceAccountToken)) {
          errs.push(fieldErr.forbidden(`spec.volumes[${vi}].projected.sources[${si}].serviceAccountToken`, 'must not be specified when serviceAccountName is not set'));
        }
      });
    });
  }
  errs.push(...validateContainersOnlyForPod(spec.containers, 'spec.containers'));
  errs.push(...validateContainersOnlyForPod(spec.initContainers, 'spec.initContainers'));
  return errs;
}

export function validatePodCreate(pod: JsonObject): FieldError[] {
  const spec = obj(pod.spec);
  const errs = validatePodMetadataAndSpec(pod);
  if (arr(spec.ephemeralContainers).length > 0) errs.push(fieldErr.forbidden('spec.ephemeralContainers', 'cannot be set on create'));
  if (str(spec.nodeName) !== '' && arr(spec.schedulingGates).length !== 0) {
    errs.push(fieldErr.forbidden('spec.nodeName', 'cannot be set until all schedulingGates have been cleared'));
  }
  return errs;
}

function validatePodAnnotationUpdates(pod: JsonObject, old: JsonObject, path: string): FieldError[] {
  const n = obj(obj(pod.metadata).annotations);
  const o = obj(obj(old.metadata).annotations);
  const errs: FieldError[] = [];
  for (const k of sortedKeys(o)) {
    if (Object.prototype.hasOwnProperty.call(n, k) && n[k] === o[k]) continue;
    if (k.startsWith(APPARMOR_PREFIX)) errs.push(fieldErr.forbidden(key(path, k), 'may not remove or update AppArmor annotations'));
    if (k === MIRROR_POD_ANNOTATION) errs.push(fieldErr.forbidden(key(path, k), 'may not remove or update mirror pod annotation'));
  }
  for (const k of sortedKeys(n)) {
    if (Object.prototype.hasOwnProperty.call(o, k)) continue;
    if (k.startsWith(APPARMOR_PREFIX)) errs.push(fieldErr.forbidden(key(path, k), 'may not add AppArmor annotations'));
    if (k === MIRROR_POD_ANNOTATION) errs.push(fieldErr.forbidden(key(path, k), 'may not add mirror pod annotation'));
  }
  errs.push(...validatePodSpecificAnnotations(n, obj(pod.spec), path));
  return errs;
}

function validateContainerUpdates(newList: unknown, oldList: unknown, path: string): { errs: FieldError[]; stop: boolean } {
  const n = arr(newList);
  if (n.length !== arr(oldList).length) return { errs: [fieldErr.forbidden(path, 'pod updates may not add or remove containers')], stop: true };
  const errs: FieldError[] = [];
  n.forEach((c, i) => {
    const image = str(obj(c).image);
    if (image.length === 0) errs.push(fieldErr.required(child(index(path, i), 'image')));
    if (image.trim().length !== image.length) errs.push(fieldErr.invalid(child(index(path, i), 'image'), image, 'must not have leading or trailing whitespace'));
  });
  return { errs, stop: false };
}

function validateOnlyAddedTolerations(newT: unknown, oldT: unknown, path: string): FieldError[] {
  const news = arr(newT).map(obj);
  for (const old of arr(oldT).map(obj)) {
    const found = news.some((t) => semanticEqual({ ...old, tolerationSeconds: t.tolerationSeconds }, t));
    if (!found) return [fieldErr.forbidden(path, 'existing toleration can not be modified except its tolerationSeconds')];
  }
  return validateTolerations(newT, path);
}

function validateOnlyDeletedSchedulingGates(newG: unknown, oldG: unknown, path: string): FieldError[] {
  const added = new Map<string, number>();
  arr(newG).forEach((g, i) => added.set(str(obj(g).name), i));
  for (const g of arr(oldG)) added.delete(str(obj(g).name));
  return [...added].map(([gate, i]) => fieldErr.forbidden(child(index(path, i), 'name'), `only deletion is allowed, but found new scheduling gate '${gate}'`));
}

const UPDATABLE_POD_SPEC_FIELDS = [
  '`spec.containers[*].image`',
  '`spec.initContainers[*].image`',
  '`spec.activeDeadlineSeconds`',
  '`spec.tolerations` (only additions to existing tolerations)',
  '`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)',
];

const goFieldName = (k: string): string => k.charAt(0).toUpperCase() + k.slice(1);

/** A compact stand-in for go-cmp's Diff of two PodSpecs: the top-level fields that differ. */
export function specDiff(oldSpec: JsonObject, newSpec: JsonObject): string {
  const keys = [...new Set([...Object.keys(oldSpec), ...Object.keys(newSpec)])].filter((k) => isSet(oldSpec[k]) || isSet(newSpec[k])).sort();
  const lines = ['  core.PodSpec{'];
  let same = 0;
  for (const k of keys) {
    if (semanticEqual(oldSpec[k], newSpec[k])) {
      same++;
      continue;
    }
    if (same) lines.push(`  \t... // ${same} identical fields`);
    same = 0;
    if (isSet(oldSpec[k])) lines.push(`- \t${goFieldName(k)}: ${JSON.stringify(oldSpec[k])},`);
    if (isSet(newSpec[k])) lines.push(`+ \t${goFieldName(k)}: ${JSON.stringify(newSpec[k])},`);
  }
  if (same) lines.push(`  \t... // ${same} identical fields`);
  lines.push('  }');
  return `${lines.join('\n')}\n`;
}

export function validatePodUpdate(pod: JsonObject, old: JsonObject): FieldError[] {
  const errs = validateObjectMetaUpdate(pod.metadata, old.metadata);
  errs.push(...validatePodMetadataAndSpec(pod));
  errs.push(...validatePodAnnotationUpdates(pod, old, 'metadata.annotations'));
  const spec = obj(pod.spec);
  const oldSpec = obj(old.spec);
  for (const list of ['containers', 'initContainers']) {
    const r = validateContainerUpdates(spec[list], oldSpec[list], `spec.${list}`);
    errs.push(...r.errs);
    if (r.stop) return errs;
  }
  const newADS = optNum(spec.activeDeadlineSeconds);
  const oldADS = optNum(oldSpec.activeDeadlineSeconds);
  if (newADS !== undefined) {
    if (newADS < 0 || newADS > 2147483647) {
      errs.push(fieldErr.invalid('spec.activeDeadlineSeconds', newADS, 'must be between 0 and 2147483647, inclusive'));
      return errs;
    }
    if (oldADS !== undefined && oldADS < newADS) {
      errs.push(fieldErr.invalid('spec.activeDeadlineSeconds', newADS, 'must be less than or equal to previous value'));
      return errs;
    }
  } else if (oldADS !== undefined) {
    errs.push(fieldErr.invalid('spec.activeDeadlineSeconds', null, 'must not update from a positive integer to nil value'));
  }
  errs.push(...validateOnlyAddedTolerations(spec.tolerations, oldSpec.tolerations, 'spec.tolerations'));
  errs.push(...validateOnlyDeletedSchedulingGates(spec.schedulingGates, oldSpec.schedulingGates, 'spec.schedulingGates'));
  if (semanticEqual(spec, oldSpec)) return errs;

  const munged: JsonObject = structuredClone(spec);
  for (const list of ['containers', 'initContainers']) {
    const olds = arr(oldSpec[list]);
    if (Array.isArray(munged[list])) {
      munged[list] = (munged[list] as unknown[]).map((c, i) => ({ ...obj(c), image: obj(olds[i]).image }));
    }
  }
  munged.activeDeadlineSeconds = oldSpec.activeDeadlineSeconds;
  munged.schedulingGates = oldSpec.schedulingGates;
  munged.tolerations = oldSpec.tolerations;
  const oldGrace = optNum(oldSpec.terminationGracePeriodSeconds);
  if (oldGrace !== undefined && oldGrace < 0 && munged.terminationGracePeriodSeconds === 1) munged.terminationGracePeriodSeconds = oldGrace;
  if (arr(oldSpec.schedulingGates).length > 0) {
    const oldSel = obj(oldSpec.nodeSelector);
    const newSel = obj(munged.nodeSelector);
    if (!semanticEqual(newSel, oldSel)) {
      if (Object.keys(oldSel).some((k) => newSel[k] !== oldSel[k])) {
        errs.push(fieldErr.invalid('spec.nodeSelector', newSel, 'only additions to spec.nodeSelector are allowed (no mutations or deletions)'));
      }
      munged.nodeSelector = oldSpec.nodeSelector;
    }
    const oldNA = obj(oldSpec.affinity).nodeAffinity;
    const newNA = obj(munged.affinity).nodeAffinity;
    if (!semanticEqual(oldNA, newNA)) {
      munged.affinity = { ...obj(munged.affinity), nodeAffinity: oldNA };
    }
  }
  if (!semanticEqual(munged, oldSpec)) {
    errs.push(fieldErr.forbidden('spec', `pod updates may not change fields other than ${UPDATABLE_POD_SPEC_FIELDS.join(',')}\n${specDiff(oldSpec, munged)}`));
  }
  return errs;
}

const SYSTEM_CONDITIONS = new Set(['PodScheduled', 'Ready', 'Initialized']);

function validateIPList(list: unknown, path: string, what: 'IP'): FieldError[] {
  const ips = arr(list).map((x) => str(obj(x).ip));
  const errs: FieldError[] = [];
  ips.forEach((ip, i) => errs.push(...isValidIP(ip).map((m) => fieldErr.invalid(index(path, i), ip, m))));
  if (ips.length > 1) {
    const families = new Set(ips.map(ipFamily));
    if (ips.length > 2 || families.size !== 2 || families.has(0)) errs.push(fieldErr.invalid(path, arr(list), `may specify no more than one ${what} for each IP family`));
    const seen = new Set<string>();
    ips.forEach((ip, i) => {
      if (seen.has(ip)) errs.push(fieldErr.duplicate(index(path, i), arr(list)[i]));
      seen.add(ip);
    });
  }
  return errs;
}

function validateStateTransitions(newStatuses: unknown, oldStatuses: unknown, restartPolicy: string, path: string, restartable: Set<string> = new Set()): FieldError[] {
  if (restartPolicy === 'Always') return [];
  const errs: FieldError[] = [];
  arr(oldStatuses).forEach((o, i) => {
    const old = obj(o);
    const term = obj(old.state).terminated;
    if (!isSet(term)) return;
    if ((obj(term).exitCode ?? 0) !== 0 && restartPolicy === 'OnFailure') return;
    if (restartable.has(str(old.name))) return;
    for (const n of arr(newStatuses)) {
      if (str(obj(n).name) === str(old.name) && !isSet(obj(obj(n).state).terminated)) {
        errs.push(fieldErr.forbidden(child(index(path, i), 'state'), 'may not be transitioned to non-terminated state'));
      }
    }
  });
  return errs;
}

export function validatePodStatusUpdate(pod: JsonObject, old: JsonObject): FieldError[] {
  const errs = validateObjectMetaUpdate(pod.metadata, old.metadata);
  errs.push(...validatePodAnnotationUpdates(pod, old, 'metadata.annotations'));
  const status = obj(pod.status);
  const oldStatus = obj(old.status);
  arr(status.conditions).forEach((c, i) => {
    const t = str(obj(c).type);
    if (SYSTEM_CONDITIONS.has(t)) return;
    for (const m of isQualifiedName(t)) errs.push(fieldErr.invalid(child(index('metadata.conditions', i), 'Type'), t, m));
  });
  const spec = obj(pod.spec);
  const oldSpec = obj(old.spec);
  if (str(spec.nodeName) !== str(oldSpec.nodeName)) errs.push(fieldErr.forbidden('status.nodeName', 'may not be changed directly'));
  const nominated = str(status.nominatedNodeName);
  if (nominated !== str(oldStatus.nominatedNodeName) && nominated.length > 0) {
    for (const m of nameIsDNSSubdomain(nominated, false)) errs.push(fieldErr.invalid('status.nominatedNodeName', nominated, m));
  }
  errs.push(...validateImmutable(str(status.qosClass), str(oldStatus.qosClass), 'status.qosClass', (a, b) => a === b));
  const oldPolicy = str(oldSpec.restartPolicy);
  errs.push(...validateStateTransitions(status.containerStatuses, oldStatus.containerStatuses, oldPolicy, 'status.containerStatuses'));
  const restartableInit = new Set(arr(oldSpec.initContainers).filter((c) => str(obj(c).restartPolicy) === 'Always').map((c) => str(obj(c).name)));
  errs.push(...validateStateTransitions(status.initContainerStatuses, oldStatus.initContainerStatuses, oldPolicy, 'status.initContainerStatuses', restartableInit));
  errs.push(...validateStateTransitions(status.ephemeralContainerStatuses, oldStatus.ephemeralContainerStatuses, 'Never', 'status.ephemeralContainerStatuses'));
  errs.push(...validateIPList(status.podIPs, 'status.podIPs', 'IP'));
  const hostIPs = arr(status.hostIPs);
  if (hostIPs.length > 0) {
    if (str(status.hostIP) !== str(obj(hostIPs[0]).ip)) errs.push(fieldErr.invalid('status.hostIPs[0].ip', str(obj(hostIPs[0]).ip), 'must be equal to `hostIP`'));
    errs.push(...validateIPList(status.hostIPs, 'status.hostIPs', 'IP'));
  }
  return errs;
}

/** ValidatePodBinding. */
export function validateBinding(binding: JsonObject): FieldError[] {
  const target = obj(binding.target);
  const errs: FieldError[] = [];
  const kind = str(target.kind);
  if (kind.length !== 0 && kind !== 'Node') errs.push(fieldErr.notSupported('target.kind', kind, ['Node', '<empty>']));
  if (str(target.name).length === 0) errs.push(fieldErr.required('target.name'));
  return errs;
}

