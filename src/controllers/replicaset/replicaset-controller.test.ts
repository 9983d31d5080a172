import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { silentLogger } from '../../client/logger.js';
import { EVENTS, type CoreEvent } from '../../client/event-recorder.js';
import { startHarness, WatchGate, type Harness } from '../testing/index.js';
import { PODS, REPLICASETS } from '../runtime/resources.js';
import type { Pod, ReplicaSet } from '../runtime/types.js';
import { ReplicaSetController } from './replicaset-controller.js';

function replicaSet(name: string, replicas: number, minReadySeconds = 0): ReplicaSet {
  return {
    apiVersion: 'apps/v1', kind: 'ReplicaSet',
    metadata: { name, namespace: 'default' },
    spec: {
      replicas, minReadySeconds,
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } },
    },
  };
}

async function withController(fn: (h: Harness, rsc: ReplicaSetController) => Promise<void>): Promise<void> {
  const h = await startHarness();
  try {
    const rsc = new ReplicaSetController(h.client, h.informers, { logger: silentLogger, workers: 2 });
    h.run(rsc);
    await fn(h, rsc);
  } finally {
    await h.stop();
  }
}

describe('ReplicaSetController', () => {
  test('ReplicaSetController creates pods, reports status and records events', async () => {
    await withController(async (h) => {
      const rsClient = h.client.resource<ReplicaSet>(REPLICASETS, 'default');
      const pods = h.client.resource<Pod>(PODS, 'default');
      await rsClient.create(replicaSet('web', 3));
      const list = await h.waitFor('3 pods', async () => {
        const l = await pods.list({ labelSelector: 'app=web' });
        return l.items.length === 3 ? l : undefined;
      });
      for (const p of list.items) {
        assert.match(p.metadata.name ?? '', /^web-[a-z0-9]{5}$/);
        assert.deepEqual(p.metadata.ownerReferences?.map((r) => [r.kind, r.name, r.controller, r.blockOwnerDeletion]), [['ReplicaSet', 'web', true, true]]);
      }
      await h.waitFor('status.replicas 3', async () => ((await rsClient.get('web')).status?.replicas === 3 ? true : undefined));
      await h.makePodsReady('default', 'app=web');
      const rs = await h.waitFor('3 available', async () => {
        const r = await rsClient.get('web');
        return r.status?.availableReplicas === 3 ? r : undefined;
      });
      assert.deepEqual(rs.status, { replicas: 3, fullyLabeledReplicas: 3, readyReplicas: 3, availableReplicas: 3, observedGeneration: 1 });
      const events = await h.waitFor('events', async () => {
        const l = await h.client.resource<CoreEvent>(EVENTS, 'default').list();
        const created = l.items.filter((e) => e.reason === 'SuccessfulCreate');
        return created.length === 3 ? created : undefined;
      });
      assert.match(events[0]?.message ?? '', /^Created pod: web-[a-z0-9]{5}$/);
      assert.equal(events[0]?.source.component, 'replicaset-controller');
      assert.deepEqual([events[0]?.involvedObject.kind, events[0]?.involvedObject.name], ['ReplicaSet', 'web']);
      // Nothing more is created once the pods exist.
      assert.equal((await pods.list({ labelSelector: 'app=web' })).items.length, 3);
    });
  });

  test('ReplicaSetController scales down and replaces deleted pods', async () => {
    await withController(async (h) => {
      const rsClient = h.client.resource<ReplicaSet>(REPLICASETS, 'default');
      const pods = h.client.resource<Pod>(PODS, 'default');
      await rsClient.create(replicaSet('api', 4));
      const count = async (n: number): Promise<true | undefined> => ((await pods.list({ labelSelector: 'app=api' })).items.length === n ? true : undefined);
      await h.waitFor('4 pods', () => count(4));
      await rsClient.patch('api', { spec: { replicas: 2 } }, 'merge');
      await h.waitFor('2 pods', () => count(2));
      const victim = (await pods.list({ labelSelector: 'app=api' })).items[0]!;
      await pods.delete(victim.metadata.name ?? '');
      await h.waitFor('a replacement', async () => {
        const l = await pods.list({ labelSelector: 'app=api' });
        return l.items.length === 2 && !l.items.some((p) => p.metadata.name === victim.metadata.name) ? true : undefined;
      });
      await h.waitFor('status.replicas 2', async () => ((await rsClient.get('api')).status?.replicas === 2 ? true : undefined));
    });
  });

  test('ReplicaSetController adopts orphans and releases pods that stop matching', async () => {
    await withController(async (h) => {
      const rsClient = h.client.resource<ReplicaSet>(REPLICASETS, 'default');
      const pods = h.client.resource<Pod>(PODS, 'default');
      await pods.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'orphan', labels: { app: 'db' } }, spec: { containers: [{ name: 'c', image: 'x' }] } });
      const rs = await rsClient.create(replicaSet('db', 2));
      const adopted = await h.waitFor('adoption', async () => {
        const p = await pods.get('orphan');
        return p.metadata.ownerReferences?.[0]?.uid === rs.metadata.uid ? p : undefined;
      });
      assert.equal(adopted.metadata.ownerReferences?.[0]?.controller, true);
      await h.waitFor('2 pods', async () => ((await pods.list({ labelSelector: 'app=db' })).items.length === 2 ? true : undefined));
      await pods.patch('orphan', { metadata: { labels: { app: 'other' } } }, 'merge');
      await h.waitFor('release', async () => ((await pods.get('orphan')).metadata.ownerReferences ?? []).length === 0 ? true : undefined);
      await h.waitFor('a replacement', async () => ((await pods.list({ labelSelector: 'app=db' })).items.length === 2 ? true : undefined));
    });
  });

  test('ReplicaSetController never creates pods twice while its cache is stale', async () => {
    const gate = new WatchGate((req) => req.path.endsWith('/pods') && req.query.get('watch') === 'true');
    const h = await startHarness({ wrapRequester: (r) => gate.wrap(r) });
    try {
      const rsc = new ReplicaSetController(h.client, h.informers, { logger: silentLogger, workers: 2 });
      h.run(rsc);
      assert.equal(await h.informers.waitForCacheSync(h.signal), true);
      gate.close();
      const rsClient = h.client.resource<ReplicaSet>(REPLICASETS, 'default');
      const pods = h.client.resource<Pod>(PODS, 'default');
      await rsClient.create(replicaSet('stale', 3));
      await h.waitFor('3 pods created', async () => ((await pods.list({ labelSelector: 'app=stale' })).items.length === 3 ? true : undefined));
      // More syncs while the pod cache still shows nothing.
      for (let i = 0; i < 5; i++) {
        await rsClient.patch('stale', { metadata: { annotations: { poke: String(i) } } }, 'merge');
        await new Promise((r) => setTimeout(r, 20));
      }
      assert.equal(rsc.expectations.satisfied('default/stale'), false);
      assert.equal((await pods.list({ labelSelector: 'app=stale' })).items.length, 3);
      gate.open();
      await h.waitFor('status caught up', async () => ((await rsClient.get('stale')).status?.replicas === 3 ? true : undefined));
      assert.equal((await pods.list({ labelSelector: 'app=stale' })).items.length, 3);
      assert.equal(rsc.expectations.satisfied('default/stale'), true);
    } finally {
      gate.open();
      await h.stop();
    }
  });
});
