// Objects survive a restart; kill -9 of the server while clients write loses no acknowledged write.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as k8s from '@kubernetes/client-node';
import { startKite, cleanup, tempDir } from './harness.js';

async function client(kubeconfig: string): Promise<k8s.CoreV1Api> {
  const kc = new k8s.KubeConfig();
  kc.loadFromFile(kubeconfig);
  return kc.makeApiClient(k8s.CoreV1Api);
}

describe('durability', () => {
  test('objects, the CA and credentials survive a restart', async () => {
    const dataDir = tempDir();
    const k1 = await startKite({ dataDir });
    const api = await client(k1.kubeconfig);
    await api.createNamespacedConfigMap({ namespace: 'default', body: { metadata: { name: 'keep' }, data: { a: 'b' } } });
    const { readFileSync } = await import('node:fs');
    const ca1 = readFileSync(`${dataDir}/tls/ca.crt`, 'utf8');
    await k1.stop();
    const k2 = await startKite({ dataDir });
    try {
      assert.equal(readFileSync(`${dataDir}/tls/ca.crt`, 'utf8'), ca1);
      const api2 = await client(k2.kubeconfig);
      const cm = await api2.readNamespacedConfigMap({ namespace: 'default', name: 'keep' });
      assert.deepEqual(cm.data, { a: 'b' });
      const ns = await api2.listNamespace();
      assert.deepEqual(ns.items.map((n) => n.metadata?.name).sort(), ['default', 'kube-node-lease', 'kube-public', 'kube-system']);
    } finally {
      await k2.stop();
      cleanup(k2);
      cleanup(k1);
    }
  });

  test('kill -9 while 20 clients write loses no acknowledged write', async () => {
    const dataDir = tempDir();
    const k1 = await startKite({ dataDir });
    const api = await client(k1.kubeconfig);
    const acked: string[] = [];
    let stop = false;
    const writers = Array.from({ length: 20 }, async (_, w) => {
      for (let i = 0; !stop; i++) {
        const name = `w${w}-${i}`;
        try {
          await api.createNamespacedConfigMap({ namespace: 'default', body: { metadata: { name }, data: { i: String(i) } } });
          acked.push(name);
        } catch {
          return; // the server is gone
        }
      }
    });
    while (acked.length < 500) await new Promise((r) => setTimeout(r, 20));
    k1.proc.kill('SIGKILL');
    stop = true;
    await Promise.all(writers);
    await k1.stop();
    const k2 = await startKite({ dataDir });
    try {
      const api2 = await client(k2.kubeconfig);
      const list = await api2.listNamespacedConfigMap({ namespace: 'default' });
      const have = new Set(list.items.map((c) => c.metadata?.name));
      const lost = acked.filter((n) => !have.has(n));
      assert.deepEqual(lost, [], `${lost.length} of ${acked.length} acknowledged writes lost`);
    } finally {
      await k2.stop();
      cleanup(k2);
      cleanup(k1);
    }
  });
});
