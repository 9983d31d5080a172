// apps/v1 workloads (apps validation.go plus the apps/v1 selector-immutability rules of the
// registry strategies): Deployment, ReplicaSet, StatefulSet, DaemonSet, ControllerRevision.

import { fieldErr, type FieldError } from '../../machinery/errors.js';
import { isSet, num, obj, optNum, semanticEqual, str, type JsonObject } from './json.js';
import { child } from './path.js';
import {
  FIELD_IMMUTABLE, nameIsDNSLabel, nameIsDNSSubdomain, validateAnnotations, validateImmutable, validateLabels, validateNonnegative,
  validateObjectMeta, validateObjectMetaUpdate,
} from './meta.js';
import { isValidPercent } from './names.js';
import { isEmptySelector, selectorOf, validateLabelSelector } from './selector.js';
import { validatePodSpecificAnnotations, validatePodTemplateSpec } from './podspec.js';

// ---- int-or-percent ----

export function validatePositiveIntOrPercent(v: unknown, path: string): FieldError[] {
  if (typeof v === 'string') return isValidPercent(v).map((m) => fieldErr.invalid(path, v, m));
  if (typeof v === 'number') return validateNonnegative(v, path);
  if (!isSet(v)) return validateNonnegative(0, path);
  return [fieldErr.invalid(path, v, "must be an integer or percentage (e.g '5%')")];
}

function percentValue(v: unknown): number | undefined {
  return typeof v === 'string' && isValidPercent(v).length === 0 ? Number(v.slice(0, -1)) : undefined;
}

/** getIntOrPercentValue: the percentage or the integer (a non-numeric string counts as 0). */
export function intOrPercentValue(v: unknown): number {
  const p = percentValue(v);
  if (p !== undefined) return p;
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && /^[+-]?[0-9]+$/.test(v)) return Number(v);
  return 0;
}

function isNotMoreThan100Percent(v: unknown, path: string): FieldError[] {
  const p = percentValue(v);
  return p !== undefined && p > 100 ? [fieldErr.invalid(path, v, 'must not be greater than 100%')] : [];
}

// ---- shared template checks ----

/** ValidatePodTemplateSpecForReplicaSet: selector match, full pod template, restart policy Always. */
function validateTemplateForReplicaSet(template: unknown, selectorValue: unknown, kindName: string, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const sel = selectorOf(selectorValue);
  if (!sel) return [fieldErr.invalid('spec.selector', selectorValue, 'invalid label selector')];
  const t = obj(template);
  const labels = obj(obj(t.metadata).labels);
  if (!sel.isEmpty() && !sel.matches(labels as Record<string, string>)) {
    errs.push(fieldErr.invalid(child(path, 'metadata', 'labels'), labels, '`selector` does not match template `labels`'));
  }
  errs.push(...validatePodTemplateSpec(t, path));
  const spec = obj(t.spec);
  const rp = str(spec.restartPolicy);
  if (rp !== 'Always') errs.push(fieldErr.notSupported(child(path, 'spec', 'restartPolicy'), rp, ['Always']));
  if (isSet(spec.activeDeadlineSeconds)) errs.push(fieldErr.forbidden(child(path, 'spec', 'activeDeadlineSeconds'), `activeDeadlineSeconds in ${kindName} is not Supported`));
  return errs;
}

/** A required, strictly valid, non-empty selector. */
function validateWorkloadSelector(selector: unknown, kindLower: string): FieldError[] {
  if (!isSet(selector)) return [fieldErr.required('spec.selector')];
  const errs = validateLabelSelector(selector, {}, 'spec.selector');
  if (isEmptySelector(selector)) errs.push(fieldErr.invalid('spec.selector', selector, `empty selector is invalid for ${kindLower}`));
  return errs;
}

function validateSelectorImmutable(spec: JsonObject, oldSpec: JsonObject): FieldError[] {
  return validateImmutable(spec.selector, oldSpec.selector, 'spec.selector', semanticEqual);
}

// ---- Deployment ----

