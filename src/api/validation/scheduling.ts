// Scheduling-related pod fields: affinity, tolerations, taints, topology spread constraints.

import { fieldErr, type FieldError } from '../../machinery/errors.js';
import { arr, isSet, num, obj, optNum, str, type JsonObject } from './json.js';
import { child, index } from './path.js';
import { nameIsDNSSubdomain, validateLabelName, validateNamespaceName } from './meta.js';
import { isValidLabelValue } from './names.js';
import { validateLabelSelector, validateLabelSelectorRequirement } from './selector.js';

const TAINT_EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

export function validateTaintEffect(effect: string, allowEmpty: boolean, path: string): FieldError[] {
  if (!allowEmpty && effect.length === 0) return [fieldErr.required(path)];
  return TAINT_EFFECTS.includes(effect) ? [] : [fieldErr.notSupported(path, effect, TAINT_EFFECTS)];
}

export function validateTolerations(tolerations: unknown, path: string): FieldError[] {
  const errs: FieldError[] = [];
  arr(tolerations).forEach((t, i) => {
    const tol = obj(t);
    const p = index(path, i);
    const k = str(tol.key);
    const op = str(tol.operator);
    const effect = str(tol.effect);
    const value = str(tol.value);
    if (k.length > 0) errs.push(...validateLabelName(k, child(p, 'key')));
    if (k.length === 0 && op !== 'Exists') {
      errs.push(fieldErr.invalid(child(p, 'operator'), op, 'operator must be Exists when `key` is empty, which means "match all values and all keys"'));
    }
    if (isSet(tol.tolerationSeconds) && effect !== 'NoExecute') {
      errs.push(fieldErr.invalid(child(p, 'effect'), effect, "effect must be 'NoExecute' when `tolerationSeconds` is set"));
    }
    switch (op) {
      case 'Equal': case '': {
        const msgs = isValidLabelValue(value);
        if (msgs.length) errs.push(fieldErr.invalid(child(p, 'operator'), value, msgs.join(';')));
        break;
      }
      case 'Exists':
        if (value.length > 0) errs.push(fieldErr.invalid(child(p, 'operator'), value, "value must be empty when `operator` is 'Exists'"));
        break;
      default:
        errs.push(fieldErr.notSupported(child(p, 'operator'), op, ['Equal', 'Exists']));
    }
    if (effect.length > 0) errs.push(...validateTaintEffect(effect, true, child(p, 'effect')));
  });
  return errs;
}

/** validateNodeTaints: key, value, effect, and uniqueness by (key, effect). */
export function validateTaints(taints: unknown, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const unique = new Map<string, Set<string>>();
  arr(taints).forEach((t, i) => {
    const taint = obj(t);
    const p = index(path, i);
    const k = str(taint.key);
    const effect = str(taint.effect);
    errs.push(...validateLabelName(k, child(p, 'key')));
    const vm = isValidLabelValue(str(taint.value));
    if (vm.length) errs.push(fieldErr.invalid(child(p, 'value'), str(taint.value), vm.join(';')));
    errs.push(...validateTaintEffect(effect, false, child(p, 'effect')));
    const keys = unique.get(effect);
    if (keys && keys.has(k)) {
      errs.push({ type: 'FieldValueDuplicate', field: p, badValue: taint, detail: 'taints must be unique by key and effect pair' });
      return;
    }
    if (keys) keys.add(k);
    else unique.set(effect, new Set([k]));
  });
  return errs;
}

function validateNodeFieldSelectorRequirement(rq: JsonObject, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const op = str(rq.operator);
  const values = arr(rq.values);
  if (op === 'In' || op === 'NotIn') {
    if (values.length !== 1) errs.push(fieldErr.required(child(path, 'values'), "must be only one value when `operator` is 'In' or 'NotIn' for node field selector"));
  } else {
    errs.push(fieldErr.invalid(child(path, 'operator'), op, 'not a valid selector operator'));
  }
  if (str(rq.key) !== 'metadata.name') {
    errs.push(fieldErr.invalid(child(path, 'key'), str(rq.key), 'not a valid field selector key'));
  } else {
    values.forEach((v, i) => {
      for (const m of nameIsDNSSubdomain(str(v), false)) errs.push(fieldErr.invalid(index(child(path, 'values'), i), str(v), m));
    });
  }
  return errs;
}

