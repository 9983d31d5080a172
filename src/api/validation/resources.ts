// Resource names and quantities (core validation: validateResourceName, ValidateResourceQuantityValue,
// validateResourceRequirements) and the helpers of pkg/apis/core/helper.

import { fieldErr, type FieldError } from '../../machinery/errors.js';
import { arr, obj, sortedKeys, str } from './json.js';
import { child, index, key } from './path.js';
import { IS_NEGATIVE } from './meta.js';
import { isDNS1123Label, isQualifiedName } from './names.js';
import { parseJsonQuantity, type Quantity } from './quantities.js';

const HUGEPAGES_PREFIX = 'hugepages-';
const REQUESTS_HUGEPAGES_PREFIX = 'requests.hugepages-';

export const isHugePageResourceName = (n: string): boolean => n.startsWith(HUGEPAGES_PREFIX);
const isQuotaHugePageResourceName = (n: string): boolean => n.startsWith(HUGEPAGES_PREFIX) || n.startsWith(REQUESTS_HUGEPAGES_PREFIX);

/** Unprefixed names and *kubernetes.io/ names are native. */
export function isNativeResource(n: string): boolean {
  return !n.includes('/') || n.includes('kubernetes.io/');
}

export function isExtendedResourceName(n: string): boolean {
  if (isNativeResource(n) || n.startsWith('requests.')) return false;
  return isQualifiedName(`requests.${n}`).length === 0;
}

export function isOvercommitAllowed(n: string): boolean {
  return isNativeResource(n) && !isHugePageResourceName(n);
}

const STANDARD_CONTAINER_RESOURCES = new Set(['cpu', 'memory', 'ephemeral-storage']);
export const isStandardContainerResourceName = (n: string): boolean => STANDARD_CONTAINER_RESOURCES.has(n) || isHugePageResourceName(n);

const STANDARD_QUOTA_RESOURCES = new Set([
  'cpu', 'memory', 'ephemeral-storage', 'requests.cpu', 'requests.memory', 'requests.storage', 'requests.ephemeral-storage',
  'limits.cpu', 'limits.memory', 'limits.ephemeral-storage', 'pods', 'resourcequotas', 'services', 'replicationcontrollers',
  'secrets', 'persistentvolumeclaims', 'configmaps', 'services.nodeports', 'services.loadbalancers',
]);
export const isStandardQuotaResourceName = (n: string): boolean => STANDARD_QUOTA_RESOURCES.has(n) || isQuotaHugePageResourceName(n);

const STANDARD_RESOURCES = new Set([
  'cpu', 'memory', 'ephemeral-storage', 'requests.cpu', 'requests.memory', 'requests.ephemeral-storage', 'limits.cpu',
  'limits.memory', 'limits.ephemeral-storage', 'pods', 'resourcequotas', 'services', 'replicationcontrollers', 'secrets',
  'configmaps', 'persistentvolumeclaims', 'storage', 'requests.storage', 'services.nodeports', 'services.loadbalancers',
]);
export const isStandardResourceName = (n: string): boolean => STANDARD_RESOURCES.has(n) || isQuotaHugePageResourceName(n);

const INTEGER_RESOURCES = new Set([
  'pods', 'resourcequotas', 'services', 'replicationcontrollers', 'secrets', 'configmaps', 'persistentvolumeclaims',
  'services.nodeports', 'services.loadbalancers',
]);
export const isIntegerResourceName = (n: string): boolean => INTEGER_RESOURCES.has(n) || isExtendedResourceName(n);

export type ResourceNameFn = (name: string, path: string) => FieldError[];

export const validateResourceName: ResourceNameFn = (value, path) => {
  const errs = isQualifiedName(value).map((m) => fieldErr.invalid(path, value, m));
  if (errs.length) return errs;
  if (value.split('/').length === 1 && !isStandardResourceName(value)) {
    return [fieldErr.invalid(path, value, 'must be a standard resource type or fully qualified')];
  }
  return [];
};

export const validateContainerResourceName: ResourceNameFn = (value, path) => {
  const errs = validateResourceName(value, path);
  if (value.split('/').length === 1) {
    if (!isStandardContainerResourceName(value)) return [...errs, fieldErr.invalid(path, value, 'must be a standard resource for containers')];
  } else if (!isNativeResource(value) && !isExtendedResourceName(value)) {
    return [...errs, fieldErr.invalid(path, value, "doesn't follow extended resource name standard")];
  }
  return errs;
};

const POD_LEVEL_RESOURCES = ['cpu', 'memory'];

export const validatePodResourceName: ResourceNameFn = (value, path) => {
  const errs = validateResourceName(value, path);
  if (errs.length) return errs;
  if (!POD_LEVEL_RESOURCES.includes(value) && !isHugePageResourceName(value)) {
    return [fieldErr.notSupported(path, value, [...POD_LEVEL_RESOURCES, 'hugepages-*'].sort())];
  }
  return [];
};

export const validateQuotaResourceName: ResourceNameFn = (value, path) => {
  const errs = validateResourceName(value, path);
  if (value.split('/').length === 1 && !isStandardQuotaResourceName(value)) {
    return [...errs, fieldErr.invalid(path, value, 'must be a standard resource for quota')];
  }
  return errs;
};

