// The official JavaScript client (@kubernetes/client-node 1.x): an informer sees add, update, delete.

import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as k8s from '@kubernetes/client-node';
import { startKite, cleanup, type KiteProcess } from './harness.js';

describe('@kubernetes/client-node against kite server', () => {
  let k: KiteProcess;
  before(async () => { k = await startKite(); });
  after(async () => { await k?.stop(); if (k) cleanup(k); });

  test('an informer sees add, update and delete of ConfigMaps', async () => {
    const kc = new k8s.KubeConfig();
    kc.loadFromFile(k.kubeconfig);
    const core = kc.makeApiClient(k8s.CoreV1Api);
    const seen: string[] = [];
    const informer = k8s.makeInformer(kc, '/api/v1/namespaces/default/configmaps', () => core.listNamespacedConfigMap({ namespace: 'default' }));
    informer.on('add', (o: k8s.V1ConfigMap) => seen.push(`add ${o.metadata?.name}`));
    informer.on('update', (o: k8s.V1ConfigMap) => seen.push(`update ${o.metadata?.name} ${o.data?.k}`));
    informer.on('delete', (o: k8s.V1ConfigMap) => seen.push(`delete ${o.metadata?.name}`));
    informer.on('error', () => undefined);
    await informer.start();
    try {
      await core.createNamespacedConfigMap({ namespace: 'default', body: { metadata: { name: 'inf' }, data: { k: '1' } } });
      await core.patchNamespacedConfigMap({ namespace: 'default', name: 'inf', body: { data: { k: '2' } } }, k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.MergePatch));
      await core.deleteNamespacedConfigMap({ namespace: 'default', name: 'inf' });
      const end = Date.now() + 15_000;
      while (!seen.includes('delete inf') && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
      assert.deepEqual(seen.filter((s) => s.includes('inf')), ['add inf', 'update inf 2', 'delete inf']);
    } finally {
      await informer.stop();
    }
  });

  test('typed client errors carry the Status', async () => {
    const kc = new k8s.KubeConfig();
    kc.loadFromFile(k.kubeconfig);
    const apps = kc.makeApiClient(k8s.AppsV1Api);
    await assert.rejects(apps.readNamespacedDeployment({ namespace: 'default', name: 'missing' }), (err: unknown) => {
      const e = err as { code?: number; body?: string };
      assert.equal(e.code, 404);
      assert.match(String(e.body), /deployments.apps \\"missing\\" not found|deployments.apps "missing" not found/);
      return true;
    });
  });
});
