// batch/v1 Jobs and CronJobs (batch validation.go plus the Job strategy's validation options).

import { fieldErr, type FieldError } from '../../machinery/errors.js';
import { arr, isSet, num, obj, optNum, semanticEqual, str, strMap, type JsonObject } from './json.js';
import { child, index, key } from './path.js';
import {
  FIELD_IMMUTABLE, nameIsDNSSubdomain, tooLong, validateImmutable, validateNonnegative, validateObjectMeta, validateObjectMetaUpdate,
} from './meta.js';
import { isDNS1123Label, isDNS1123Subdomain, isQualifiedName } from './names.js';
import { selectorOf, validateLabelSelector } from './selector.js';
import { validatePodTemplateSpec } from './podspec.js';
import { parse as parseCron } from './cron.js';
import { isKnownTimeZone } from './wallclock.js';

export const JOB_NAME_LABEL = 'batch.kubernetes.io/job-name';
export const CONTROLLER_UID_LABEL = 'batch.kubernetes.io/controller-uid';
export const LEGACY_JOB_NAME_LABEL = 'job-name';
export const LEGACY_CONTROLLER_UID_LABEL = 'controller-uid';

const MAX_PARALLELISM_INDEXED = 100000;
const MAX_FAILED_INDEXES = 100_000;
const COMPLETIONS_SOFT_LIMIT = 100_000;
const PARALLELISM_LIMIT_HIGH = 10_000;
const MAX_FAILED_INDEXES_HIGH = 10_000;
const POD_FAILURE_ACTIONS = ['Count', 'FailIndex', 'FailJob', 'Ignore'];

function validateHasLabel(meta: JsonObject, path: string, k: string, expected: string): FieldError[] {
  const labels = strMap(meta.labels);
  if (!Object.prototype.hasOwnProperty.call(labels, k)) return [fieldErr.required(key(child(path, 'labels'), k), `must be '${expected}'`)];
  if (labels[k] !== expected) return [fieldErr.invalid(key(child(path, 'labels'), k), labels, `must be '${expected}'`)];
  return [];
}

function validateGeneratedSelector(job: JsonObject, requirePrefixed: boolean): FieldError[] {
  const spec = obj(job.spec);
  if (spec.manualSelector === true || !isSet(spec.selector)) return [];
  const meta = obj(job.metadata);
  const uid = str(meta.uid);
  const name = str(meta.name);
  const errs: FieldError[] = [];
  if (uid === '') errs.push(fieldErr.required('metadata.uid'));
  const tmeta = obj(obj(spec.template).metadata);
  const tp = 'spec.template.metadata';
  errs.push(...validateHasLabel(tmeta, tp, LEGACY_CONTROLLER_UID_LABEL, uid));
  errs.push(...validateHasLabel(tmeta, tp, LEGACY_JOB_NAME_LABEL, name));
  const expected: Record<string, string> = { [LEGACY_CONTROLLER_UID_LABEL]: uid, [LEGACY_JOB_NAME_LABEL]: name };
  if (requirePrefixed) {
    errs.push(...validateHasLabel(tmeta, tp, CONTROLLER_UID_LABEL, uid));
    errs.push(...validateHasLabel(tmeta, tp, JOB_NAME_LABEL, name));
    expected[CONTROLLER_UID_LABEL] = uid;
    expected[JOB_NAME_LABEL] = name;
  }
  const sel = selectorOf(spec.selector);
  if (sel && !sel.matches(expected)) errs.push(fieldErr.invalid('spec.selector', spec.selector, '`selector` not auto-generated'));
  return errs;
}

