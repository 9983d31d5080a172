// coordination.k8s.io Leases (coordination validation.go).

import { fieldErr, type FieldError } from '../../machinery/errors.js';
import { isSet, obj, optNum, str, type JsonObject } from './json.js';
import { nameIsDNSSubdomain, validateObjectMeta, validateObjectMetaUpdate } from './meta.js';
import { isQualifiedName } from './names.js';

const LEASE_STRATEGIES = ['OldestEmulationVersion'];

function validateLeaseSpec(specValue: unknown): FieldError[] {
  const spec = obj(specValue);
  const errs: FieldError[] = [];
  const duration = optNum(spec.leaseDurationSeconds);
  if (duration !== undefined && duration <= 0) errs.push(fieldErr.invalid('spec.leaseDurationSeconds', duration, 'must be greater than 0'));
  const transitions = optNum(spec.leaseTransitions);
  if (transitions !== undefined && transitions < 0) errs.push(fieldErr.invalid('spec.leaseTransitions', transitions, 'must be greater than or equal to 0'));
  if (isSet(spec.strategy)) {
    const s = str(spec.strategy);
    if (s.split('/').length === 1) {
      if (!LEASE_STRATEGIES.includes(s)) errs.push(fieldErr.notSupported('spec.strategy.strategy', s, LEASE_STRATEGIES));
    } else {
      for (const m of isQualifiedName(s)) errs.push(fieldErr.invalid('spec.strategy.strategy', s, m));
    }
  }
  if (str(spec.preferredHolder) !== '' && str(spec.strategy) === '') {
    errs.push(fieldErr.forbidden('spec.preferredHolder', 'may only be specified if `strategy` is defined'));
  }
  return errs;
}

export function validateLease(lease: JsonObject): FieldError[] {
  return [
    ...validateObjectMeta(lease.metadata, { namespaced: true, nameFn: nameIsDNSSubdomain, kubeFinalizers: false }),
    ...validateLeaseSpec(lease.spec),
  ];
}

export function validateLeaseUpdate(lease: JsonObject, old: JsonObject): FieldError[] {
  return [...validateObjectMetaUpdate(lease.metadata, old.metadata, 'metadata', { kubeFinalizers: false }), ...validateLeaseSpec(lease.spec)];
}