function validateNodeSelectorTerm(term: unknown, allowInvalidValues: boolean, path: string): FieldError[] {
  const t = obj(term);
  const opts = { allowInvalidLabelValueInSelector: allowInvalidValues, allowNumericOperators: true };
  return [
    ...arr(t.matchExpressions).flatMap((r, j) => validateLabelSelectorRequirement(r, opts, index(child(path, 'matchExpressions'), j))),
    ...arr(t.matchFields).flatMap((r, j) => validateNodeFieldSelectorRequirement(obj(r), index(child(path, 'matchFields'), j))),
  ];
}

export function validateNodeSelector(sel: unknown, allowInvalidValues: boolean, path: string): FieldError[] {
  const terms = arr(obj(sel).nodeSelectorTerms);
  const tp = child(path, 'nodeSelectorTerms');
  if (terms.length === 0) return [fieldErr.required(tp, 'must have at least one node selector term')];
  return terms.flatMap((t, i) => validateNodeSelectorTerm(t, allowInvalidValues, index(tp, i)));
}

function validateMatchLabelKeys(path: string, matchKeys: string[], mismatchKeys: string[], selector: unknown): FieldError[] {
  const errs: FieldError[] = [];
  const keysAt = (p: string, keys: string[]): void => {
    if (keys.length === 0) return;
    if (!isSet(selector)) {
      errs.push(fieldErr.forbidden(p, 'must not be specified when labelSelector is not set'));
      return;
    }
    keys.forEach((k, i) => errs.push(...validateLabelName(k, index(p, i))));
  };
  keysAt(child(path, 'matchLabelKeys'), matchKeys);
  keysAt(child(path, 'mismatchLabelKeys'), mismatchKeys);
  if (isSet(selector)) {
    const sel = obj(selector);
    const positions = new Map(matchKeys.map((k, i) => [k, i] as const));
    const selectorKeys = new Set(Object.keys(obj(sel.matchLabels)));
    for (const e of arr(sel.matchExpressions)) {
      const k = str(obj(e).key);
      const i = positions.get(k);
      if (i !== undefined && selectorKeys.has(k)) errs.push(fieldErr.invalid(index(path, i), k, 'exists in both matchLabelKeys and labelSelector'));
      selectorKeys.add(k);
    }
  }
  const mismatch = new Set(mismatchKeys);
  matchKeys.forEach((k, i) => {
    if (mismatch.has(k)) errs.push(fieldErr.invalid(index(child(path, 'matchLabelKeys'), i), k, 'exists in both matchLabelKeys and mismatchLabelKeys'));
  });
  return errs;
}

function validatePodAffinityTerm(term: JsonObject, path: string): FieldError[] {
  const errs: FieldError[] = [
    ...validateLabelSelector(term.labelSelector, {}, child(path, 'labelSelector')),
    ...validateLabelSelector(term.namespaceSelector, {}, child(path, 'namespaceSelector')),
  ];
  for (const ns of arr(term.namespaces)) {
    for (const m of validateNamespaceName(str(ns), false)) errs.push(fieldErr.invalid(child(path, 'namespace'), str(ns), m));
  }
  errs.push(...validateMatchLabelKeys(path, arr(term.matchLabelKeys).map(str), arr(term.mismatchLabelKeys).map(str), term.labelSelector));
  const tk = str(term.topologyKey);
  if (tk.length === 0) errs.push(fieldErr.required(child(path, 'topologyKey'), 'can not be empty'));
  errs.push(...validateLabelName(tk, child(path, 'topologyKey')));
  return errs;
}

function validateWeighted(terms: unknown, path: string): FieldError[] {
  return arr(terms).flatMap((t, j) => {
    const w = obj(t);
    const p = index(path, j);
    const errs: FieldError[] = [];
    const weight = num(w.weight);
    if (weight <= 0 || weight > 100) errs.push(fieldErr.invalid(child(p, 'weight'), weight, 'must be in the range 1-100'));
    errs.push(...validatePodAffinityTerm(obj(w.podAffinityTerm), child(p, 'podAffinityTerm')));
    return errs;
  });
}

function validatePodAffinityKind(a: JsonObject, path: string): FieldError[] {
  return [
    ...arr(a.requiredDuringSchedulingIgnoredDuringExecution).flatMap((t, i) =>
      validatePodAffinityTerm(obj(t), index(child(path, 'requiredDuringSchedulingIgnoredDuringExecution'), i))),
    ...validateWeighted(a.preferredDuringSchedulingIgnoredDuringExecution, child(path, 'preferredDuringSchedulingIgnoredDuringExecution')),
  ];
}