function validateDeploymentStrategy(strategyValue: unknown): FieldError[] {
  const strategy = obj(strategyValue);
  const path = 'spec.strategy';
  switch (str(strategy.type)) {
    case 'Recreate':
      return isSet(strategy.rollingUpdate) ? [fieldErr.forbidden(child(path, 'rollingUpdate'), "may not be specified when strategy `type` is 'Recreate'")] : [];
    case 'RollingUpdate': {
      if (!isSet(strategy.rollingUpdate)) return [fieldErr.required(child(path, 'rollingUpdate'), 'this should be defaulted and never be nil')];
      const ru = obj(strategy.rollingUpdate);
      const rp = child(path, 'rollingUpdate');
      const errs = [
        ...validatePositiveIntOrPercent(ru.maxUnavailable, child(rp, 'maxUnavailable')),
        ...validatePositiveIntOrPercent(ru.maxSurge, child(rp, 'maxSurge')),
      ];
      if (intOrPercentValue(ru.maxUnavailable) === 0 && intOrPercentValue(ru.maxSurge) === 0) {
        errs.push(fieldErr.invalid(child(rp, 'maxUnavailable'), ru.maxUnavailable ?? 0, 'may not be 0 when `maxSurge` is 0'));
      }
      errs.push(...isNotMoreThan100Percent(ru.maxUnavailable, child(rp, 'maxUnavailable')));
      return errs;
    }
    default:
      return [fieldErr.notSupported(path, strategy, ['Recreate', 'RollingUpdate'])];
  }
}

function validateDeploymentSpec(specValue: unknown): FieldError[] {
  const spec = obj(specValue);
  const errs = validateNonnegative(num(spec.replicas), 'spec.replicas');
  errs.push(...validateWorkloadSelector(spec.selector, 'deployment'));
  errs.push(...validateTemplateForReplicaSet(spec.template, spec.selector, 'ReplicaSet', 'spec.template'));
  errs.push(...validateDeploymentStrategy(spec.strategy));
  errs.push(...validateNonnegative(num(spec.minReadySeconds), 'spec.minReadySeconds'));
  const rhl = optNum(spec.revisionHistoryLimit);
  if (rhl !== undefined) errs.push(...validateNonnegative(rhl, 'spec.revisionHistoryLimit'));
  if (isSet(spec.rollbackTo)) errs.push(...validateNonnegative(num(obj(spec.rollbackTo).revision), 'spec.rollback.version'));
  const pds = optNum(spec.progressDeadlineSeconds);
  if (pds !== undefined) {
    errs.push(...validateNonnegative(pds, 'spec.progressDeadlineSeconds'));
    if (pds <= num(spec.minReadySeconds)) errs.push(fieldErr.invalid('spec.progressDeadlineSeconds', pds, 'must be greater than minReadySeconds'));
  }
  return errs;
}

export function validateDeployment(d: JsonObject): FieldError[] {
  return [...validateObjectMeta(d.metadata, { namespaced: true, nameFn: nameIsDNSSubdomain }), ...validateDeploymentSpec(d.spec)];
}

export function validateDeploymentUpdate(d: JsonObject, old: JsonObject): FieldError[] {
  return [
    ...validateObjectMetaUpdate(d.metadata, old.metadata),
    ...validateDeploymentSpec(d.spec),
    ...validateSelectorImmutable(obj(d.spec), obj(old.spec)),
  ];
}

function isDecremented(n: unknown, o: unknown): boolean {
  const nv = optNum(n);
  const ov = optNum(o);
  if (nv === undefined && ov !== undefined) return true;
  return nv !== undefined && ov !== undefined && nv < ov;
}

function statusCounters(status: JsonObject, fields: string[]): FieldError[] {
  return fields.flatMap((f) => validateNonnegative(num(status[f]), `status.${f}`));
}

function notAbove(status: JsonObject, field: string, limit: string, msg: string): FieldError[] {
  return num(status[field]) > num(status[limit]) ? [fieldErr.invalid(`status.${field}`, num(status[field]), msg)] : [];
}

function collisionCount(status: JsonObject, old: JsonObject): FieldError[] {
  const errs = isSet(status.collisionCount) ? validateNonnegative(num(status.collisionCount), 'status.collisionCount') : [];
  if (isDecremented(status.collisionCount, old.collisionCount)) errs.push(fieldErr.invalid('status.collisionCount', num(status.collisionCount), 'cannot be decremented'));
  return errs;
}

const GREATER_THAN_REPLICAS = 'cannot be greater than status.replicas';

export function validateDeploymentStatusUpdate(d: JsonObject, old: JsonObject): FieldError[] {
  const s = obj(d.status);
  return [
    ...validateObjectMetaUpdate(d.metadata, old.metadata),
    ...statusCounters(s, ['observedGeneration', 'replicas', 'updatedReplicas', 'readyReplicas', 'availableReplicas', 'unavailableReplicas']),
    ...collisionCount(s, obj(old.status)),
    ...notAbove(s, 'updatedReplicas', 'replicas', GREATER_THAN_REPLICAS),
    ...notAbove(s, 'readyReplicas', 'replicas', GREATER_THAN_REPLICAS),
    ...notAbove(s, 'availableReplicas', 'replicas', GREATER_THAN_REPLICAS),
    ...notAbove(s, 'availableReplicas', 'readyReplicas', 'cannot be greater than readyReplicas'),
  ];
}

