// PodSpec and PodTemplateSpec validation (core validation.go: ValidatePodSpec, ValidatePodTemplateSpec).

import { fieldErr, type FieldError } from '../../machinery/errors.js';
import { arr, isSet, num, obj, optNum, sortedKeys, str, type JsonObject } from './json.js';
import { child, index, key } from './path.js';
import { nameIsDNSSubdomain, validateAnnotations, validateLabels } from './meta.js';
import {
  isDNS1123Label, isDNS1123Subdomain, isDNS1123SubdomainWithUnderscore, isQualifiedName, isValidGroupID, isValidIP, isValidUserID,
} from './names.js';
import {
  validateAppArmorProfile, validateContainers, validateInitContainers, validateSeccompProfile, type ContainerContext,
} from './container.js';
import { validateVolumes } from './volume.js';
import { validateAffinity, validateTolerations, validateTopologySpreadConstraints } from './scheduling.js';
import { validateContainerResourceName, validatePodResourceName, validateResourceRequirements } from './resources.js';

export interface PodSpecOptions {
  /** The spec belongs to a Pod (not a template inside another object). */
  resourceIsPod: boolean;
  /** The pod's name, for ephemeral-volume PVC names (Pods only). */
  podName?: string;
}

const RESTART_POLICIES = ['Always', 'OnFailure', 'Never'];
const DNS_POLICIES = ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'];

function validateRestartPolicy(policy: string, path: string): FieldError[] {
  if (RESTART_POLICIES.includes(policy)) return [];
  if (policy === '') return [fieldErr.required(path)];
  return [fieldErr.notSupported(path, policy, RESTART_POLICIES)];
}

function validateDNSPolicy(policy: string, path: string): FieldError[] {
  if (DNS_POLICIES.includes(policy)) return [];
  if (policy === '') return [fieldErr.required(path)];
  return [fieldErr.notSupported(path, policy, DNS_POLICIES)];
}

function validatePodDNSConfig(cfg: unknown, dnsPolicy: string, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (dnsPolicy === 'None') {
    if (!isSet(cfg)) return [fieldErr.required(path, 'must provide `dnsConfig` when `dnsPolicy` is None')];
    if (arr(obj(cfg).nameservers).length === 0) return [fieldErr.required(child(path, 'nameservers'), 'must provide at least one DNS nameserver when `dnsPolicy` is None')];
  }
  if (!isSet(cfg)) return errs;
  const c = obj(cfg);
  const nameservers = arr(c.nameservers).map(str);
  if (nameservers.length > 3) errs.push(fieldErr.invalid(child(path, 'nameservers'), nameservers, 'must not have more than 3 nameservers'));
  nameservers.forEach((ns, i) => errs.push(...isValidIP(ns).map((m) => fieldErr.invalid(index(child(path, 'nameservers'), i), ns, m))));
  const searches = arr(c.searches).map(str);
  if (searches.length > 32) errs.push(fieldErr.invalid(child(path, 'searches'), searches, 'must not have more than 32 search paths'));
  if (searches.join(' ').length > 2048) errs.push(fieldErr.invalid(child(path, 'searches'), searches, 'must not have more than 2048 characters (including spaces) in the search list'));
  searches.forEach((s, i) => {
    if (s === '.') return;
    const trimmed = s.endsWith('.') ? s.slice(0, -1) : s;
    for (const m of isDNS1123SubdomainWithUnderscore(trimmed)) errs.push(fieldErr.invalid(index(child(path, 'searches'), i), trimmed, m));
  });
  arr(c.options).forEach((o, i) => {
    if (str(obj(o).name).length === 0) errs.push(fieldErr.required(index(child(path, 'options'), i), 'must not be empty'));
  });
  return errs;
}

const SYSCTL_SEGMENT = '[a-z0-9]([-_a-z0-9]*[a-z0-9])?';
const SYSCTL_FMT = `(${SYSCTL_SEGMENT}[\\./])*${SYSCTL_SEGMENT}`;
const SYSCTL_RE = new RegExp(`^${SYSCTL_FMT}$`);

