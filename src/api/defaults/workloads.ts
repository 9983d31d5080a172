// apps/v1 and batch/v1 defaults (apps/v1 and batch/v1 defaults.go) plus the create-time work of the
// Job and DaemonSet strategies that kubectl output depends on.

import { ensureObj, isEmptyString, isObj, isUnset, objects, setIfEmpty, setIfUnset, type JsonObject } from './json.js';
import { defaultPodTemplate } from './pod.js';

export function defaultDeployment(d: JsonObject): void {
  const spec = ensureObj(d, 'spec');
  setIfUnset(spec, 'replicas', 1);
  const strategy = ensureObj(spec, 'strategy');
  setIfEmpty(strategy, 'type', 'RollingUpdate');
  if (strategy.type === 'RollingUpdate') {
    const ru = ensureObj(strategy, 'rollingUpdate');
    setIfUnset(ru, 'maxUnavailable', '25%');
    setIfUnset(ru, 'maxSurge', '25%');
  }
  setIfUnset(spec, 'revisionHistoryLimit', 10);
  setIfUnset(spec, 'progressDeadlineSeconds', 600);
  defaultPodTemplate(spec.template);
}

export function defaultReplicaSet(rs: JsonObject): void {
  const spec = ensureObj(rs, 'spec');
  setIfUnset(spec, 'replicas', 1);
  defaultPodTemplate(spec.template);
}

export function defaultStatefulSet(sts: JsonObject): void {
  const spec = ensureObj(sts, 'spec');
  setIfEmpty(spec, 'podManagementPolicy', 'OrderedReady');
  const us = ensureObj(spec, 'updateStrategy');
  if (isEmptyString(us.type)) {
    us.type = 'RollingUpdate';
    setIfUnset(us, 'rollingUpdate', {});
  }
  if (us.type === 'RollingUpdate' && isObj(us.rollingUpdate)) setIfUnset(us.rollingUpdate, 'partition', 0);
  const pvc = ensureObj(spec, 'persistentVolumeClaimRetentionPolicy');
  setIfEmpty(pvc, 'whenDeleted', 'Retain');
  setIfEmpty(pvc, 'whenScaled', 'Retain');
  setIfUnset(spec, 'replicas', 1);
  setIfUnset(spec, 'revisionHistoryLimit', 10);
  defaultPodTemplate(spec.template);
  for (const claim of objects(spec.volumeClaimTemplates)) {
    setIfUnset(ensureObj(claim, 'spec'), 'volumeMode', 'Filesystem');
    if (!isObj(claim.status) || isUnset(claim.status.phase)) ensureObj(claim, 'status').phase = 'Pending';
  }
}

export function defaultDaemonSet(ds: JsonObject): void {
  const spec = ensureObj(ds, 'spec');
  const us = ensureObj(spec, 'updateStrategy');
  setIfEmpty(us, 'type', 'RollingUpdate');
  if (us.type === 'RollingUpdate') {
    const ru = ensureObj(us, 'rollingUpdate');
    setIfUnset(ru, 'maxUnavailable', 1);
    setIfUnset(ru, 'maxSurge', 0);
  }
  setIfUnset(spec, 'revisionHistoryLimit', 10);
  defaultPodTemplate(spec.template);
}

export function defaultJob(job: JsonObject): void {
  const spec = ensureObj(job, 'spec');
  if (isUnset(spec.completions) && isUnset(spec.parallelism)) {
    spec.completions = 1;
    spec.parallelism = 1;
  }
  setIfUnset(spec, 'parallelism', 1);
  if (isUnset(spec.backoffLimit)) spec.backoffLimit = isUnset(spec.backoffLimitPerIndex) ? 6 : 2147483647;
  const template = isObj(spec.template) ? spec.template : undefined;
  const tLabels = template && isObj(template.metadata) && isObj(template.metadata.labels) ? template.metadata.labels : undefined;
  const meta = ensureObj(job, 'metadata');
  if (tLabels && (!isObj(meta.labels) || Object.keys(meta.labels).length === 0)) meta.labels = { ...tLabels };
  setIfUnset(spec, 'completionMode', 'NonIndexed');
  setIfUnset(spec, 'suspend', false);
  if (isObj(spec.podFailurePolicy)) {
    for (const rule of objects(spec.podFailurePolicy.rules)) for (const p of objects(rule.onPodConditions)) setIfEmpty(p, 'status', 'True');
  }
  setIfUnset(spec, 'podReplacementPolicy', isObj(spec.podFailurePolicy) ? 'Failed' : 'TerminatingOrFailed');
  defaultPodTemplate(spec.template);
}

export function defaultCronJob(cj: JsonObject): void {
  const spec = ensureObj(cj, 'spec');
  setIfEmpty(spec, 'concurrencyPolicy', 'Allow');
  setIfUnset(spec, 'suspend', false);
  setIfUnset(spec, 'successfulJobsHistoryLimit', 3);
  setIfUnset(spec, 'failedJobsHistoryLimit', 1);
  const jt = isObj(spec.jobTemplate) ? spec.jobTemplate : undefined;
  if (jt && isObj(jt.spec)) defaultPodTemplate(jt.spec.template);
}

const LEGACY_JOB_NAME = 'job-name';
const LEGACY_CONTROLLER_UID = 'controller-uid';
const JOB_NAME = 'batch.kubernetes.io/job-name';
const CONTROLLER_UID = 'batch.kubernetes.io/controller-uid';

/**
 * The Job strategy's generateSelector: labels the template with the job's name and uid and selects
 * on the uid. Needs metadata.uid; a no-op for manualSelector: true.
 */
export function generateJobSelector(job: JsonObject): void {
  const spec = ensureObj(job, 'spec');
  if (spec.manualSelector === true) return;
  const meta = ensureObj(job, 'metadata');
  const name = typeof meta.name === 'string' ? meta.name : '';
  const uid = typeof meta.uid === 'string' ? meta.uid : '';
  const template = ensureObj(spec, 'template');
  const labels = ensureObj(ensureObj(template, 'metadata'), 'labels');
  for (const k of [LEGACY_JOB_NAME, JOB_NAME]) if (!(k in labels)) labels[k] = name;
  for (const k of [LEGACY_CONTROLLER_UID, CONTROLLER_UID]) if (!(k in labels)) labels[k] = uid;
  const selector = ensureObj(spec, 'selector');
  const matchLabels = ensureObj(selector, 'matchLabels');
  if (!(CONTROLLER_UID in matchLabels)) matchLabels[CONTROLLER_UID] = uid;
}

export const DAEMONSET_TEMPLATE_GENERATION = 'deprecated.daemonset.template.generation';

/** The DaemonSet strategy's template generation, kept (as in apps/v1) in an annotation. */
export function setDaemonSetTemplateGeneration(ds: JsonObject, generation: number): void {
  const meta = ensureObj(ds, 'metadata');
  ensureObj(meta, 'annotations')[DAEMONSET_TEMPLATE_GENERATION] = String(generation);
}
