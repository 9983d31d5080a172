import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { calculateStatus, deploymentComplete, rolloutStatus, stuckDeploymentRecheckMs } from './deployment-status.js';
import { T0, deployment, iso, replicaSet } from './test-fixtures.js';

describe('deployment status', () => {
  test('calculateStatus sums the sets and sets Available', () => {
    const d = deployment({ replicas: 3, generation: 4 });
    const newRS = replicaSet({ name: 'n', replicas: 2, actual: 2, ready: 2, available: 1 });
    const old = replicaSet({ name: 'o', replicas: 2, actual: 2, ready: 2, available: 2 });
    const s = calculateStatus([old, newRS], newRS, d, T0);
    assert.deepEqual(s, {
      observedGeneration: 4, replicas: 4, updatedReplicas: 2, readyReplicas: 4, availableReplicas: 3, unavailableReplicas: 1,
      conditions: [{ type: 'Available', status: 'True', lastUpdateTime: iso(T0), lastTransitionTime: iso(T0), reason: 'MinimumReplicasAvailable', message: 'Deployment has minimum availability.' }],
    });
  });

  test('calculateStatus reports minimum availability missing', () => {
    const d = deployment({ replicas: 4, maxUnavailable: 1 });
    const s = calculateStatus([replicaSet({ name: 'n', replicas: 4, available: 2 })], undefined, d, T0);
    assert.equal(s.conditions?.[0]?.reason, 'MinimumReplicasUnavailable');
    assert.equal(s.conditions?.[0]?.message, 'Deployment does not have minimum availability.');
  });

  test('rolloutStatus marks a finished rollout NewReplicaSetAvailable', () => {
    const d = deployment({ replicas: 2 });
    const newRS = replicaSet({ name: 'web-abc', replicas: 2, available: 2 });
    const s = rolloutStatus([newRS], newRS, d, T0);
    const p = s.conditions?.find((c) => c.type === 'Progressing');
    assert.deepEqual([p?.status, p?.reason, p?.message], ['True', 'NewReplicaSetAvailable', 'ReplicaSet "web-abc" has successfully progressed.']);
    assert.equal(deploymentComplete(d, s), true);
  });

  test('rolloutStatus refreshes lastUpdateTime on progress but keeps the transition time', () => {
    const prev = { type: 'Progressing', status: 'True' as const, lastUpdateTime: iso(T0), lastTransitionTime: iso(T0), reason: 'ReplicaSetUpdated', message: 'x' };
    const d = deployment({ replicas: 3, status: { replicas: 3, updatedReplicas: 1, conditions: [prev] } });
    const newRS = replicaSet({ name: 'web-abc', replicas: 2, actual: 2 });
    const old = replicaSet({ name: 'old', replicas: 2, actual: 2, available: 2 });
    const s = rolloutStatus([old, newRS], newRS, d, T0 + 5000);
    const p = s.conditions?.find((c) => c.type === 'Progressing');
    assert.deepEqual([p?.reason, p?.message, p?.lastUpdateTime, p?.lastTransitionTime], ['ReplicaSetUpdated', 'ReplicaSet "web-abc" is progressing.', iso(T0 + 5000), iso(T0)]);
  });

  test('rolloutStatus times out after progressDeadlineSeconds without progress', () => {
    const prev = { type: 'Progressing', status: 'True' as const, lastUpdateTime: iso(T0), lastTransitionTime: iso(T0), reason: 'ReplicaSetUpdated', message: 'x' };
    const status = { replicas: 2, updatedReplicas: 1, readyReplicas: 1, availableReplicas: 1, conditions: [prev] };
    const d = deployment({ replicas: 2, progressDeadlineSeconds: 10, status });
    const newRS = replicaSet({ name: 'web-abc', replicas: 1, actual: 1 });
    const old = replicaSet({ name: 'old', replicas: 1, actual: 1, available: 1 });
    const early = rolloutStatus([old, newRS], newRS, d, T0 + 9000).conditions?.find((c) => c.type === 'Progressing');
    assert.equal(early?.reason, 'ReplicaSetUpdated');
    const late = rolloutStatus([old, newRS], newRS, d, T0 + 11_000).conditions?.find((c) => c.type === 'Progressing');
    assert.deepEqual([late?.status, late?.reason, late?.message], ['False', 'ProgressDeadlineExceeded', 'ReplicaSet "web-abc" has timed out progressing.']);
  });

  test('stuckDeploymentRecheckMs wakes up after the deadline', () => {
    const prev = { type: 'Progressing', status: 'True' as const, lastUpdateTime: iso(T0), lastTransitionTime: iso(T0), reason: 'ReplicaSetUpdated', message: 'x' };
    const d = deployment({ replicas: 2, progressDeadlineSeconds: 60, status: { conditions: [prev] } });
    assert.equal(stuckDeploymentRecheckMs(d, { replicas: 1 }, T0 + 20_000), 41_000);
    assert.equal(stuckDeploymentRecheckMs(d, { replicas: 1 }, T0 + 59_500), 0);
    assert.equal(stuckDeploymentRecheckMs(deployment({ replicas: 2 }), { replicas: 1 }, T0), undefined);
  });

  test('rolloutStatus copies ReplicaFailure from the new set', () => {
    const d = deployment({ replicas: 2 });
    const newRS = replicaSet({ name: 'n', replicas: 2 });
    newRS.status!.conditions = [{ type: 'ReplicaFailure', status: 'True', lastTransitionTime: iso(T0), reason: 'FailedCreate', message: 'quota' }];
    const f = rolloutStatus([newRS], newRS, d, T0).conditions?.find((c) => c.type === 'ReplicaFailure');
    assert.deepEqual([f?.reason, f?.message, f?.lastUpdateTime], ['FailedCreate', 'quota', iso(T0)]);
  });
});
