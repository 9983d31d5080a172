import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { newReplicaSetTarget, oldReplicaSetsScaleDown } from './rolling.js';
import { T0, deployment, replicaSet, type DeploymentFixture, type ReplicaSetFixture } from './test-fixtures.js';

describe('rolling update steps', () => {
  const grow: { name: string; d: DeploymentFixture; old: number; newRS: number; want: number }[] = [
    { name: 'no room to surge', d: { replicas: 1, maxSurge: 0, maxUnavailable: 1 }, old: 10, newRS: 0, want: 0 },
    { name: 'surge by two', d: { replicas: 10, maxSurge: 2, maxUnavailable: 0 }, old: 10, newRS: 0, want: 2 },
    { name: 'surge into room left by old sets', d: { replicas: 10, maxSurge: 2, maxUnavailable: 0 }, old: 5, newRS: 0, want: 7 },
    { name: 'at the limit already', d: { replicas: 10, maxSurge: 2, maxUnavailable: 0 }, old: 10, newRS: 2, want: 2 },
    { name: 'shrink an oversized new set', d: { replicas: 2, maxSurge: 2, maxUnavailable: 0 }, old: 2, newRS: 4, want: 2 },
    { name: '25% of 3 surges one', d: { replicas: 3 }, old: 3, newRS: 0, want: 1 },
  ];
  for (const c of grow) {
    test(`newReplicaSetTarget ${c.name}`, () => {
      const oldRS = replicaSet({ name: 'old', replicas: c.old });
      const newRS = replicaSet({ name: 'new', replicas: c.newRS });
      assert.equal(newReplicaSetTarget(deployment(c.d), [oldRS, newRS], newRS), c.want);
    });
  }

  const shrink: { name: string; d: DeploymentFixture; olds: ReplicaSetFixture[]; newRS: ReplicaSetFixture; want: Record<string, number> }[] = [
    { name: 'waits while the new pods are unavailable', d: { replicas: 3 }, olds: [{ name: 'o', replicas: 3, available: 3 }], newRS: { name: 'n', replicas: 1 }, want: {} },
    { name: 'scales down once new pods are available', d: { replicas: 3 }, olds: [{ name: 'o', replicas: 3, available: 3 }], newRS: { name: 'n', replicas: 1, available: 1 }, want: { o: 2 } },
    { name: 'keeps minAvailable', d: { replicas: 10, maxSurge: 2, maxUnavailable: 2 }, olds: [{ name: 'o', replicas: 10, available: 10 }], newRS: { name: 'n', replicas: 2 }, want: { o: 8 } },
    { name: 'removes unhealthy replicas first', d: { replicas: 10, maxSurge: 0, maxUnavailable: 2 }, olds: [{ name: 'o', replicas: 10, available: 6 }], newRS: { name: 'n', replicas: 0 }, want: { o: 8 } },
    {
      name: 'scales the oldest set first', d: { replicas: 4, maxSurge: 0, maxUnavailable: 2 },
      olds: [{ name: 'o2', replicas: 2, available: 2, createdAt: T0 + 1000 }, { name: 'o1', replicas: 2, available: 2 }], newRS: { name: 'n', replicas: 0 }, want: { o1: 0 },
    },
    { name: 'nothing left to scale down', d: { replicas: 3 }, olds: [{ name: 'o', replicas: 0 }], newRS: { name: 'n', replicas: 3, available: 3 }, want: {} },
    { name: 'all old ones go once the new set is available', d: { replicas: 3 }, olds: [{ name: 'o', replicas: 1, available: 1 }], newRS: { name: 'n', replicas: 3, available: 3 }, want: { o: 0 } },
  ];
  for (const c of shrink) {
    test(`oldReplicaSetsScaleDown ${c.name}`, () => {
      const olds = c.olds.map(replicaSet);
      const newRS = replicaSet(c.newRS);
      const active = olds.filter((r) => (r.spec?.replicas ?? 0) > 0);
      const got: Record<string, number> = {};
      for (const s of oldReplicaSetsScaleDown(deployment(c.d), [...olds, newRS], active, newRS)) got[s.rs.metadata.name ?? ''] = s.replicas;
      assert.deepEqual(got, c.want);
    });
  }
});
