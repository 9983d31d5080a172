import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { isSaturated, newRSNewReplicas, planScale } from './scaling.js';
import { T0, deployment, replicaSet, type DeploymentFixture, type ReplicaSetFixture } from './test-fixtures.js';

describe('scaling', () => {
  const newReplicas: { name: string; d: DeploymentFixture; all: number[]; newRS: number; want: number }[] = [
    { name: 'cannot surge past the limit', d: { replicas: 10, maxSurge: 0 }, all: [10, 0], newRS: 0, want: 0 },
    { name: 'surges by maxSurge', d: { replicas: 10, maxSurge: 2 }, all: [10, 0], newRS: 0, want: 2 },
    { name: 'fills the room old sets left', d: { replicas: 10, maxSurge: 2 }, all: [5, 0], newRS: 0, want: 7 },
    { name: 'never past spec.replicas', d: { replicas: 3, maxSurge: 5 }, all: [0, 1], newRS: 1, want: 3 },
    { name: 'Recreate takes all at once', d: { replicas: 4, recreate: true }, all: [0, 0], newRS: 0, want: 4 },
  ];
  for (const c of newReplicas) {
    test(`newRSNewReplicas ${c.name}`, () => {
      const newRS = replicaSet({ name: 'new', replicas: c.newRS });
      const all = [replicaSet({ name: 'old', replicas: c.all[0] ?? 0 }), { ...newRS, spec: { ...newRS.spec, replicas: c.all[1] ?? 0 } }];
      assert.equal(newRSNewReplicas(deployment(c.d), all, newRS), c.want);
    });
  }

  test('isSaturated needs size, annotation and availability', () => {
    const d = deployment({ replicas: 3 });
    assert.equal(isSaturated(d, replicaSet({ name: 'n', replicas: 3, desired: 3, available: 3 })), true);
    assert.equal(isSaturated(d, replicaSet({ name: 'n', replicas: 3, desired: 3, available: 2 })), false);
    assert.equal(isSaturated(d, replicaSet({ name: 'n', replicas: 3, available: 3 })), false);
    assert.equal(isSaturated(d, undefined), false);
  });

  const plans: { name: string; d: DeploymentFixture; newRS?: ReplicaSetFixture; olds: ReplicaSetFixture[]; want: Record<string, number> }[] = [
    { name: 'scales the only active set', d: { replicas: 5 }, newRS: { name: 'v2', replicas: 3 }, olds: [{ name: 'v1', replicas: 0 }], want: { v2: 5 } },
    { name: 'nothing when the only active set is right', d: { replicas: 3 }, newRS: { name: 'v2', replicas: 3 }, olds: [], want: {} },
    { name: 'scales old sets to 0 under a saturated new set', d: { replicas: 3 }, newRS: { name: 'v2', replicas: 3, desired: 3, available: 3 }, olds: [{ name: 'v1', replicas: 1 }], want: { v1: 0 } },
    {
      name: 'proportional scaling 5 -> 10', d: { replicas: 10, maxSurge: 0, maxUnavailable: 1 },
      newRS: { name: 'v2', replicas: 2, max: 5, createdAt: T0 + 1000 }, olds: [{ name: 'v1', replicas: 3, max: 5 }], want: { v1: 6, v2: 4 },
    },
    {
      name: 'proportional scaling 5 -> 3', d: { replicas: 3, maxSurge: 0, maxUnavailable: 1 },
      newRS: { name: 'v2', replicas: 2, max: 5, createdAt: T0 + 1000 }, olds: [{ name: 'v1', replicas: 3, max: 5 }], want: { v1: 2, v2: 1 },
    },
    {
      name: 'proportional scaling to 0', d: { replicas: 0 },
      newRS: { name: 'v2', replicas: 2, max: 5, createdAt: T0 + 1000 }, olds: [{ name: 'v1', replicas: 3, max: 5 }], want: { v1: 0, v2: 0 },
    },
    {
      name: 'spreads among equal sets newest first', d: { replicas: 11, maxSurge: 0, maxUnavailable: 1 },
      newRS: { name: 'v2', replicas: 3, max: 9, createdAt: T0 + 1000 }, olds: [{ name: 'v1', replicas: 3, max: 9 }, { name: 'v0', replicas: 3, max: 9, createdAt: T0 - 1000 }], want: { v0: 3, v1: 4, v2: 4 },
    },
  ];
  for (const c of plans) {
    test(`planScale ${c.name}`, () => {
      const steps = planScale(deployment(c.d), c.newRS && replicaSet(c.newRS), c.olds.map(replicaSet));
      const got: Record<string, number> = {};
      for (const s of steps) if (s.replicas !== s.rs.spec?.replicas || s.syncAnnotations) got[s.rs.metadata.name ?? ''] = s.replicas;
      assert.deepEqual(got, c.want);
    });
  }
});