function sysctlNamespace(name: string): 'net' | 'ipc' | undefined {
  const n = name.replace(/\//g, '.');
  if (n.startsWith('net.')) return 'net';
  if (n.startsWith('kernel.shm') || n.startsWith('kernel.msg') || n === 'kernel.sem' || n.startsWith('fs.mqueue.')) return 'ipc';
  return undefined;
}

function validatePodSecurityContext(scv: unknown, spec: JsonObject, path: string): FieldError[] {
  if (!isSet(scv)) return [];
  const sc = obj(scv);
  const errs: FieldError[] = [];
  for (const [f, check] of [['fsGroup', isValidGroupID], ['runAsUser', isValidUserID], ['runAsGroup', isValidGroupID]] as const) {
    const v = optNum(sc[f]);
    if (v !== undefined) for (const m of check(v)) errs.push(fieldErr.invalid(child(path, f), v, m));
  }
  arr(sc.supplementalGroups).forEach((g, i) => {
    for (const m of isValidGroupID(num(g))) errs.push(fieldErr.invalid(index(child(path, 'supplementalGroups'), i), num(g), m));
  });
  if (sc.shareProcessNamespace === true && spec.hostPID === true) {
    errs.push(fieldErr.invalid(child(path, 'shareProcessNamespace'), true, 'ShareProcessNamespace and HostPID cannot both be enabled'));
  }
  const names = new Set<string>();
  arr(sc.sysctls).forEach((s, i) => {
    const name = str(obj(s).name);
    const np = child(index(child(path, 'sysctls'), i), 'name');
    if (name.length === 0) errs.push(fieldErr.required(np));
    else if (name.length > 253 || !SYSCTL_RE.test(name)) errs.push(fieldErr.invalid(np, name, `must have at most 253 characters and match regex ^${SYSCTL_FMT}$`));
    else if (names.has(name)) errs.push(fieldErr.duplicate(np, name));
    const ns = sysctlNamespace(name);
    if (spec.hostNetwork === true && ns === 'net') errs.push(fieldErr.invalid(np, name, "may not be specified when 'hostNetwork' is true"));
    else if (spec.hostIPC === true && ns === 'ipc') errs.push(fieldErr.invalid(np, name, "may not be specified when 'hostIPC' is true"));
    names.add(name);
  });
  if (isSet(sc.fsGroupChangePolicy) && !['Always', 'OnRootMismatch'].includes(str(sc.fsGroupChangePolicy))) {
    errs.push(fieldErr.notSupported(child(path, 'fsGroupChangePolicy'), str(sc.fsGroupChangePolicy), ['Always', 'OnRootMismatch']));
  }
  errs.push(...validateSeccompProfile(sc.seccompProfile, child(path, 'seccompProfile')));
  errs.push(...validateAppArmorProfile(sc.appArmorProfile, child(path, 'appArmorProfile')));
  if (isSet(sc.supplementalGroupsPolicy) && !['Merge', 'Strict'].includes(str(sc.supplementalGroupsPolicy))) {
    errs.push(fieldErr.notSupported(child(path, 'supplementalGroupsPolicy'), str(sc.supplementalGroupsPolicy), ['Merge', 'Strict']));
  }
  if (isSet(sc.seLinuxChangePolicy) && !['MountOption', 'Recursive'].includes(str(sc.seLinuxChangePolicy))) {
    errs.push(fieldErr.notSupported(child(path, 'seLinuxChangePolicy'), str(sc.seLinuxChangePolicy), ['MountOption', 'Recursive']));
  }
  return errs;
}

function validateHostNetworkDeps(spec: JsonObject, path: string, resourceIsPod: boolean): FieldError[] {
  if (spec.hostNetwork !== true) return [];
  const errs: FieldError[] = [];
  arr(spec.containers).forEach((c, i) => {
    arr(obj(c).ports).forEach((p, j) => {
      const port = obj(p);
      const hp = num(port.hostPort);
      const cp = num(port.containerPort);
      if ((resourceIsPod || hp !== 0) && hp !== cp) {
        errs.push(fieldErr.invalid(child(index(child(index(child(path, 'containers'), i), 'ports'), j), 'hostPort'), hp, 'must match `containerPort` when `hostNetwork` is true'));
      }
    });
  });
  return errs;
}

function validateOS(spec: JsonObject, path: string): FieldError[] {
  if (!isSet(spec.os)) return [];
  const name = str(obj(spec.os).name);
  if (name.length === 0) return [fieldErr.required(child(path, 'os', 'name'), 'cannot be empty')];
  if (name !== 'linux' && name !== 'windows') return [fieldErr.notSupported(child(path, 'os'), name, ['linux', 'windows'])];
  if (name === 'linux') {
    const errs: FieldError[] = [];
    if (isSet(obj(spec.securityContext).windowsOptions)) errs.push(fieldErr.forbidden(child(path, 'securityContext', 'windowsOptions'), 'windows options cannot be set for a linux pod'));
    for (const list of ['containers', 'initContainers', 'ephemeralContainers']) {
      arr(spec[list]).forEach((c, i) => {
        if (isSet(obj(obj(c).securityContext).windowsOptions)) {
          errs.push(fieldErr.forbidden(child(index(child(path, list), i), 'securityContext', 'windowsOptions'), 'windows options cannot be set for a linux pod'));
        }
      });
    }
    return errs;
  }
  return [];
}

function validatePodResources(spec: JsonObject, claimNames: Set<string>, path: string): FieldError[] {
  if (!isSet(spec.resources)) return [];
  const res = obj(spec.resources);
  const errs: FieldError[] = [];
  if (isSet(res.claims)) errs.push(fieldErr.forbidden(child(path, 'claims'), 'claims cannot be set for Resources at pod-level'));
  errs.push(...validateResourceRequirements({ limits: res.limits, requests: res.requests }, validatePodResourceName, claimNames, path));
  return errs;
}

/** ValidatePodSpec. */
export function validatePodSpec(specValue: unknown, path: string, opts: PodSpecOptions): FieldError[] {
  const spec = obj(specValue);
  const errs: FieldError[] = [];
  const gracePeriod = optNum(spec.terminationGracePeriodSeconds);
  if (gracePeriod === undefined) errs.push(fieldErr.required(child(path, 'terminationGracePeriodSeconds')));
  const sc = obj(spec.securityContext);
  const hostUsers = sc.hostUsers !== false;
  const { volumes, errs: vErrs } = validateVolumes(spec.volumes, opts.podName ?? '', opts.resourceIsPod, child(path, 'volumes'));
  errs.push(...vErrs);
  const claimNames = new Set<string>();
  const claimSeen = new Set<string>();
  arr(spec.resourceClaims).forEach((c, i) => {
    const claim = obj(c);
    const p = index(child(path, 'resourceClaims'), i);
    const name = str(claim.name);
    if (name) claimNames.add(name);
    if (name === '') errs.push(fieldErr.required(child(p, 'name')));
    else if (claimSeen.has(name)) errs.push(fieldErr.duplicate(child(p, 'name'), name));
    else {
      errs.push(...isDNS1123Label(name).map((m) => fieldErr.invalid(child(p, 'name'), name, m)));
      claimSeen.add(name);
    }
    const hasName = isSet(claim.resourceClaimName);
    const hasTemplate = isSet(claim.resourceClaimTemplateName);
    if (hasName && hasTemplate) errs.push(fieldErr.invalid(p, claim, 'at most one of `resourceClaimName` or `resourceClaimTemplateName` may be specified'));
    if (!hasName && !hasTemplate) errs.push(fieldErr.invalid(p, claim, 'must specify one of: `resourceClaimName`, `resourceClaimTemplateName`'));
    for (const f of ['resourceClaimName', 'resourceClaimTemplateName']) {
      if (isSet(claim[f])) for (const m of nameIsDNSSubdomain(str(claim[f]), false)) errs.push(fieldErr.invalid(child(p, f), str(claim[f]), m));
    }
  });
  const restartPolicy = str(spec.restartPolicy);
  const ctx: ContainerContext = { volumes, podClaimNames: claimNames, gracePeriod, podRestartPolicy: restartPolicy, hostUsers };
  errs.push(...validateContainers(spec.containers, ctx, child(path, 'containers')));
  errs.push(...validateInitContainers(spec.initContainers, spec.containers, ctx, child(path, 'initContainers')));
  errs.push(...validatePodResources(spec, claimNames, child(path, 'resources')));
  errs.push(...validateHostNetworkDeps(spec, path, opts.resourceIsPod));
  errs.push(...validateRestartPolicy(restartPolicy, child(path, 'restartPolicy')));
  errs.push(...validateDNSPolicy(str(spec.dnsPolicy), child(path, 'dnsPolicy')));
  errs.push(...validateLabels(spec.nodeSelector, child(path, 'nodeSelector')));
  errs.push(...validatePodSecurityContext(spec.securityContext, spec, child(path, 'securityContext')));
  arr(spec.imagePullSecrets).forEach((s, i) => {
    const ref = obj(s);
    if (Object.keys(ref).some((k) => k !== 'name')) errs.push(fieldErr.invalid(index(child(path, 'imagePullSecrets'), i), ref, 'only name may be set'));
  });
  errs.push(...validateAffinity(spec.affinity, child(path, 'affinity')));
  errs.push(...validatePodDNSConfig(spec.dnsConfig, str(spec.dnsPolicy), child(path, 'dnsConfig')));
  arr(spec.readinessGates).forEach((g, i) => {
    const ct = str(obj(g).conditionType);
    for (const m of isQualifiedName(ct)) errs.push(fieldErr.invalid(child(index(child(path, 'readinessGates'), i), 'conditionType'), ct, m));
  });
  const gates = new Set<string>();
  arr(spec.schedulingGates).forEach((g, i) => {
    const n = str(obj(g).name);
    const p = index(child(path, 'schedulingGates'), i);
    for (const m of isQualifiedName(n)) errs.push(fieldErr.invalid(p, n, m));
    if (gates.has(n)) errs.push(fieldErr.duplicate(p, n));
    gates.add(n);
  });
  errs.push(...validateTopologySpreadConstraints(spec.topologySpreadConstraints, child(path, 'topologySpreadConstraints')));
  if (sc.hostUsers === false) {
    if (spec.hostNetwork === true) errs.push(fieldErr.forbidden(child(path, 'hostNetwork'), 'when `pod.Spec.HostUsers` is false'));
    if (spec.hostPID === true) errs.push(fieldErr.forbidden(child(path, 'HostPID'), 'when `pod.Spec.HostUsers` is false'));
    if (spec.hostIPC === true) errs.push(fieldErr.forbidden(child(path, 'HostIPC'), 'when `pod.Spec.HostUsers` is false'));
  }
  for (const f of ['serviceAccountName', 'nodeName', 'priorityClassName']) {
    const v = str(spec[f]);
    if (v.length > 0) for (const m of isDNS1123Subdomain(v)) errs.push(fieldErr.invalid(child(path, f), v, m));
  }
  const ads = optNum(spec.activeDeadlineSeconds);
  if (ads !== undefined && (ads < 1 || ads > 2147483647)) {
    errs.push(fieldErr.invalid(child(path, 'activeDeadlineSeconds'), ads, 'must be between 1 and 2147483647, inclusive'));
  }
  for (const f of ['hostname', 'subdomain']) {
    const v = str(spec[f]);
    if (v.length > 0) for (const m of isDNS1123Label(v)) errs.push(fieldErr.invalid(child(path, f), v, m));
  }
  errs.push(...validateTolerations(spec.tolerations, child(path, 'tolerations')));
  arr(spec.hostAliases).forEach((h, i) => {
    const ha = obj(h);
    const p = index(child(path, 'hostAliases'), i);
    for (const m of isValidIP(str(ha.ip))) errs.push(fieldErr.invalid(child(p, 'ip'), str(ha.ip), m));
    arr(ha.hostnames).forEach((hn, j) => {
      for (const m of isDNS1123Subdomain(str(hn))) errs.push(fieldErr.invalid(index(child(p, 'hostnames'), j), str(hn), m));
    });
  });
  if (isSet(spec.runtimeClassName)) {
    for (const m of isDNS1123Subdomain(str(spec.runtimeClassName))) errs.push(fieldErr.invalid(child(path, 'runtimeClassName'), str(spec.runtimeClassName), m));
  }
  if (isSet(spec.preemptionPolicy)) {
    const pp = str(spec.preemptionPolicy);
    if (pp === '') errs.push(fieldErr.required(child(path, 'preemptionPolicy')));
    else if (pp !== 'PreemptLowerPriority' && pp !== 'Never') errs.push(fieldErr.notSupported(child(path, 'preemptionPolicy'), pp, ['PreemptLowerPriority', 'Never']));
  }
  if (isSet(spec.overhead)) {
    errs.push(...validateResourceRequirements({ limits: spec.overhead }, validateContainerResourceName, new Set(), child(path, 'overhead')));
  }
  errs.push(...validateOS(spec, path));
  return errs;
}

const MIRROR_POD_ANNOTATION = 'kubernetes.io/config.mirror';
const TOLERATIONS_ANNOTATION = 'scheduler.alpha.kubernetes.io/tolerations';
const DELETION_COST_ANNOTATION = 'controller.kubernetes.io/pod-deletion-cost';
const SECCOMP_POD_ANNOTATION = 'seccomp.security.alpha.kubernetes.io/pod';
const SECCOMP_CONTAINER_PREFIX = 'container.seccomp.security.alpha.kubernetes.io/';
const APPARMOR_PREFIX = 'container.apparmor.security.beta.kubernetes.io/';

function validateSeccompAnnotationValue(p: string, path: string): FieldError[] {
  if (p === 'runtime/default' || p === 'docker/default' || p === 'unconfined') return [];
  if (p.startsWith('localhost/')) {
    const rest = p.slice('localhost/'.length);
    const errs: FieldError[] = [];
    if (rest.startsWith('/')) errs.push(fieldErr.invalid(path, rest, 'must be a relative path'));
    if (rest.split('/').includes('..')) errs.push(fieldErr.invalid(path, rest, "must not contain '..'"));
    return errs;
  }
  return [fieldErr.invalid(path, p, 'must be a valid seccomp profile')];
}

function podSpecHasContainer(spec: JsonObject, name: string): boolean {
  return ['containers', 'initContainers', 'ephemeralContainers'].some((l) => arr(spec[l]).some((c) => str(obj(c).name) === name));
}

/** ValidatePodSpecificAnnotations. */
export function validatePodSpecificAnnotations(annotations: unknown, spec: JsonObject, path: string): FieldError[] {
  const a = obj(annotations);
  const errs: FieldError[] = [];
  if (Object.prototype.hasOwnProperty.call(a, MIRROR_POD_ANNOTATION) && str(spec.nodeName).length === 0) {
    errs.push(fieldErr.invalid(key(path, MIRROR_POD_ANNOTATION), str(a[MIRROR_POD_ANNOTATION]), 'must set spec.nodeName if mirror pod annotation is set'));
  }
  if (str(a[TOLERATIONS_ANNOTATION]) !== '') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(str(a[TOLERATIONS_ANNOTATION]));
    } catch (e) {
      errs.push(fieldErr.invalid(path, TOLERATIONS_ANNOTATION, (e as Error).message));
    }
    if (Array.isArray(parsed) && parsed.length > 0) errs.push(...validateTolerations(parsed, child(path, TOLERATIONS_ANNOTATION)));
  }
  if (Object.prototype.hasOwnProperty.call(a, DELETION_COST_ANNOTATION)) {
    const v = str(a[DELETION_COST_ANNOTATION]);
    const n = /^[+-]?[0-9]+$/.test(v) ? Number(v) : NaN;
    if (!Number.isInteger(n) || n < -2147483648 || n > 2147483647) errs.push(fieldErr.invalid(key(path, DELETION_COST_ANNOTATION), v, 'must be a 32bit integer'));
  }
  if (Object.prototype.hasOwnProperty.call(a, SECCOMP_POD_ANNOTATION)) {
    errs.push(...validateSeccompAnnotationValue(str(a[SECCOMP_POD_ANNOTATION]), child(path, SECCOMP_POD_ANNOTATION)));
  }
  for (const k of sortedKeys(a)) {
    if (k.startsWith(SECCOMP_CONTAINER_PREFIX)) errs.push(...validateSeccompAnnotationValue(str(a[k]), child(path, k)));
    if (k.startsWith(APPARMOR_PREFIX)) {
      const name = k.slice(APPARMOR_PREFIX.length);
      if (!podSpecHasContainer(spec, name)) errs.push(fieldErr.invalid(key(path, k), name, 'container not found'));
      const p = str(a[k]);
      if (p !== '' && p !== 'runtime/default' && p !== 'unconfined' && !p.startsWith('localhost/')) {
        errs.push(fieldErr.invalid(key(path, k), p, `invalid AppArmor profile name: ${JSON.stringify(p)}`));
      }
    }
  }
  return errs;
}

/** ValidatePodTemplateSpec: a pod template inside a workload. */
export function validatePodTemplateSpec(template: unknown, path: string): FieldError[] {
  const t = obj(template);
  const meta = obj(t.metadata);
  const spec = obj(t.spec);
  // Upstream reports template metadata at `<template>.labels`, without `metadata`.
  const errs: FieldError[] = [
    ...validateLabels(meta.labels, child(path, 'labels')),
    ...validateAnnotations(meta.annotations, child(path, 'annotations')),
    ...validatePodSpecificAnnotations(meta.annotations, spec, child(path, 'annotations')),
    ...validatePodSpec(spec, child(path, 'spec'), { resourceIsPod: false }),
  ];
  if (arr(spec.ephemeralContainers).length > 0) errs.push(fieldErr.forbidden(child(path, 'spec', 'ephemeralContainers'), 'ephemeral containers not allowed in pod template'));
  return errs;
}

