import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../api/types.js';
import { silentLogger } from '../../client/logger.js';
import { isStatusError } from '../../machinery/errors.js';
import { startHarness, type Harness } from '../testing/index.js';
import { DEPLOYMENTS, PODS, REPLICASETS } from '../runtime/resources.js';
import type { Deployment, Pod, ReplicaSet } from '../runtime/types.js';
import { ReplicaSetController } from '../replicaset/replicaset-controller.js';
import { DeploymentController } from '../deployment/deployment-controller.js';
import { GarbageCollector } from './garbage-collector.js';

const CONFIGMAPS = { group: '', version: 'v1', resource: 'configmaps', namespaced: true };

function deployment(name: string): Deployment {
  return {
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name, namespace: 'default' },
    spec: { replicas: 2, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } },
  };
}

async function withControllers(fn: (h: Harness, gc: GarbageCollector) => Promise<void>): Promise<void> {
  const h = await startHarness();
  try {
    const gc = new GarbageCollector(h.client, h.informers, { logger: silentLogger });
    h.run(
      new ReplicaSetController(h.client, h.informers, { logger: silentLogger }),
      new DeploymentController(h.client, h.informers, { logger: silentLogger }),
      gc,
    );
    await fn(h, gc);
  } finally {
    await h.stop();
  }
}

const gone = async (get: () => Promise<unknown>): Promise<boolean> => {
  try {
    await get();
    return false;
  } catch (e) {
    if (isStatusError(e) && e.code === 404) return true;
    throw e;
  }
};

async function deploymentWithPods(h: Harness, name: string): Promise<{ rs: ReplicaSet; pods: Pod[] }> {
  await h.client.resource<Deployment>(DEPLOYMENTS, 'default').create(deployment(name));
  return h.waitFor(`${name} pods`, async () => {
    const rss = (await h.client.resource<ReplicaSet>(REPLICASETS, 'default').list({ labelSelector: `app=${name}` })).items;
    const pods = (await h.client.resource<Pod>(PODS, 'default').list({ labelSelector: `app=${name}` })).items;
    return rss.length === 1 && pods.length === 2 ? { rs: rss[0]!, pods } : undefined;
  });
}

describe('GarbageCollector', () => {
  test('GarbageCollector background deletion removes ReplicaSets and pods', async () => {
    await withControllers(async (h) => {
      await deploymentWithPods(h, 'bg');
      await h.client.resource<Deployment>(DEPLOYMENTS, 'default').delete('bg', { propagationPolicy: 'Background' });
      await h.waitFor('dependents gone', async () => {
        const rss = (await h.client.resource<ReplicaSet>(REPLICASETS, 'default').list({ labelSelector: 'app=bg' })).items;
        const pods = (await h.client.resource<Pod>(PODS, 'default').list({ labelSelector: 'app=bg' })).items;
        return rss.length === 0 && pods.length === 0 ? true : undefined;
      });
    });
  });

  test('GarbageCollector orphan deletion keeps dependents without the owner reference', async () => {
    await withControllers(async (h) => {
      const { rs } = await deploymentWithPods(h, 'orph');
      const deployments = h.client.resource<Deployment>(DEPLOYMENTS, 'default');
      const replicaSets = h.client.resource<ReplicaSet>(REPLICASETS, 'default');
      await deployments.delete('orph', { propagationPolicy: 'Orphan' });
      await h.waitFor('deployment gone', () => gone(() => deployments.get('orph')));
      const kept = await replicaSets.get(rs.metadata.name ?? '');
      assert.deepEqual(kept.metadata.ownerReferences ?? [], []);
      const pods = (await h.client.resource<Pod>(PODS, 'default').list({ labelSelector: 'app=orph' })).items;
      assert.equal(pods.length, 2);
      assert.ok(pods.every((p) => p.metadata.ownerReferences?.[0]?.uid === rs.metadata.uid), 'pods stay owned by the ReplicaSet');
    });
  });

  test('GarbageCollector foreground deletion removes dependents before the owner', async () => {
    await withControllers(async (h) => {
      const { rs } = await deploymentWithPods(h, 'fg');
      const deployments = h.client.resource<Deployment>(DEPLOYMENTS, 'default');
      const pods = h.client.resource<Pod>(PODS, 'default');
      let ownerGoneFirst = false;
      await deployments.delete('fg', { propagationPolicy: 'Foreground' });
      const d = await deployments.get('fg');
      assert.ok(d.metadata.finalizers?.includes('foregroundDeletion'));
      await h.waitFor('deployment gone', async () => {
        const ownerGone = await gone(() => deployments.get('fg'));
        const left = (await pods.list({ labelSelector: 'app=fg' })).items.length;
        if (ownerGone && left > 0) ownerGoneFirst = true;
        return ownerGone ? true : undefined;
      });
      assert.ok(await gone(() => h.client.resource<ReplicaSet>(REPLICASETS, 'default').get(rs.metadata.name ?? '')));
      assert.equal((await pods.list({ labelSelector: 'app=fg' })).items.length, 0);
      assert.equal(ownerGoneFirst, false, 'the owner outlived its dependents');
    });
  });

  test('GarbageCollector deletes objects whose owner never existed and keeps those with a live owner', async () => {
    await withControllers(async (h) => {
      const cms = h.client.resource<KubeObject>(CONFIGMAPS, 'default');
      const owner = await cms.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'owner' } });
      await cms.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'kept', ownerReferences: [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'owner', uid: owner.metadata.uid ?? '' }] } });
      await cms.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'dangling', ownerReferences: [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'nobody', uid: 'no-such-uid' }] } });
      await h.waitFor('dangling deleted', () => gone(() => cms.get('dangling')));
      assert.equal((await cms.get('kept')).metadata.name, 'kept');
      await cms.delete('owner');
      await h.waitFor('dependent deleted with its owner', () => gone(() => cms.get('kept')));
    });
  });
});