export function validateAffinity(affinity: unknown, path: string): FieldError[] {
  if (!isSet(affinity)) return [];
  const a = obj(affinity);
  const errs: FieldError[] = [];
  if (isSet(a.nodeAffinity)) {
    const na = obj(a.nodeAffinity);
    const p = child(path, 'nodeAffinity');
    if (isSet(na.requiredDuringSchedulingIgnoredDuringExecution)) {
      errs.push(...validateNodeSelector(na.requiredDuringSchedulingIgnoredDuringExecution, false, child(p, 'requiredDuringSchedulingIgnoredDuringExecution')));
    }
    arr(na.preferredDuringSchedulingIgnoredDuringExecution).forEach((t, i) => {
      const term = obj(t);
      const tp = index(child(p, 'preferredDuringSchedulingIgnoredDuringExecution'), i);
      const weight = num(term.weight);
      if (weight <= 0 || weight > 100) errs.push(fieldErr.invalid(child(tp, 'weight'), weight, 'must be in the range 1-100'));
      errs.push(...validateNodeSelectorTerm(term.preference, true, child(tp, 'preference')));
    });
  }
  if (isSet(a.podAffinity)) errs.push(...validatePodAffinityKind(obj(a.podAffinity), child(path, 'podAffinity')));
  if (isSet(a.podAntiAffinity)) errs.push(...validatePodAffinityKind(obj(a.podAntiAffinity), child(path, 'podAntiAffinity')));
  return errs;
}

const SCHEDULE_ACTIONS = ['DoNotSchedule', 'ScheduleAnyway'];
const NODE_INCLUSION_POLICIES = ['Honor', 'Ignore'];

export function validateTopologySpreadConstraints(constraints: unknown, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const list = arr(constraints).map(obj);
  list.forEach((c, i) => {
    const p = index(path, i);
    const maxSkew = num(c.maxSkew);
    if (maxSkew <= 0) errs.push(fieldErr.invalid(child(p, 'maxSkew'), maxSkew, 'must be greater than zero'));
    if (str(c.topologyKey).length === 0) errs.push(fieldErr.required(child(p, 'topologyKey'), 'can not be empty'));
    const action = str(c.whenUnsatisfiable);
    if (!SCHEDULE_ACTIONS.includes(action)) errs.push(fieldErr.notSupported(child(p, 'whenUnsatisfiable'), action, SCHEDULE_ACTIONS));
    if (list.slice(i + 1).some((r) => str(r.topologyKey) === str(c.topologyKey) && str(r.whenUnsatisfiable) === action)) {
      errs.push(fieldErr.duplicate(child(p, '{topologyKey, whenUnsatisfiable}'), `{${str(c.topologyKey)}, ${action}}`));
    }
    const minDomains = optNum(c.minDomains);
    if (minDomains !== undefined) {
      if (minDomains <= 0) errs.push(fieldErr.invalid(child(p, 'minDomains'), minDomains, 'must be greater than zero'));
      if (action !== 'DoNotSchedule') errs.push(fieldErr.invalid(child(p, 'minDomains'), minDomains, `can only use minDomains if whenUnsatisfiable=DoNotSchedule, not ${action}`));
    }
    for (const f of ['nodeAffinityPolicy', 'nodeTaintsPolicy']) {
      if (isSet(c[f]) && !NODE_INCLUSION_POLICIES.includes(str(c[f]))) errs.push(fieldErr.notSupported(child(p, f), str(c[f]), NODE_INCLUSION_POLICIES));
    }
    const matchLabelKeys = arr(c.matchLabelKeys).map(str);
    if (matchLabelKeys.length) {
      const mp = child(p, 'matchLabelKeys');
      const selKeys = new Set<string>();
      if (isSet(c.labelSelector)) {
        const sel = obj(c.labelSelector);
        for (const k of Object.keys(obj(sel.matchLabels))) selKeys.add(k);
        for (const e of arr(sel.matchExpressions)) selKeys.add(str(obj(e).key));
      } else {
        errs.push(fieldErr.forbidden(mp, 'must not be specified when labelSelector is not set'));
      }
      matchLabelKeys.forEach((k, j) => {
        errs.push(...validateLabelName(k, index(mp, j)));
        if (selKeys.has(k)) errs.push(fieldErr.invalid(index(mp, j), k, 'exists in both matchLabelKeys and labelSelector'));
      });
    }
    errs.push(...validateLabelSelector(c.labelSelector, {}, child(p, 'labelSelector')));
  });
  return errs;
}
