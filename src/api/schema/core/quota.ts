// ResourceQuota and LimitRange.

import { f, listAtomic, map, quantity, str, struct } from '../dsl.js';
import { kind, kindList, objectHeader } from './kind.js';
import { CORE, core } from './names.js';
import { ATOMIC_STRUCT } from './shared.js';

kind('ResourceQuota', 'Aggregate resource limits enforced per namespace.', {
  ...objectHeader(),
  spec: f(2, core('ResourceQuotaSpec'), 'The desired quota.'),
  status: f(3, core('ResourceQuotaStatus'), 'The enforced quota and its current usage.'),
});
kindList('ResourceQuota', 'A list of ResourceQuotas.', 'The resource quotas.');

struct(`${CORE}.ResourceQuotaSpec`, 'The hard limits a quota enforces.', {
  hard: f(1, map(quantity()), 'Hard limit of each named resource.'),
  scopeSelector: f(3, core('ScopeSelector'), 'Scope requirements objects must match to be tracked, ANDed with scopes.'),
  scopes: f(2, listAtomic(str()), 'Scopes objects must match to be tracked; all objects when empty.'),
});

struct(`${CORE}.ResourceQuotaStatus`, 'Enforced limits and observed usage of a quota.', {
  hard: f(1, map(quantity()), 'Enforced hard limit of each named resource.'),
  used: f(2, map(quantity()), 'Current usage of each named resource in the namespace.'),
});

struct(`${CORE}.ScopeSelector`, 'The AND of scoped-resource selector requirements.', {
  matchExpressions: f(1, listAtomic(core('ScopedResourceSelectorRequirement')), 'The requirements.'),
}, ATOMIC_STRUCT);

struct(`${CORE}.ScopedResourceSelectorRequirement`, 'A scope name, an operator and values.', {
  operator: f(2, str(), 'In, NotIn, Exists or DoesNotExist.', { 'x-kite-proto-keep-zero': true }),
  scopeName: f(1, str(), 'Scope the requirement applies to.', { 'x-kite-proto-keep-zero': true }),
  values: f(3, listAtomic(str()), 'Values to compare with; none for Exists and DoesNotExist.'),
}, { required: ['scopeName', 'operator'] });

kind('LimitRange', 'Per-object resource limits and defaults in a namespace.', {
  ...objectHeader(),
  spec: f(2, core('LimitRangeSpec'), 'The limits enforced.'),
});
kindList('LimitRange', 'A list of LimitRanges.', 'The limit ranges.');

struct(`${CORE}.LimitRangeSpec`, 'The limits of a LimitRange.', {
  limits: f(1, listAtomic(core('LimitRangeItem')), 'The limits enforced.'),
}, { required: ['limits'] });

struct(`${CORE}.LimitRangeItem`, 'Minimum, maximum and defaults for one kind of object.', {
  default: f(4, map(quantity()), 'Default limit of each resource when the limit is omitted.'),
  defaultRequest: f(5, map(quantity()), 'Default request of each resource when the request is omitted.'),
  max: f(2, map(quantity()), 'Maximum usage of each resource.'),
  maxLimitRequestRatio: f(6, map(quantity()), 'Largest allowed ratio of limit to request of each resource.'),
  min: f(3, map(quantity()), 'Minimum usage of each resource.'),
  type: f(1, str(), 'Kind of object the limit applies to: Pod, Container or PersistentVolumeClaim.', { 'x-kite-proto-keep-zero': true }),
}, { required: ['type'] });