function parseIndexInterval(s: string, completions: number): [number, number] | string {
  const limits = s.split('-');
  if (limits.length > 2) return `the fragment ${JSON.stringify(s)} violates the requirement that an index interval can have at most two parts separated by '-'`;
  const toInt = (x: string): number | undefined => (/^[+-]?[0-9]+$/.test(x) ? Number(x) : undefined);
  const x = toInt(limits[0]);
  if (x === undefined) return `cannot convert string to integer for index: ${JSON.stringify(limits[0])}`;
  if (x >= completions) return `too large index: ${JSON.stringify(limits[0])}`;
  if (limits.length > 1) {
    const y = toInt(limits[1]);
    if (y === undefined) return `cannot convert string to integer for index: ${JSON.stringify(limits[1])}`;
    if (y >= completions) return `too large index: ${JSON.stringify(limits[1])}`;
    if (x >= y) return `non-increasing order, previous: ${x}, current: ${y}`;
    return [x, y];
  }
  return [x, x];
}

/** validateIndexesFormat: the count of indexes, or an error message. */
function validateIndexesFormat(s: string, completions: number): number | string {
  if (s.length === 0) return 0;
  let last: number | undefined;
  let total = 0;
  for (const interval of s.split(',')) {
    const r = parseIndexInterval(interval, completions);
    if (typeof r === 'string') return r;
    if (last !== undefined && last >= r[0]) return `non-increasing order, previous: ${last}, current: ${r[0]}`;
    total += r[1] - r[0] + 1;
    last = r[1];
  }
  return total;
}

function validatePodFailurePolicy(spec: JsonObject, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const rulesPath = child(path, 'rules');
  const rules = arr(obj(spec.podFailurePolicy).rules);
  if (rules.length > 20) errs.push({ type: 'FieldValueTooMany', field: rulesPath, badValue: rules.length, detail: 'must have at most 20 items' });
  const tspec = obj(obj(spec.template).spec);
  const containerNames = new Set([...arr(tspec.containers), ...arr(tspec.initContainers)].map((c) => str(obj(c).name)));
  rules.forEach((r, i) => {
    const rule = obj(r);
    const rp = index(rulesPath, i);
    const action = str(rule.action);
    if (action === '') errs.push(fieldErr.required(child(rp, 'action'), `valid values: ["${POD_FAILURE_ACTIONS.join('" "')}"]`));
    else if (action === 'FailIndex') {
      if (!isSet(spec.backoffLimitPerIndex)) errs.push(fieldErr.invalid(child(rp, 'action'), action, 'requires the backoffLimitPerIndex to be set'));
    } else if (!POD_FAILURE_ACTIONS.includes(action)) errs.push(fieldErr.notSupported(child(rp, 'action'), action, POD_FAILURE_ACTIONS));
    const onExit = rule.onExitCodes;
    const onConds = arr(rule.onPodConditions);
    if (isSet(onExit)) {
      const oe = obj(onExit);
      const op = child(rp, 'onExitCodes');
      const operator = str(oe.operator);
      if (operator === '') errs.push(fieldErr.required(child(op, 'operator'), 'valid values: ["In" "NotIn"]'));
      else if (operator !== 'In' && operator !== 'NotIn') errs.push(fieldErr.notSupported(child(op, 'operator'), operator, ['In', 'NotIn']));
      if (isSet(oe.containerName) && !containerNames.has(str(oe.containerName))) {
        errs.push(fieldErr.invalid(child(op, 'containerName'), str(oe.containerName), 'must be one of the container or initContainer names in the pod template'));
      }
      const values = arr(oe.values).map(num);
      const vp = child(op, 'values');
      if (values.length === 0) errs.push(fieldErr.invalid(vp, values, 'at least one value is required'));
      else if (values.length > 255) errs.push({ type: 'FieldValueTooMany', field: vp, badValue: values.length, detail: 'must have at most 255 items' });
      const seen = new Set<number>();
      let ordered = true;
      values.forEach((v, j) => {
        if (operator === 'In' && v === 0) errs.push(fieldErr.invalid(index(vp, j), v, 'must not be 0 for the In operator'));
        if (seen.has(v)) errs.push(fieldErr.duplicate(index(vp, j), v));
        seen.add(v);
        if (j > 0 && values[j - 1] > v) ordered = false;
      });
      if (!ordered) errs.push(fieldErr.invalid(vp, values, 'must be ordered'));
    }
    if (onConds.length) {
      const cp = child(rp, 'onPodConditions');
      onConds.forEach((c, j) => {
        const pat = obj(c);
        const pp = index(cp, j);
        errs.push(...isQualifiedName(str(pat.type)).map((m) => fieldErr.invalid(child(pp, 'type'), str(pat.type), m)));
        const status = str(pat.status);
        if (status === '') errs.push(fieldErr.required(child(pp, 'status'), 'valid values: ["False" "True" "Unknown"]'));
        else if (!['False', 'True', 'Unknown'].includes(status)) errs.push(fieldErr.notSupported(child(pp, 'status'), status, ['False', 'True', 'Unknown']));
      });
    }
    if (isSet(onExit) && onConds.length > 0) errs.push({ type: 'FieldValueInvalid', field: rp, detail: 'specifying both OnExitCodes and OnPodConditions is not supported' });
    if (!isSet(onExit) && onConds.length === 0) errs.push({ type: 'FieldValueInvalid', field: rp, detail: 'specifying one of OnExitCodes and OnPodConditions is required' });
  });
  return errs;
}