// ---- ReplicaSet ----

function validateReplicaSetSpec(specValue: unknown): FieldError[] {
  const spec = obj(specValue);
  return [
    ...validateNonnegative(num(spec.replicas), 'spec.replicas'),
    ...validateNonnegative(num(spec.minReadySeconds), 'spec.minReadySeconds'),
    ...validateWorkloadSelector(spec.selector, 'deployment'),
    ...validateTemplateForReplicaSet(spec.template, spec.selector, 'ReplicaSet', 'spec.template'),
  ];
}

export function validateReplicaSet(rs: JsonObject): FieldError[] {
  return [...validateObjectMeta(rs.metadata, { namespaced: true, nameFn: nameIsDNSSubdomain }), ...validateReplicaSetSpec(rs.spec)];
}

export function validateReplicaSetUpdate(rs: JsonObject, old: JsonObject): FieldError[] {
  return [
    ...validateObjectMetaUpdate(rs.metadata, old.metadata),
    ...validateReplicaSetSpec(rs.spec),
    ...validateSelectorImmutable(obj(rs.spec), obj(old.spec)),
  ];
}

export function validateReplicaSetStatusUpdate(rs: JsonObject, old: JsonObject): FieldError[] {
  const s = obj(rs.status);
  return [
    ...validateObjectMetaUpdate(rs.metadata, old.metadata),
    ...statusCounters(s, ['replicas', 'fullyLabeledReplicas', 'readyReplicas', 'availableReplicas', 'observedGeneration']),
    ...notAbove(s, 'fullyLabeledReplicas', 'replicas', GREATER_THAN_REPLICAS),
    ...notAbove(s, 'readyReplicas', 'replicas', GREATER_THAN_REPLICAS),
    ...notAbove(s, 'availableReplicas', 'replicas', GREATER_THAN_REPLICAS),
    ...notAbove(s, 'availableReplicas', 'readyReplicas', 'cannot be greater than readyReplicas'),
  ];
}

// ---- StatefulSet ----

function validateStatefulSetSpec(specValue: unknown): FieldError[] {
  const spec = obj(specValue);
  const errs: FieldError[] = [];
  const pmp = str(spec.podManagementPolicy);
  if (pmp === '') errs.push(fieldErr.required('spec.podManagementPolicy'));
  else if (pmp !== 'OrderedReady' && pmp !== 'Parallel') errs.push(fieldErr.invalid('spec.podManagementPolicy', pmp, "must be 'OrderedReady' or 'Parallel'"));
  const us = obj(spec.updateStrategy);
  switch (str(us.type)) {
    case '':
      errs.push(fieldErr.required('spec.updateStrategy'));
      break;
    case 'OnDelete':
      if (isSet(us.rollingUpdate)) errs.push(fieldErr.invalid('spec.updateStrategy.rollingUpdate', us.rollingUpdate, "only allowed for updateStrategy 'RollingUpdate'"));
      break;
    case 'RollingUpdate':
      if (isSet(us.rollingUpdate)) {
        const ru = obj(us.rollingUpdate);
        const rp = 'spec.updateStrategy.rollingUpdate';
        errs.push(...validateNonnegative(num(ru.partition), child(rp, 'partition')));
        if (isSet(ru.maxUnavailable)) {
          const mp = child(rp, 'maxUnavailable');
          errs.push(...validatePositiveIntOrPercent(ru.maxUnavailable, mp));
          if (intOrPercentValue(ru.maxUnavailable) === 0) errs.push(fieldErr.invalid(mp, ru.maxUnavailable, 'cannot be 0'));
          errs.push(...isNotMoreThan100Percent(ru.maxUnavailable, mp));
        }
      }
      break;
    default:
      errs.push(fieldErr.invalid('spec.updateStrategy', us, "must be 'RollingUpdate' or 'OnDelete'"));
  }
  if (isSet(spec.persistentVolumeClaimRetentionPolicy)) {
    const p = obj(spec.persistentVolumeClaimRetentionPolicy);
    for (const f of ['whenDeleted', 'whenScaled']) {
      const v = str(p[f]);
      if (v !== 'Retain' && v !== 'Delete') errs.push(fieldErr.notSupported(`spec.persistentVolumeClaimRetentionPolicy.${f}`, v, ['Retain', 'Delete']));
    }
  }
  errs.push(...validateNonnegative(num(spec.replicas), 'spec.replicas'));
  errs.push(...validateNonnegative(num(spec.minReadySeconds), 'spec.minReadySeconds'));
  if (isSet(spec.ordinals)) errs.push(...validateNonnegative(num(obj(spec.ordinals).start), 'spec.ordinals.start'));
  errs.push(...validateWorkloadSelector(spec.selector, 'statefulset'));
  const sel = selectorOf(spec.selector);
  const t = obj(spec.template);
  if (!sel) {
    errs.push(fieldErr.invalid('spec.selector', spec.selector, ''));
  } else {
    const meta = obj(t.metadata);
    const labels = obj(meta.labels);
    if (!sel.isEmpty() && !sel.matches(labels as Record<string, string>)) {
      errs.push(fieldErr.invalid('spec.template.metadata.labels', labels, '`selector` does not match template `labels`'));
    }
    errs.push(...validateLabels(meta.labels, 'spec.template.labels'));
    errs.push(...validateAnnotations(meta.annotations, 'spec.template.annotations'));
    errs.push(...validatePodSpecificAnnotations(meta.annotations, obj(t.spec), 'spec.template.annotations'));
  }
  const tspec = obj(t.spec);
  if (str(tspec.restartPolicy) !== 'Always') errs.push(fieldErr.notSupported('spec.template.spec.restartPolicy', str(tspec.restartPolicy), ['Always']));
  if (isSet(tspec.activeDeadlineSeconds)) errs.push(fieldErr.forbidden('spec.template.spec.activeDeadlineSeconds', 'activeDeadlineSeconds in StatefulSet is not Supported'));
  return errs;
}

