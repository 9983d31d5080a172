// Namespaces, Nodes, ResourceQuotas and ServiceAccounts (core validation.go).

import { fieldErr, type FieldError } from '../../machinery/errors.js';
import { arr, isSet, obj, sortedKeys, str, type JsonObject } from './json.js';
import { child, index, key } from './path.js';
import {
  nameIsDNSSubdomain, validateFinalizers, validateKubeFinalizerName, validateNamespaceName, validateObjectMeta, validateObjectMetaUpdate,
} from './meta.js';
import { cidrFamily, CIDR_ERROR } from './names.js';
import { validateTaints } from './scheduling.js';
import { validateQuotaResourceName, validateResourceQuantity } from './resources.js';

// ---- Namespace ----

function validateFinalizerName(value: string, path: string): FieldError[] {
  return [...validateFinalizers([value], path), ...validateKubeFinalizerName(value, path)];
}

export function validateNamespace(ns: JsonObject): FieldError[] {
  const errs = validateObjectMeta(ns.metadata, { namespaced: false, nameFn: validateNamespaceName });
  for (const f of arr(obj(ns.spec).finalizers)) errs.push(...validateFinalizerName(str(f), 'spec.finalizers'));
  return errs;
}

export function validateNamespaceUpdate(ns: JsonObject, old: JsonObject): FieldError[] {
  return validateObjectMetaUpdate(ns.metadata, old.metadata);
}

export function validateNamespaceStatusUpdate(ns: JsonObject, old: JsonObject): FieldError[] {
  const errs = validateObjectMetaUpdate(ns.metadata, old.metadata);
  const phase = str(obj(ns.status).phase);
  if (!obj(ns.metadata).deletionTimestamp) {
    if (phase !== 'Active') errs.push(fieldErr.invalid('status.Phase', phase, "may only be 'Active' if `deletionTimestamp` is empty"));
  } else if (phase !== 'Terminating') {
    errs.push(fieldErr.invalid('status.Phase', phase, "may only be 'Terminating' if `deletionTimestamp` is not empty"));
  }
  return errs;
}

/** ValidateNamespaceFinalizeUpdate (the namespaces/finalize subresource). */
export function validateNamespaceFinalizeUpdate(ns: JsonObject, old: JsonObject): FieldError[] {
  const errs = validateObjectMetaUpdate(ns.metadata, old.metadata);
  arr(obj(ns.spec).finalizers).forEach((f, i) => errs.push(...validateFinalizerName(str(f), index('spec.finalizers', i))));
  return errs;
}

// ---- Node ----

const TAINTS_ANNOTATION = 'scheduler.alpha.kubernetes.io/taints';

function validateNodeAnnotations(annotations: unknown, path: string): FieldError[] {
  const raw = str(obj(annotations)[TAINTS_ANNOTATION]);
  if (raw === '') return [];
  let taints: unknown;
  try {
    taints = JSON.parse(raw);
  } catch (e) {
    return [fieldErr.invalid(path, TAINTS_ANNOTATION, (e as Error).message)];
  }
  return arr(taints).length ? validateTaints(taints, child(path, TAINTS_ANNOTATION)) : [];
}

function validateNodeResources(node: JsonObject): FieldError[] {
  const errs: FieldError[] = [];
  const status = obj(node.status);
  for (const list of ['capacity', 'allocatable']) {
    const m = obj(status[list]);
    for (const k of sortedKeys(m)) errs.push(...validateResourceQuantity(k, m[k], child('status', list, k)).errs);
  }
  return errs;
}

function validatePodCIDRs(spec: JsonObject): FieldError[] {
  const cidrs = arr(spec.podCIDRs).map(str);
  if (cidrs.length === 0) return [];
  const p = 'spec.podCIDRs';
  const errs: FieldError[] = [];
  cidrs.forEach((c, i) => {
    if (cidrFamily(c) === 0) errs.push(fieldErr.invalid(index(p, i), c, CIDR_ERROR));
  });
  if (cidrs.length > 1) {
    const fams = new Set(cidrs.map(cidrFamily));
    if (cidrs.length > 2 || fams.size !== 2 || fams.has(0)) errs.push(fieldErr.invalid(p, cidrs, 'may specify no more than one CIDR for each IP family'));
    const seen = new Set<string>();
    cidrs.forEach((c, i) => {
      if (seen.has(c)) errs.push(fieldErr.duplicate(index(p, i), c));
      seen.add(c);
    });
  }
  return errs;
}