function validateSuccessPolicy(spec: JsonObject, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const rules = arr(obj(spec.successPolicy).rules);
  const rulesPath = child(path, 'rules');
  if (rules.length === 0) errs.push(fieldErr.required(rulesPath, 'at least one rules must be specified when the successPolicy is specified'));
  if (rules.length > 20) errs.push({ type: 'FieldValueTooMany', field: rulesPath, badValue: rules.length, detail: 'must have at most 20 items' });
  const completions = num(spec.completions);
  rules.forEach((r, i) => {
    const rule = obj(r);
    const rp = index(rulesPath, i);
    if (!isSet(rule.succeededCount) && !isSet(rule.succeededIndexes)) errs.push(fieldErr.required(rp, 'at least one of succeededCount or succeededIndexes must be specified'));
    let total = 0;
    if (isSet(rule.succeededIndexes)) {
      const si = str(rule.succeededIndexes);
      if (si.length > 64 * 1024) errs.push(tooLong(child(rp, 'succeededIndexes'), 64 * 1024));
      const r2 = validateIndexesFormat(si, completions);
      if (typeof r2 === 'string') errs.push(fieldErr.invalid(child(rp, 'succeededIndexes'), si, `error parsing succeededIndexes: ${r2}`));
      else total = r2;
    }
    if (isSet(rule.succeededCount)) {
      const sc = num(rule.succeededCount);
      const cp = child(rp, 'succeededCount');
      errs.push(...validateNonnegative(sc, cp));
      if (sc > completions) errs.push(fieldErr.invalid(cp, sc, `must be less than or equal to ${completions} (the number of specified completions)`));
      if (isSet(rule.succeededIndexes) && sc > total) errs.push(fieldErr.invalid(cp, sc, `must be less than or equal to ${total} (the number of indexes in the specified succeededIndexes field)`));
    }
  });
  return errs;
}