export function validateStatefulSet(sts: JsonObject): FieldError[] {
  return [...validateObjectMeta(sts.metadata, { namespaced: true, nameFn: nameIsDNSLabel }), ...validateStatefulSetSpec(sts.spec)];
}

const STS_MUTABLE = ['replicas', 'template', 'updateStrategy', 'minReadySeconds', 'ordinals', 'persistentVolumeClaimRetentionPolicy'];

export function validateStatefulSetUpdate(sts: JsonObject, old: JsonObject): FieldError[] {
  const errs = [...validateObjectMetaUpdate(sts.metadata, old.metadata), ...validateStatefulSetSpec(sts.spec)];
  const n = { ...obj(sts.spec) };
  const o = { ...obj(old.spec) };
  for (const f of STS_MUTABLE) {
    delete n[f];
    delete o[f];
  }
  if (!semanticEqual(n, o)) {
    errs.push(fieldErr.forbidden('spec', "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden"));
  }
  return errs;
}

export function validateStatefulSetStatusUpdate(sts: JsonObject, old: JsonObject): FieldError[] {
  const s = obj(sts.status);
  const errs = statusCounters(s, ['replicas', 'readyReplicas', 'currentReplicas', 'updatedReplicas', 'availableReplicas']);
  if (isSet(s.observedGeneration)) errs.push(...validateNonnegative(num(s.observedGeneration), 'status.observedGeneration'));
  if (isSet(s.collisionCount)) errs.push(...validateNonnegative(num(s.collisionCount), 'status.collisionCount'));
  for (const f of ['readyReplicas', 'currentReplicas', 'updatedReplicas', 'availableReplicas']) errs.push(...notAbove(s, f, 'replicas', GREATER_THAN_REPLICAS));
  errs.push(...notAbove(s, 'availableReplicas', 'readyReplicas', 'cannot be greater than status.readyReplicas'));
  errs.push(...validateObjectMetaUpdate(sts.metadata, old.metadata));
  if (isDecremented(s.collisionCount, obj(old.status).collisionCount)) errs.push(fieldErr.invalid('status.collisionCount', num(s.collisionCount), 'cannot be decremented'));
  return errs;
}

// ---- DaemonSet ----

