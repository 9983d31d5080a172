import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { matchStage, requirementMatches, stageDelayMs, validateStage, type SelectorRequirement, type Stage } from './stage.js';
import { defaultPodStages } from './pod-stages.js';
import { POD_STATUS_TEMPLATES } from './pod-status.js';
import type { Pod } from './types.js';

describe('requirementMatches', () => {
  const obj = { status: { phase: 'Running' }, metadata: { ownerReferences: [{ kind: 'Job' }] } };
  const cases: [SelectorRequirement, boolean][] = [
    [{ key: '.status.phase', operator: 'In', values: ['Running', 'Pending'] }, true],
    [{ key: '.status.phase', operator: 'In', values: ['Pending'] }, false],
    [{ key: '.status.phase', operator: 'NotIn', values: ['Pending'] }, true],
    [{ key: '.status.podIP', operator: 'NotIn', values: ['1.2.3.4'] }, true],
    [{ key: '.status.podIP', operator: 'In', values: ['1.2.3.4'] }, false],
    [{ key: '.status.phase', operator: 'Exists' }, true],
    [{ key: '.status.podIP', operator: 'Exists' }, false],
    [{ key: '.status.podIP', operator: 'DoesNotExist' }, true],
    [{ key: '.metadata.ownerReferences.[].kind', operator: 'In', values: ['Job'] }, true],
  ];
  for (const [req, want] of cases) {
    test(`requirementMatches ${req.key} ${req.operator} ${req.values?.join(',') ?? ''} is ${want}`, () => assert.equal(requirementMatches(req, obj), want));
  }
});

describe('stageDelayMs', () => {
  test('stageDelayMs adds jitter scaled by random', () => {
    const s: Stage = { name: 's', selector: { matchExpressions: [] }, delay: { ms: 200, jitterMs: 100 }, next: { delete: true } };
    assert.equal(stageDelayMs(s, () => 0), 200);
    assert.equal(stageDelayMs(s, () => 0.5), 250);
    assert.equal(stageDelayMs({ ...s, delay: undefined }, () => 0.5), 0);
  });
});

describe('validateStage', () => {
  const templates = Object.keys(POD_STATUS_TEMPLATES);
  const ok: Stage = { name: 's', selector: { matchExpressions: [{ key: '.a', operator: 'Exists' }] }, next: { statusTemplate: 'pod-ready' } };
  const cases: [string, Stage, RegExp][] = [
    ['an unknown template', { ...ok, next: { statusTemplate: 'nope' } }, /unknown statusTemplate "nope"/],
    ['nothing next', { ...ok, next: {} }, /next must delete or name a statusTemplate/],
    ['In without values', { ...ok, selector: { matchExpressions: [{ key: '.a', operator: 'In' }] } }, /In on \.a needs values/],
    ['a bad path', { ...ok, selector: { matchExpressions: [{ key: 'a', operator: 'Exists' }] } }, /field path/],
    ['a negative delay', { ...ok, delay: { ms: -1 } }, /must not be negative/],
  ];
  for (const [what, s, re] of cases) test(`validateStage rejects ${what}`, () => assert.throws(() => validateStage(s, templates), re));
  test('validateStage accepts the default stages', () => {
    for (const s of defaultPodStages()) validateStage(s, templates);
  });
});

describe('defaultPodStages', () => {
  const stages = defaultPodStages();
  const base = (over: { metadata?: Partial<Pod['metadata']>; spec?: Pod['spec']; status?: Pod['status'] }): Pod => ({
    apiVersion: 'v1', kind: 'Pod',
    metadata: { name: 'p', namespace: 'default', uid: 'u1', ...over.metadata },
    spec: { nodeName: 'sim-0', containers: [{ name: 'c', image: 'i' }], ...over.spec },
    status: over.status ?? { phase: 'Pending' },
  });
  const job = [{ apiVersion: 'batch/v1', kind: 'Job', name: 'j', uid: 'j1' }];
  const cases: [string, Pod, string | undefined][] = [
    ['a pending pod is made ready', base({}), 'pod-ready'],
    ['a pod without status is made ready', base({ status: {} }), 'pod-ready'],
    ['a running pod is left alone', base({ status: { phase: 'Running', podIP: '10.128.0.2' } }), undefined],
    ['a running Job pod completes', base({ metadata: { ownerReferences: job }, spec: { restartPolicy: 'Never' }, status: { phase: 'Running' } }), 'pod-complete'],
    ['a running Job pod with restartPolicy Always does not complete', base({ metadata: { ownerReferences: job }, spec: { restartPolicy: 'Always' }, status: { phase: 'Running' } }), undefined],
    ['a pending Job pod is made ready first', base({ metadata: { ownerReferences: job }, spec: { restartPolicy: 'OnFailure' } }), 'pod-ready'],
    ['a succeeded pod is left alone', base({ metadata: { ownerReferences: job }, spec: { restartPolicy: 'Never' }, status: { phase: 'Succeeded' } }), undefined],
    ['a deleting pod is deleted', base({ metadata: { deletionTimestamp: '2026-01-01T00:00:30Z', deletionGracePeriodSeconds: 30 } }), 'pod-delete'],
    ['a deleting pending pod is deleted, not readied', base({ metadata: { deletionTimestamp: '2026-01-01T00:00:30Z', deletionGracePeriodSeconds: 30 }, status: { phase: 'Pending' } }), 'pod-delete'],
    ['a pod deleted with grace 0 waiting on finalizers is left alone', base({ metadata: { deletionTimestamp: '2026-01-01T00:00:00Z', deletionGracePeriodSeconds: 0, finalizers: ['x/y'] } }), undefined],
    ['a running pod with readiness gates is re-evaluated', base({ spec: { readinessGates: [{ conditionType: 'x/y' }] }, status: { phase: 'Running' } }), 'pod-readiness-gates'],
  ];
  for (const [what, pod, want] of cases) test(`defaultPodStages: ${what}`, () => assert.equal(matchStage(stages, pod)?.name, want));

  test('defaultPodStages takes its delays from the options', () => {
    const s = defaultPodStages({ readyDelayMs: 1000, deleteDelayMs: 0, completeDelayMs: 5, jitter: 0 });
    assert.deepEqual(s.map((x) => x.delay?.ms), [0, 5, 1000, undefined, 1000]);
  });

  test('defaultPodStages makes a Running pod that was marked NotReady Ready again', () => {
    const pod = { metadata: { name: 'p' }, spec: { containers: [] }, status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'False' }] } };
    assert.equal(matchStage(defaultPodStages(), pod)?.name, 'pod-ready-again');
    const ready = { ...pod, status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] } };
    assert.equal(matchStage(defaultPodStages(), ready), undefined);
  });
});