/** validateJobSpec: everything but the selector. */
function validateJobSpecBody(spec: JsonObject, path: string): FieldError[] {
  const errs: FieldError[] = [];
  for (const f of ['parallelism', 'completions', 'activeDeadlineSeconds', 'backoffLimit']) {
    const v = optNum(spec[f]);
    if (v !== undefined) errs.push(...validateNonnegative(v, child(path, f)));
  }
  const ttl = optNum(spec.ttlSecondsAfterFinished);
  if (ttl !== undefined) errs.push(...validateNonnegative(ttl, child(path, 'ttlSecondsAfterFinished')));
  const blpi = optNum(spec.backoffLimitPerIndex);
  if (blpi !== undefined) errs.push(...validateNonnegative(blpi, child(path, 'backoffLimitPerIndex')));
  const mfi = optNum(spec.maxFailedIndexes);
  if (mfi !== undefined) {
    errs.push(...validateNonnegative(mfi, child(path, 'maxFailedIndexes')));
    if (blpi === undefined) errs.push(fieldErr.required(child(path, 'backoffLimitPerIndex'), 'when maxFailedIndexes is specified'));
  }
  if (isSet(spec.managedBy)) {
    const mb = str(spec.managedBy);
    const mp = child(path, 'managedBy');
    const seg = mb.split('/');
    if (mb.length === 0) errs.push(fieldErr.required(mp));
    else if (seg.length < 2 || seg[0].length === 0 || seg.slice(1).join('/').length === 0) errs.push(fieldErr.invalid(mp, mb, 'must be a domain-prefixed path (such as "acme.io/foo")'));
    else {
      for (const m of isDNS1123Subdomain(seg[0])) errs.push(fieldErr.invalid(mp, seg[0], m));
      const rest = mb.slice(seg[0].length + 1);
      if (!/^[A-Za-z0-9/\-._~%!$&'()*+,;=:]+$/.test(rest)) errs.push(fieldErr.invalid(mp, rest, "Invalid path (regex used for validation is '[A-Za-z0-9/\\-._~%!$&'()*+,;=:]+')"));
    }
    if (mb.length > 63) errs.push({ type: 'FieldValueTooLong', field: mp, detail: 'may not be longer than 63' });
  }
  const mode = isSet(spec.completionMode) ? str(spec.completionMode) : undefined;
  const completions = optNum(spec.completions);
  const parallelism = optNum(spec.parallelism);
  if (mode !== undefined) {
    if (mode !== 'NonIndexed' && mode !== 'Indexed') errs.push(fieldErr.notSupported(child(path, 'completionMode'), mode, ['NonIndexed', 'Indexed']));
    if (mode === 'Indexed') {
      if (completions === undefined) errs.push(fieldErr.required(child(path, 'completions'), 'when completion mode is Indexed'));
      if (parallelism !== undefined && parallelism > MAX_PARALLELISM_INDEXED) {
        errs.push(fieldErr.invalid(child(path, 'parallelism'), parallelism, `must be less than or equal to ${MAX_PARALLELISM_INDEXED} when completion mode is Indexed`));
      }
      if (completions !== undefined && mfi !== undefined && mfi > completions) errs.push(fieldErr.invalid(child(path, 'maxFailedIndexes'), mfi, 'must be less than or equal to completions'));
      if (mfi !== undefined && mfi > MAX_FAILED_INDEXES) errs.push(fieldErr.invalid(child(path, 'maxFailedIndexes'), mfi, `must be less than or equal to ${MAX_FAILED_INDEXES}`));
      if (completions !== undefined && completions > COMPLETIONS_SOFT_LIMIT && blpi !== undefined) {
        if (mfi === undefined) errs.push(fieldErr.required(child(path, 'maxFailedIndexes'), `must be specified when completions is above ${COMPLETIONS_SOFT_LIMIT}`));
        if (parallelism !== undefined && parallelism > PARALLELISM_LIMIT_HIGH) {
          errs.push(fieldErr.invalid(child(path, 'parallelism'), parallelism, `must be less than or equal to ${PARALLELISM_LIMIT_HIGH} when completions are above ${COMPLETIONS_SOFT_LIMIT} and used with backoff limit per index`));
        }
        if (mfi !== undefined && mfi > MAX_FAILED_INDEXES_HIGH) {
          errs.push(fieldErr.invalid(child(path, 'maxFailedIndexes'), mfi, `must be less than or equal to ${MAX_FAILED_INDEXES_HIGH} when completions are above ${COMPLETIONS_SOFT_LIMIT} and used with backoff limit per index`));
        }
      }
    }
  }
  if (mode === undefined || mode === 'NonIndexed') {
    if (blpi !== undefined) errs.push(fieldErr.invalid(child(path, 'backoffLimitPerIndex'), blpi, 'requires indexed completion mode'));
    if (mfi !== undefined) errs.push(fieldErr.invalid(child(path, 'maxFailedIndexes'), mfi, 'requires indexed completion mode'));
  }
  if (isSet(spec.podFailurePolicy)) errs.push(...validatePodFailurePolicy(spec, child(path, 'podFailurePolicy')));
  if (isSet(spec.successPolicy)) {
    if (mode !== 'Indexed') errs.push(fieldErr.invalid(child(path, 'successPolicy'), spec.successPolicy, 'requires indexed completion mode'));
    else errs.push(...validateSuccessPolicy(spec, child(path, 'successPolicy')));
  }
  if (isSet(spec.podReplacementPolicy)) {
    const prp = str(spec.podReplacementPolicy);
    const pp = child(path, 'podReplacementPolicy');
    if (isSet(spec.podFailurePolicy)) {
      if (prp !== 'Failed') errs.push(fieldErr.notSupported(pp, prp, ['Failed']));
    } else if (prp !== 'Failed' && prp !== 'TerminatingOrFailed') {
      errs.push(fieldErr.notSupported(pp, prp, ['Failed', 'TerminatingOrFailed']));
    }
  }
  errs.push(...validatePodTemplateSpec(spec.template, child(path, 'template')));
  const rp = str(obj(obj(spec.template).spec).restartPolicy);
  const rpPath = child(path, 'template', 'spec', 'restartPolicy');
  if (rp === 'Always' || rp === '') errs.push(fieldErr.required(rpPath, 'valid values: "OnFailure", "Never"'));
  else if (rp !== 'OnFailure' && rp !== 'Never') errs.push(fieldErr.notSupported(rpPath, rp, ['OnFailure', 'Never']));
  else if (isSet(spec.podFailurePolicy) && rp !== 'Never') errs.push(fieldErr.invalid(rpPath, rp, 'only "Never" is supported when podFailurePolicy is specified'));
  return errs;
}

function validateJobSpec(specValue: unknown): FieldError[] {
  const spec = obj(specValue);
  const errs = validateJobSpecBody(spec, 'spec');
  if (!isSet(spec.selector)) errs.push(fieldErr.required('spec.selector'));
  else errs.push(...validateLabelSelector(spec.selector, {}, 'spec.selector'));
  const sel = selectorOf(spec.selector);
  const labels = strMap(obj(obj(spec.template).metadata).labels);
  if (sel && !sel.matches(labels)) errs.push(fieldErr.invalid('spec.template.metadata.labels', labels, '`selector` does not match template `labels`'));
  return errs;
}

export function validateJob(job: JsonObject): FieldError[] {
  const meta = obj(job.metadata);
  const spec = obj(job.spec);
  const errs = validateObjectMeta(meta, { namespaced: true, nameFn: nameIsDNSSubdomain });
  errs.push(...validateGeneratedSelector(job, true));
  errs.push(...validateJobSpec(spec));
  const completions = optNum(spec.completions);
  if (str(spec.completionMode) === 'Indexed' && completions !== undefined && completions > 0) {
    const host = `${str(meta.name)}-${completions - 1}`;
    if (isDNS1123Label(host).length > 0) errs.push(fieldErr.invalid('metadata.name', str(meta.name), `will not able to create pod with invalid DNS label: ${host}`));
  }
  return errs;
}

export function validateJobUpdate(job: JsonObject, old: JsonObject): FieldError[] {
  const spec = obj(job.spec);
  const oldSpec = obj(old.spec);
  const errs = validateObjectMetaUpdate(job.metadata, old.metadata);
  errs.push(...validateJobSpec(spec));
  const indexed = str(spec.completionMode) === 'Indexed';
  if (!indexed || !isSet(spec.completions)) {
    if (!indexed) errs.push(...validateImmutable(spec.completions, oldSpec.completions, 'spec.completions', semanticEqual));
  } else if (!semanticEqual(spec.completions, oldSpec.completions) && num(spec.completions) !== num(spec.parallelism)) {
    errs.push(fieldErr.invalid('spec.completions', num(spec.completions), 'can only be modified in tandem with spec.parallelism'));
  }
  errs.push(...validateImmutable(spec.selector, oldSpec.selector, 'spec.selector', semanticEqual));
  // Scheduling directives may change while a job is suspended and has never started.
  const oldTemplate = structuredClone(obj(oldSpec.template));
  const newTemplate = obj(spec.template);
  const mutable = oldSpec.suspend === true && !isSet(obj(old.status).startTime);
  if (mutable) {
    const ot = obj(oldTemplate);
    const os = obj(ot.spec);
    const ns = obj(newTemplate.spec);
    ot.spec = { ...os, nodeSelector: ns.nodeSelector, tolerations: ns.tolerations, schedulingGates: ns.schedulingGates,
      affinity: isSet(ns.affinity) || isSet(os.affinity) ? { ...obj(os.affinity), nodeAffinity: obj(ns.affinity).nodeAffinity } : undefined };
    ot.metadata = { ...obj(ot.metadata), labels: obj(newTemplate.metadata).labels, annotations: obj(newTemplate.metadata).annotations };
  }
  if (!semanticEqual(newTemplate, oldTemplate)) errs.push(fieldErr.invalid('spec.template', newTemplate, FIELD_IMMUTABLE));
  for (const f of ['completionMode', 'podFailurePolicy', 'backoffLimitPerIndex', 'managedBy', 'successPolicy']) {
    errs.push(...validateImmutable(spec[f], oldSpec[f], `spec.${f}`, semanticEqual));
  }
  return errs;
}

function isConditionTrue(job: JsonObject, type: string): boolean {
  return arr(obj(job.status).conditions).some((c) => str(obj(c).type) === type && str(obj(c).status) === 'True');
}

export function validateJobStatusUpdate(job: JsonObject, old: JsonObject): FieldError[] {
  const errs = validateObjectMetaUpdate(job.metadata, old.metadata);
  const s = obj(job.status);
  for (const f of ['active', 'succeeded', 'failed']) errs.push(...validateNonnegative(num(s[f]), `status.${f}`));
  for (const f of ['ready', 'terminating']) if (isSet(s[f])) errs.push(...validateNonnegative(num(s[f]), `status.${f}`));
  if (isSet(s.uncountedTerminatedPods)) {
    const seen = new Set<string>();
    const u = obj(s.uncountedTerminatedPods);
    for (const list of ['succeeded', 'failed']) {
      arr(u[list]).forEach((k, i) => {
        const p = index(`status.uncountedTerminatedPods.${list}`, i);
        const uid = str(k);
        if (uid === '') errs.push(fieldErr.invalid(p, uid, 'must not be empty'));
        else if (seen.has(uid)) errs.push(fieldErr.duplicate(p, uid));
        else seen.add(uid);
      });
    }
  }
  const spec = obj(job.spec);
  if (isSet(spec.completions) && str(s.completedIndexes) !== '') {
    const r = validateIndexesFormat(str(s.completedIndexes), num(spec.completions));
    if (typeof r === 'string') errs.push(fieldErr.invalid('status.completedIndexes', str(s.completedIndexes), `error parsing completedIndexes: ${r}`));
  }
  if (isSet(s.ready) && num(s.ready) > num(s.active)) errs.push(fieldErr.invalid('status.ready', num(s.ready), 'cannot set more ready pods than active'));
  for (const t of ['Failed', 'Complete', 'FailureTarget']) {
    if (isConditionTrue(old, t) && !isConditionTrue(job, t)) errs.push({ type: 'FieldValueInvalid', field: 'status.conditions', detail: `cannot disable the terminal ${t}=True condition` });
  }
  if (isConditionTrue(job, 'Complete') && isConditionTrue(job, 'Failed')) {
    errs.push({ type: 'FieldValueInvalid', field: 'status.conditions', detail: 'cannot set Complete=True and Failed=true conditions' });
  }
  return errs;
}

// ---- CronJob ----

const TIME_ZONE_PART = /^[A-Za-z.\-_0-9+]{1,14}$/;

function validateTimeZone(tz: unknown, path: string): FieldError[] {
  if (!isSet(tz)) return [];
  const zone = str(tz);
  if (zone.length === 0) return [fieldErr.invalid(path, zone, 'timeZone must be nil or non-empty string')];
  for (const part of zone.split('/')) {
    if (part === '.' || part === '..' || part.startsWith('-') || !TIME_ZONE_PART.test(part)) return [fieldErr.invalid(path, zone, `unknown time zone ${zone}`)];
  }
  const errs: FieldError[] = [];
  if (zone.toLowerCase() === 'local') errs.push(fieldErr.invalid(path, zone, 'timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones'));
  if (!isKnownTimeZone(zone)) errs.push(fieldErr.invalid(path, zone, `unknown time zone ${zone}`));
  return errs;
}

function validateJobTemplateSpec(tmpl: unknown, path: string): FieldError[] {
  const t = obj(tmpl);
  const spec = obj(t.spec);
  const errs = validateJobSpecBody(spec, child(path, 'spec'));
  if (isSet(spec.selector)) errs.push(fieldErr.invalid(child(path, 'spec', 'selector'), spec.selector, '`selector` will be auto-generated'));
  if (spec.manualSelector === true) errs.push(fieldErr.notSupported(child(path, 'spec', 'manualSelector'), true, ['nil', 'false']));
  return errs;
}

function validateCronJobSpec(specValue: unknown, oldSpecValue: unknown): FieldError[] {
  const spec = obj(specValue);
  const oldSpec = oldSpecValue === undefined ? undefined : obj(oldSpecValue);
  const errs: FieldError[] = [];
  const schedule = str(spec.schedule);
  if (schedule.length === 0) {
    errs.push(fieldErr.required('spec.schedule'));
  } else {
    const parsed = parseCron(schedule);
    if (!parsed.ok) errs.push(fieldErr.invalid('spec.schedule', schedule, parsed.error));
    const allowTZ = oldSpec !== undefined && str(oldSpec.schedule).includes('TZ');
    if (allowTZ && schedule.includes('TZ') && isSet(spec.timeZone)) {
      errs.push(fieldErr.invalid('spec.schedule', schedule, 'cannot use both timeZone field and TZ or CRON_TZ in schedule'));
    } else if (!allowTZ && schedule.includes('TZ')) {
      errs.push(fieldErr.invalid('spec.schedule', schedule, 'cannot use TZ or CRON_TZ in schedule, use timeZone field instead'));
    }
  }
  const sds = optNum(spec.startingDeadlineSeconds);
  if (sds !== undefined) errs.push(...validateNonnegative(sds, 'spec.startingDeadlineSeconds'));
  if (oldSpec === undefined || (spec.timeZone ?? null) !== (oldSpec.timeZone ?? null)) errs.push(...validateTimeZone(spec.timeZone, 'spec.timeZone'));
  const cp = str(spec.concurrencyPolicy);
  if (cp === '') errs.push(fieldErr.required('spec.concurrencyPolicy'));
  else if (!['Allow', 'Forbid', 'Replace'].includes(cp)) errs.push(fieldErr.notSupported('spec.concurrencyPolicy', cp, ['Allow', 'Forbid', 'Replace']));
  errs.push(...validateJobTemplateSpec(spec.jobTemplate, 'spec.jobTemplate'));
  for (const f of ['successfulJobsHistoryLimit', 'failedJobsHistoryLimit']) {
    const v = optNum(spec[f]);
    if (v !== undefined) errs.push(...validateNonnegative(v, `spec.${f}`));
  }
  return errs;
}

export function validateCronJob(cj: JsonObject): FieldError[] {
  const meta = obj(cj.metadata);
  const errs = validateObjectMeta(meta, { namespaced: true, nameFn: nameIsDNSSubdomain });
  errs.push(...validateCronJobSpec(cj.spec, undefined));
  if (str(meta.name).length > 52) errs.push(fieldErr.invalid('metadata.name', str(meta.name), 'must be no more than 52 characters'));
  return errs;
}

export function validateCronJobUpdate(cj: JsonObject, old: JsonObject): FieldError[] {
  return [...validateObjectMetaUpdate(cj.metadata, old.metadata), ...validateCronJobSpec(cj.spec, obj(old.spec))];
}

export function validateCronJobStatusUpdate(cj: JsonObject, old: JsonObject): FieldError[] {
  return validateObjectMetaUpdate(cj.metadata, old.metadata);
}