function validateDaemonSetUpdateStrategy(strategyValue: unknown): FieldError[] {
  const s = obj(strategyValue);
  const path = 'spec.updateStrategy';
  switch (str(s.type)) {
    case 'OnDelete':
      return [];
    case 'RollingUpdate': {
      if (!isSet(s.rollingUpdate)) return [fieldErr.required(child(path, 'rollingUpdate'))];
      const ru = obj(s.rollingUpdate);
      const rp = child(path, 'rollingUpdate');
      const errs = [
        ...validatePositiveIntOrPercent(ru.maxUnavailable, child(rp, 'maxUnavailable')),
        ...validatePositiveIntOrPercent(ru.maxSurge, child(rp, 'maxSurge')),
        ...isNotMoreThan100Percent(ru.maxUnavailable, child(rp, 'maxUnavailable')),
        ...isNotMoreThan100Percent(ru.maxSurge, child(rp, 'maxSurge')),
      ];
      const hasUnavailable = intOrPercentValue(ru.maxUnavailable) !== 0;
      const hasSurge = intOrPercentValue(ru.maxSurge) !== 0;
      if (hasUnavailable && hasSurge) errs.push(fieldErr.invalid(child(rp, 'maxSurge'), ru.maxSurge, 'may not be set when maxUnavailable is non-zero'));
      else if (!hasUnavailable && !hasSurge) errs.push(fieldErr.required(child(rp, 'maxUnavailable'), 'cannot be 0 when maxSurge is 0'));
      return errs;
    }
    default:
      return [fieldErr.notSupported(path, s, ['RollingUpdate', 'OnDelete'])];
  }
}

function validateDaemonSetSpec(specValue: unknown): FieldError[] {
  const spec = obj(specValue);
  const errs = validateLabelSelector(spec.selector, {}, 'spec.selector');
  const sel = selectorOf(spec.selector);
  const t = obj(spec.template);
  const labels = obj(obj(t.metadata).labels);
  if (sel && !sel.matches(labels as Record<string, string>)) {
    errs.push(fieldErr.invalid('spec.template.metadata.labels', labels, '`selector` does not match template `labels`'));
  }
  if (isSet(spec.selector) && isEmptySelector(spec.selector)) errs.push(fieldErr.invalid('spec.selector', spec.selector, 'empty selector is invalid for daemonset'));
  errs.push(...validatePodTemplateSpec(t, 'spec.template'));
  const tspec = obj(t.spec);
  if (str(tspec.restartPolicy) !== 'Always') errs.push(fieldErr.notSupported('spec.template.spec.restartPolicy', str(tspec.restartPolicy), ['Always']));
  if (isSet(tspec.activeDeadlineSeconds)) errs.push(fieldErr.forbidden('spec.template.spec.activeDeadlineSeconds', 'activeDeadlineSeconds in DaemonSet is not Supported'));
  errs.push(...validateNonnegative(num(spec.minReadySeconds), 'spec.minReadySeconds'));
  errs.push(...validateDaemonSetUpdateStrategy(spec.updateStrategy));
  const rhl = optNum(spec.revisionHistoryLimit);
  if (rhl !== undefined) errs.push(...validateNonnegative(rhl, 'spec.revisionHistoryLimit'));
  return errs;
}

export function validateDaemonSet(ds: JsonObject): FieldError[] {
  return [...validateObjectMeta(ds.metadata, { namespaced: true, nameFn: nameIsDNSSubdomain }), ...validateDaemonSetSpec(ds.spec)];
}

export function validateDaemonSetUpdate(ds: JsonObject, old: JsonObject): FieldError[] {
  return [
    ...validateObjectMetaUpdate(ds.metadata, old.metadata),
    ...validateDaemonSetSpec(ds.spec),
    ...validateSelectorImmutable(obj(ds.spec), obj(old.spec)),
  ];
}

export function validateDaemonSetStatusUpdate(ds: JsonObject, old: JsonObject): FieldError[] {
  const s = obj(ds.status);
  return [
    ...validateObjectMetaUpdate(ds.metadata, old.metadata),
    ...statusCounters(s, ['currentNumberScheduled', 'numberMisscheduled', 'desiredNumberScheduled', 'numberReady', 'observedGeneration',
      'updatedNumberScheduled', 'numberAvailable', 'numberUnavailable']),
    ...collisionCount(s, obj(old.status)),
  ];
}

// ---- ControllerRevision ----

export function validateControllerRevision(cr: JsonObject): FieldError[] {
  const errs = validateObjectMeta(cr.metadata, { namespaced: true, nameFn: nameIsDNSSubdomain });
  if (!isSet(cr.data)) errs.push(fieldErr.required('data', 'data is mandatory'));
  errs.push(...validateNonnegative(num(cr.revision), 'revision'));
  return errs;
}

export function validateControllerRevisionUpdate(cr: JsonObject, old: JsonObject): FieldError[] {
  return [
    ...validateObjectMetaUpdate(cr.metadata, old.metadata),
    ...validateControllerRevision(cr),
    ...(semanticEqual(cr.data, old.data) ? [] : [fieldErr.invalid('data', cr.data ?? null, FIELD_IMMUTABLE)]),
  ];
}