export function validateNode(node: JsonObject): FieldError[] {
  const meta = obj(node.metadata);
  const spec = obj(node.spec);
  const errs = validateObjectMeta(meta, { namespaced: false, nameFn: nameIsDNSSubdomain });
  errs.push(...validateNodeAnnotations(meta.annotations, 'metadata.annotations'));
  // Upstream reports spec.taints under `metadata.taints`.
  if (arr(spec.taints).length > 0) errs.push(...validateTaints(spec.taints, 'metadata.taints'));
  errs.push(...validateNodeResources(node));
  errs.push(...validatePodCIDRs(spec));
  return errs;
}

/** ValidateNodeUpdate (used for both spec and status updates, as upstream). */
export function validateNodeUpdate(node: JsonObject, old: JsonObject): FieldError[] {
  const meta = obj(node.metadata);
  const spec = obj(node.spec);
  const oldSpec = obj(old.spec);
  const errs = validateObjectMetaUpdate(meta, old.metadata);
  errs.push(...validateNodeAnnotations(meta.annotations, 'metadata.annotations'));
  errs.push(...validateNodeResources(node));
  const seen = new Set<string>();
  arr(obj(node.status).addresses).forEach((a, i) => {
    const addr = obj(a);
    const k = `${str(addr.type)}/${str(addr.address)}`;
    if (seen.has(k)) errs.push(fieldErr.duplicate(index('status.addresses', i), addr));
    seen.add(k);
  });
  const oldCIDRs = arr(oldSpec.podCIDRs).map(str);
  const newCIDRs = arr(spec.podCIDRs).map(str);
  const cidrMsg = 'node updates may not change podCIDR except from "" to valid';
  if (oldCIDRs.length > 0) {
    if (oldCIDRs.length !== newCIDRs.length) errs.push(fieldErr.forbidden('spec.podCIDRs', cidrMsg));
    else oldCIDRs.forEach((c, i) => {
      if (c !== newCIDRs[i]) errs.push(fieldErr.forbidden('spec.podCIDRs', cidrMsg));
    });
  }
  const oldProvider = str(oldSpec.providerID);
  if (oldProvider.length > 0 && oldProvider !== str(spec.providerID)) {
    errs.push(fieldErr.forbidden('spec.providerID', 'node updates may not change providerID except from "" to valid'));
  }
  if (arr(spec.taints).length > 0) errs.push(...validateTaints(spec.taints, 'metadata.taints'));
  if (str(spec.externalID) !== str(oldSpec.externalID)) errs.push(fieldErr.forbidden('spec.externalID', 'may not be updated'));
  return errs;
}

// ---- ResourceQuota ----

const QUOTA_SCOPES = ['Terminating', 'NotTerminating', 'BestEffort', 'NotBestEffort', 'PriorityClass', 'CrossNamespacePodAffinity', 'VolumeAttributesClass'];
const POD_COUNT = new Set(['pods']);
const POD_COMPUTE = new Set(['cpu', 'memory', 'limits.cpu', 'limits.memory', 'requests.cpu', 'requests.memory']);

function scopeValidForResource(scope: string, resource: string): boolean {
  switch (scope) {
    case 'Terminating': case 'NotTerminating': case 'NotBestEffort': case 'PriorityClass':
      return POD_COUNT.has(resource) || POD_COMPUTE.has(resource);
    case 'BestEffort':
      return POD_COUNT.has(resource);
    default:
      return true;
  }
}

function validateHardList(m: JsonObject, path: string): FieldError[] {
  const errs: FieldError[] = [];
  for (const k of sortedKeys(m)) {
    const p = key(path, k);
    errs.push(...validateQuotaResourceName(k, p));
    errs.push(...validateResourceQuantity(k, m[k], p).errs);
  }
  return errs;
}

const CONFLICTING_SCOPES: [string, string][] = [['BestEffort', 'NotBestEffort'], ['Terminating', 'NotTerminating']];
const STANDARD_QUOTA_NAME = (n: string): boolean => !n.includes('/') && validateQuotaResourceName(n, '').length === 0;