/** ValidateResourceQuantityValue: non-negative, and whole for integer resources. Returns the parsed quantity. */
export function validateResourceQuantity(resource: string, raw: unknown, path: string): { errs: FieldError[]; q?: Quantity } {
  const parsed = parseJsonQuantity(raw, path);
  if (!parsed.ok) return { errs: [parsed.error] };
  const q = parsed.q;
  const errs: FieldError[] = [];
  if (q.sign() < 0) errs.push(fieldErr.invalid(path, q.toString(), IS_NEGATIVE));
  if (isIntegerResourceName(resource) && q.milliValueBig() % 1000n !== 0n) {
    errs.push(fieldErr.invalid(path, q.toString(), 'must be an integer'));
  }
  return { errs, q };
}

/** A hugepages-<size> quantity must be a whole multiple of the page size. */
function hugePageError(name: string, q: Quantity): string | undefined {
  const size = parseJsonQuantity(name.slice(HUGEPAGES_PREFIX.length), '');
  if (!size.ok || size.q.sign() <= 0) return undefined;
  return q.nanos % size.q.nanos === 0n ? undefined : `${q.toString()} is not positive integer multiple of ${name}`;
}

/** validateResourceRequirements for a container (or, with validatePodResourceName, a pod). */
export function validateResourceRequirements(req: unknown, nameFn: ResourceNameFn, podClaimNames: Set<string>, path: string): FieldError[] {
  const r = obj(req);
  const errs: FieldError[] = [];
  const limPath = child(path, 'limits');
  const reqPath = child(path, 'requests');
  const limits = obj(r.limits);
  const requests = obj(r.requests);
  const limitQ = new Map<string, Quantity>();
  let limCpuMem = false;
  let reqCpuMem = false;
  let limHuge = false;
  let reqHuge = false;
  for (const name of sortedKeys(limits)) {
    const p = key(limPath, name);
    errs.push(...nameFn(name, p));
    const { errs: qe, q } = validateResourceQuantity(name, limits[name], p);
    errs.push(...qe);
    if (q) limitQ.set(name, q);
    if (isHugePageResourceName(name)) {
      limHuge = true;
      const h = q && hugePageError(name, q);
      if (q && h) errs.push(fieldErr.invalid(p, q.toString(), h));
    }
    if (name === 'cpu' || name === 'memory') limCpuMem = true;
  }
  for (const name of sortedKeys(requests)) {
    const p = key(reqPath, name);
    errs.push(...nameFn(name, p));
    const { errs: qe, q } = validateResourceQuantity(name, requests[name], p);
    errs.push(...qe);
    const lim = limitQ.get(name);
    if (Object.prototype.hasOwnProperty.call(limits, name)) {
      if (q && lim) {
        if (q.cmp(lim) !== 0 && !isOvercommitAllowed(name)) {
          errs.push(fieldErr.invalid(reqPath, q.toString(), `must be equal to ${name} limit of ${lim.toString()}`));
        } else if (q.cmp(lim) > 0) {
          errs.push(fieldErr.invalid(reqPath, q.toString(), `must be less than or equal to ${name} limit of ${lim.toString()}`));
        }
      }
    } else if (!isOvercommitAllowed(name)) {
      errs.push(fieldErr.required(limPath, 'Limit must be set for non overcommitable resources'));
    }
    if (isHugePageResourceName(name)) {
      reqHuge = true;
      const h = q && hugePageError(name, q);
      if (q && h) errs.push(fieldErr.invalid(p, q.toString(), h));
    }
    if (name === 'cpu' || name === 'memory') reqCpuMem = true;
  }
  if (!limCpuMem && !reqCpuMem && (reqHuge || limHuge)) errs.push(fieldErr.forbidden(path, 'HugePages require cpu or memory'));
  errs.push(...validateResourceClaimNames(r.claims, podClaimNames, child(path, 'claims')));
  return errs;
}

function validateResourceClaimNames(claims: unknown, podClaimNames: Set<string>, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set<string>();
  arr(claims).forEach((c, i) => {
    const claim = obj(c);
    const name = str(claim.name);
    const p = index(path, i);
    if (name === '') {
      errs.push(fieldErr.required(p));
      return;
    }
    if (names.has(name)) {
      errs.push(fieldErr.duplicate(p, name));
    } else {
      let k = name;
      const request = str(claim.request);
      if (request !== '') {
        errs.push(...isDNS1123Label(request).map((m) => fieldErr.invalid(child(p, 'request'), request, m)));
        k += `/${request}`;
      }
      if (names.has(k)) errs.push(fieldErr.duplicate(p, k));
      else if (request === '') {
        for (const existing of names) {
          const slash = existing.indexOf('/');
          if (slash >= 0 && existing.slice(0, slash) === name) errs.push(fieldErr.duplicate(p, name));
        }
      }
      names.add(k);
    }
    if (!podClaimNames.has(name)) {
      const known = [...podClaimNames].sort();
      errs.push({
        type: 'FieldValueNotFound', field: p, badValue: name,
        detail: `must be one of the names in pod.spec.resourceClaims${known.length === 0 ? ' which is empty' : `: ${known.join(', ')}`}`,
      });
    }
  });
  return errs;
}
