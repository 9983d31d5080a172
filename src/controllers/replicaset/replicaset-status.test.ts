import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Pod, ReplicaSet } from '../runtime/types.js';
import { calculateReplicaSetStatus, replicaSetStatusUpToDate } from './replicaset-status.js';
import { podFromTemplate } from './pod-from-template.js';

const NOW = Date.UTC(2026, 0, 1, 12);
const iso = (ms: number): string => new Date(ms).toISOString().replace('.000Z', 'Z');

function rs(o: { replicas?: number; minReady?: number; status?: ReplicaSet['status']; generation?: number } = {}): ReplicaSet {
  return {
    apiVersion: 'apps/v1', kind: 'ReplicaSet',
    metadata: { name: 'web-abc', namespace: 'ns', uid: 'rs-uid', generation: o.generation ?? 1 },
    spec: { replicas: o.replicas ?? 3, minReadySeconds: o.minReady ?? 0, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web', tier: 'fe' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } },
    status: o.status,
  };
}

function pod(labels: Record<string, string>, readySince?: number): Pod {
  return {
    apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'ns', labels },
    status: { phase: 'Running', conditions: readySince === undefined ? [] : [{ type: 'Ready', status: 'True', lastTransitionTime: iso(readySince) }] },
  };
}

describe('calculateReplicaSetStatus', () => {
  test('calculateReplicaSetStatus counts fully labeled, ready and available pods', () => {
    const pods = [pod({ app: 'web', tier: 'fe' }, NOW - 60_000), pod({ app: 'web' }, NOW - 1000), pod({ app: 'web', tier: 'fe' })];
    assert.deepEqual(calculateReplicaSetStatus(rs({ minReady: 10 }), pods, undefined, NOW), { replicas: 3, fullyLabeledReplicas: 2, readyReplicas: 2, availableReplicas: 1 });
  });

  test('calculateReplicaSetStatus adds ReplicaFailure on errors and removes it after', () => {
    const failed = calculateReplicaSetStatus(rs(), [], new Error('quota exceeded'), NOW);
    assert.deepEqual(failed.conditions, [{ type: 'ReplicaFailure', status: 'True', lastTransitionTime: iso(NOW), reason: 'FailedCreate', message: 'quota exceeded' }]);
    const ok = calculateReplicaSetStatus(rs({ status: failed }), [], undefined, NOW);
    assert.equal(ok.conditions, undefined);
  });

  test('calculateReplicaSetStatus keeps the existing failure condition', () => {
    const failed = calculateReplicaSetStatus(rs(), [], new Error('first'), NOW);
    const again = calculateReplicaSetStatus(rs({ status: failed }), [], new Error('second'), NOW + 5000);
    assert.equal(again.conditions?.[0]?.message, 'first');
  });

  const upToDate: [string, ReplicaSet, boolean][] = [
    ['same counts and generation', rs({ status: { replicas: 0, observedGeneration: 1 } }), true],
    ['generation not observed', rs({ generation: 2, status: { replicas: 0, observedGeneration: 1 } }), false],
    ['different replicas', rs({ status: { replicas: 2, observedGeneration: 1 } }), false],
  ];
  for (const [name, r, want] of upToDate) {
    test(`replicaSetStatusUpToDate ${name}: ${want}`, () => assert.equal(replicaSetStatusUpToDate(r, { replicas: 0 }), want));
  }
});

describe('podFromTemplate', () => {
  test('podFromTemplate copies labels and spec and names the pod after its owner', () => {
    const r = rs();
    const ref = { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-abc', uid: 'rs-uid', controller: true, blockOwnerDeletion: true };
    const p = podFromTemplate(r.spec!.template!, 'web-abc', 'ns', ref);
    assert.deepEqual(p.metadata, { generateName: 'web-abc-', namespace: 'ns', ownerReferences: [ref], labels: { app: 'web', tier: 'fe' } });
    assert.deepEqual(p.spec, r.spec!.template!.spec);
    assert.notEqual(p.spec, r.spec!.template!.spec);
  });
});
