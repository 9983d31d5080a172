import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { equalIgnoreHash, findActiveOrLatest, findNewReplicaSet, findOldReplicaSets } from './replica-sets.js';
import { T0, deployment, replicaSet } from './test-fixtures.js';

describe('replica set lookup', () => {
  test('equalIgnoreHash ignores the pod-template-hash label only', () => {
    const a = { metadata: { labels: { app: 'web', 'pod-template-hash': 'x' } }, spec: { containers: [{ name: 'c' }] } };
    assert.equal(equalIgnoreHash(a, { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c' }] } }), true);
    assert.equal(equalIgnoreHash(a, { metadata: { labels: { app: 'api' } }, spec: { containers: [{ name: 'c' }] } }), false);
  });

  test('findNewReplicaSet picks the oldest set with the deployment template', () => {
    const d = deployment({ image: 'nginx:2' });
    const rss = [replicaSet({ name: 'b', replicas: 1, image: 'nginx:2', createdAt: T0 + 2000 }), replicaSet({ name: 'a', replicas: 1, image: 'nginx:2', createdAt: T0 + 1000 }), replicaSet({ name: 'c', replicas: 1, image: 'nginx:1' })];
    assert.equal(findNewReplicaSet(d, rss)?.metadata.name, 'a');
    const old = findOldReplicaSets(d, rss);
    assert.deepEqual(old.all.map((r) => r.metadata.name), ['b', 'c']);
  });

  test('findOldReplicaSets separates sets with replicas', () => {
    const d = deployment({ image: 'nginx:9' });
    const old = findOldReplicaSets(d, [replicaSet({ name: 'a', replicas: 0 }), replicaSet({ name: 'b', replicas: 2 })]);
    assert.deepEqual([old.withReplicas.map((r) => r.metadata.name), old.all.map((r) => r.metadata.name)], [['b'], ['a', 'b']]);
  });

  const activeCases: { name: string; newRS?: number; olds: [string, number, number][]; want: string | undefined }[] = [
    { name: 'nothing', olds: [], want: undefined },
    { name: 'only the new set active', newRS: 3, olds: [['o1', 0, 1]], want: 'new' },
    { name: 'only an old set active', newRS: 0, olds: [['o1', 2, 1]], want: 'o1' },
    { name: 'none active: the new set', newRS: 0, olds: [['o1', 0, 1]], want: 'new' },
    { name: 'none active and no new set: the newest old', olds: [['o1', 0, 1], ['o2', 0, 5]], want: 'o2' },
    { name: 'several active', newRS: 1, olds: [['o1', 2, 1]], want: undefined },
  ];
  for (const c of activeCases) {
    test(`findActiveOrLatest ${c.name}`, () => {
      const newRS = c.newRS === undefined ? undefined : replicaSet({ name: 'new', replicas: c.newRS, createdAt: T0 + 10_000 });
      const olds = c.olds.map(([name, replicas, at]) => replicaSet({ name, replicas, createdAt: T0 + at * 1000 }));
      assert.equal(findActiveOrLatest(newRS, olds)?.metadata.name, c.want);
    });
  }
});