function validateQuotaSpec(spec: JsonObject, path: string): FieldError[] {
  const errs = validateHardList(obj(spec.hard), child(path, 'hard'));
  const hard = sortedKeys(spec.hard);
  const scopes = arr(spec.scopes).map(str);
  if (scopes.length) {
    const sp = child(path, 'scopes');
    for (const s of scopes) {
      if (!QUOTA_SCOPES.includes(s)) errs.push(fieldErr.invalid(sp, scopes, 'unsupported scope'));
      for (const k of hard) if (STANDARD_QUOTA_NAME(k) && !scopeValidForResource(s, k)) errs.push(fieldErr.invalid(sp, scopes, 'unsupported scope applied to resource'));
    }
    for (const [a, b] of CONFLICTING_SCOPES) if (scopes.includes(a) && scopes.includes(b)) errs.push(fieldErr.invalid(sp, scopes, 'conflicting scopes'));
  }
  if (isSet(spec.scopeSelector)) {
    const sel = obj(spec.scopeSelector);
    const mp = child(path, 'scopeSelector', 'matchExpressions');
    const names: string[] = [];
    for (const e of arr(sel.matchExpressions)) {
      const req = obj(e);
      const scope = str(req.scopeName);
      const op = str(req.operator);
      const values = arr(req.values);
      if (!QUOTA_SCOPES.includes(scope)) errs.push(fieldErr.invalid(child(mp, 'scopeName'), scope, 'unsupported scope'));
      for (const k of hard) if (STANDARD_QUOTA_NAME(k) && !scopeValidForResource(scope, k)) errs.push(fieldErr.invalid(mp, sel, 'unsupported scope applied to resource'));
      if (['BestEffort', 'NotBestEffort', 'Terminating', 'NotTerminating', 'CrossNamespacePodAffinity'].includes(scope) && op !== 'Exists') {
        errs.push(fieldErr.invalid(child(mp, 'operator'), op, "must be 'Exists' when scope is any of ResourceQuotaScopeTerminating, ResourceQuotaScopeNotTerminating, ResourceQuotaScopeBestEffort, ResourceQuotaScopeNotBestEffort or ResourceQuotaScopeCrossNamespacePodAffinity"));
      }
      if (op === 'In' || op === 'NotIn') {
        if (values.length === 0) errs.push(fieldErr.required(child(mp, 'values'), "must be at least one value when `operator` is 'In' or 'NotIn' for scope selector"));
      } else if (op === 'Exists' || op === 'DoesNotExist') {
        if (values.length !== 0) errs.push(fieldErr.invalid(child(mp, 'values'), values, "must be no value when `operator` is 'Exist' or 'DoesNotExist' for scope selector"));
      } else {
        errs.push(fieldErr.invalid(child(mp, 'operator'), op, 'not a valid selector operator'));
      }
      names.push(scope);
    }
    for (const [a, b] of CONFLICTING_SCOPES) if (names.includes(a) && names.includes(b)) errs.push(fieldErr.invalid(mp, scopes, 'conflicting scopes'));
  }
  return errs;
}

function validateQuotaStatus(status: JsonObject): FieldError[] {
  return [...validateHardList(obj(status.hard), 'status.hard'), ...validateHardList(obj(status.used), 'status.used')];
}

export function validateResourceQuota(rq: JsonObject): FieldError[] {
  return [
    ...validateObjectMeta(rq.metadata, { namespaced: true, nameFn: nameIsDNSSubdomain }),
    ...validateQuotaSpec(obj(rq.spec), 'spec'),
    ...validateQuotaStatus(obj(rq.status)),
  ];
}

export function validateResourceQuotaUpdate(rq: JsonObject, old: JsonObject): FieldError[] {
  const errs = [...validateObjectMetaUpdate(rq.metadata, old.metadata), ...validateQuotaSpec(obj(rq.spec), 'spec')];
  const n = new Set(arr(obj(rq.spec).scopes).map(str));
  const o = new Set(arr(obj(old.spec).scopes).map(str));
  if (n.size !== o.size || [...n].some((s) => !o.has(s))) errs.push(fieldErr.invalid('spec.scopes', arr(obj(rq.spec).scopes), 'field is immutable'));
  return errs;
}

export function validateResourceQuotaStatusUpdate(rq: JsonObject, old: JsonObject): FieldError[] {
  const errs = validateObjectMetaUpdate(rq.metadata, old.metadata);
  if (str(obj(rq.metadata).resourceVersion).length === 0) errs.push(fieldErr.required('resourceVersion'));
  errs.push(...validateQuotaStatus(obj(rq.status)));
  return errs;
}

// ---- ServiceAccount ----

export function validateServiceAccount(sa: JsonObject): FieldError[] {
  return validateObjectMeta(sa.metadata, { namespaced: true, nameFn: nameIsDNSSubdomain });
}

export function validateServiceAccountUpdate(sa: JsonObject, old: JsonObject): FieldError[] {
  return [...validateObjectMetaUpdate(sa.metadata, old.metadata), ...validateServiceAccount(sa)];
}
