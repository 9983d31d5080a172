// The default pod lifecycle of a simulated node, as stages (kwok's kustomize/stage/pod/fast plus
// readiness gates): pending pods become Running and Ready, Job pods complete, pods being deleted
// go away. Order matters: the first match wins.

import type { Stage } from './stage.js';

export interface PodStageOptions {
  /** Scheduled -> Running/Ready. Default 200. */
  readyDelayMs?: number;
  /** Running Job pod (restartPolicy Never/OnFailure) -> Succeeded. Default 1000. */
  completeDelayMs?: number;
  /** deletionTimestamp set -> deleted. Default 100. */
  deleteDelayMs?: number;
  /** Each delay gets up to this fraction more at random, to spread the writes. Default 0.25. */
  jitter?: number;
}

const NOT_DELETING = { key: '.metadata.deletionTimestamp', operator: 'DoesNotExist' } as const;

export function defaultPodStages(o: PodStageOptions = {}): Stage[] {
  const jitter = o.jitter ?? 0.25;
  const delay = (ms: number) => ({ ms, jitterMs: Math.round(ms * jitter) });
  return [
    {
      name: 'pod-delete',
      selector: { matchExpressions: [
        { key: '.metadata.deletionTimestamp', operator: 'Exists' },
        // Already deleted with grace period 0 and waiting for finalizers: nothing left to do.
        { key: '.metadata.deletionGracePeriodSeconds', operator: 'NotIn', values: ['0'] },
      ] },
      delay: delay(o.deleteDelayMs ?? 100),
      next: { delete: true },
    },
    {
      name: 'pod-complete',
      selector: { matchExpressions: [
        NOT_DELETING,
        { key: '.status.phase', operator: 'In', values: ['Running'] },
        { key: '.spec.restartPolicy', operator: 'In', values: ['Never', 'OnFailure'] },
        { key: '.metadata.ownerReferences.[].kind', operator: 'In', values: ['Job'] },
      ] },
      delay: delay(o.completeDelayMs ?? 1000),
      next: { statusTemplate: 'pod-complete' },
    },
    {
      name: 'pod-ready',
      selector: { matchExpressions: [
        NOT_DELETING,
        { key: '.status.phase', operator: 'NotIn', values: ['Running', 'Succeeded', 'Failed'] },
      ] },
      delay: delay(o.readyDelayMs ?? 200),
      next: { statusTemplate: 'pod-ready' },
    },
    {
      name: 'pod-readiness-gates',
      selector: { matchExpressions: [
        NOT_DELETING,
        { key: '.status.phase', operator: 'In', values: ['Running'] },
        { key: '.spec.readinessGates.[].conditionType', operator: 'Exists' },
      ] },
      next: { statusTemplate: 'pod-readiness-gates' },
    },
    {
      // The node lifecycle controller marks pods NotReady while their node's Lease is late; a
      // kubelet that is alive reports them Ready again.
      name: 'pod-ready-again',
      selector: { matchExpressions: [
        NOT_DELETING,
        { key: '.status.phase', operator: 'In', values: ['Running'] },
        { key: '.spec.readinessGates.[].conditionType', operator: 'DoesNotExist' },
        { key: '.status.conditions.[type=Ready].status', operator: 'In', values: ['False'] },
      ] },
      delay: delay(o.readyDelayMs ?? 200),
      next: { statusTemplate: 'pod-ready' },
    },
  ];
}
