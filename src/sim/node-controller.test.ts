import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { setImmediate as tick } from 'node:timers/promises';
import { FakeClock } from '../machinery/clock.js';
import { createClient, inProcessRequester, SharedInformerFactory, silentLogger } from '../client/index.js';
import { FakeApiServer } from '../client/testing/index.js';
import { findResource } from '../api/resources.js';
import { NodeController, type NodeControllerOptions } from './node-controller.js';
import { nodeInternalIp } from './addresses.js';
import type { SimNodeSpec } from './node-object.js';
import type { Node, NodeLease } from './types.js';

async function flush(n = 30): Promise<void> { for (let i = 0; i < n; i++) await tick(); }

/** Moves the fake clock in small steps, letting the workers run between them. */
async function advance(clock: FakeClock, ms: number, step = 100): Promise<void> {
  for (let done = 0; done < ms; done += step) { clock.advance(Math.min(step, ms - done)); await flush(); }
}

function specs(n: number): SimNodeSpec[] {
  return Array.from({ length: n }, (_, i) => ({ name: `sim-${i}`, internalIP: nodeInternalIp(i), cpu: '4', memory: '16Gi', maxPods: 110 }));
}

async function setup(n: number, seed?: (api: FakeApiServer) => void, options: NodeControllerOptions = {}) {
  const clock = new FakeClock();
  const api = new FakeApiServer({ clock });
  seed?.(api);
  const client = createClient(inProcessRequester(api.handler));
  const factory = new SharedInformerFactory(client, { clock, logger: silentLogger });
  const nodes = factory.informerFor<Node>(findResource('', 'v1', 'nodes')!);
  const ctl = new AbortController();
  factory.start(ctl.signal);
  await nodes.waitForSync();
  const nc = new NodeController(client, nodes, specs(n), { clock, logger: silentLogger, ...options });
  const run = nc.run(ctl.signal);
  const stop = async () => { ctl.abort(); await run; await factory.stopped(); };
  const lease = (name: string) => api.getObject('coordination.k8s.io', 'leases', name, 'kube-node-lease') as NodeLease | undefined;
  const node = (name: string) => api.getObject('', 'nodes', name) as Node | undefined;
  return { clock, api, nc, ctl, stop, lease, node };
}

describe('NodeController', () => {
  test('NodeController registers every node Ready with a lease owned by the node', async () => {
    const h = await setup(3);
    try {
      assert.equal(await h.nc.allRegistered(h.ctl.signal), true);
      assert.equal(h.nc.registeredCount, 3);
      for (let i = 0; i < 3; i++) {
        const n = h.node(`sim-${i}`);
        assert.ok(n, `node sim-${i}`);
        assert.equal(n.metadata.labels?.['kubernetes.io/hostname'], `sim-${i}`);
        assert.equal(n.status?.conditions?.find((c) => c.type === 'Ready')?.status, 'True');
        const l = h.lease(`sim-${i}`);
        assert.equal(l?.spec?.holderIdentity, `sim-${i}`);
        assert.equal(l?.spec?.leaseDurationSeconds, 40);
        assert.equal(l?.spec?.renewTime, '2026-01-01T00:00:00.000000Z');
        assert.deepEqual(l?.metadata.ownerReferences, [{ apiVersion: 'v1', kind: 'Node', name: `sim-${i}`, uid: n.metadata.uid }]);
      }
      // Created once, then status through the subresource.
      const posts = h.api.requests.filter((r) => r.method === 'POST' && r.path === '/api/v1/nodes');
      assert.equal(posts.length, 3);
      assert.equal(h.api.requests.filter((r) => r.method === 'PATCH' && r.path.endsWith('/status')).length, 3);
    } finally { await h.stop(); }
  });

  test('NodeController renews leases every interval, spread over it', async () => {
    const h = await setup(4);
    try {
      await h.nc.allRegistered(h.ctl.signal);
      const renewed = () => [0, 1, 2, 3].filter((i) => h.lease(`sim-${i}`)?.spec?.renewTime !== '2026-01-01T00:00:00.000000Z').length;
      await advance(h.clock, 2_600);
      assert.equal(renewed(), 1);
      await advance(h.clock, 5_000);
      assert.equal(renewed(), 3);
      await advance(h.clock, 2_500);
      assert.equal(renewed(), 4);
      await advance(h.clock, 10_000);
      assert.equal(h.lease('sim-0')?.spec?.renewTime, '2026-01-01T00:00:12.500000Z');
    } finally { await h.stop(); }
  });

  test('NodeController takes over an existing node and lease', async () => {
    const h = await setup(2, (api) => {
      api.put('', 'nodes', { apiVersion: 'v1', kind: 'Node', metadata: { name: 'sim-1', uid: 'old-uid', labels: { keep: 'me' } }, status: { conditions: [{ type: 'Ready', status: 'Unknown', reason: 'NodeStatusUnknown' }] } });
      api.put('coordination.k8s.io', 'leases', { apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name: 'sim-1', namespace: 'kube-node-lease' }, spec: { holderIdentity: 'sim-1', renewTime: '2025-12-31T00:00:00.000000Z' } });
    });
    try {
      await h.nc.allRegistered(h.ctl.signal);
      const n = h.node('sim-1');
      assert.equal(n?.metadata.uid, 'old-uid');
      assert.equal(n?.metadata.labels?.['keep'], 'me');
      assert.equal(n?.metadata.labels?.['type'], 'kite-sim');
      assert.equal(n?.status?.conditions?.find((c) => c.type === 'Ready')?.status, 'True');
      assert.equal(h.lease('sim-1')?.spec?.renewTime, '2026-01-01T00:00:00.000000Z');
      assert.equal(h.lease('sim-1')?.metadata.ownerReferences?.[0]?.uid, 'old-uid');
      assert.equal(h.api.requests.filter((r) => r.method === 'POST' && r.path === '/api/v1/nodes').length, 1);
    } finally { await h.stop(); }
  });

  test('NodeController re-posts Ready when someone marks the node unknown', async () => {
    const h = await setup(1);
    try {
      await h.nc.allRegistered(h.ctl.signal);
      const n = h.node('sim-0')!;
      n.status!.conditions = n.status!.conditions!.map((c) => (c.type === 'Ready' ? { ...c, status: 'Unknown', reason: 'NodeStatusUnknown' } : c));
      h.api.put('', 'nodes', n);
      await flush();
      assert.equal(h.node('sim-0')?.status?.conditions?.find((c) => c.type === 'Ready')?.status, 'True');
    } finally { await h.stop(); }
  });

  test('NodeController stops heartbeating a node deleted under it', async () => {
    const h = await setup(2);
    try {
      await h.nc.allRegistered(h.ctl.signal);
      h.api.remove('', 'nodes', 'sim-0');
      await flush();
      h.clock.advance(30_000); await flush();
      assert.equal(h.lease('sim-0')?.spec?.renewTime, '2026-01-01T00:00:00.000000Z');
      assert.notEqual(h.lease('sim-1')?.spec?.renewTime, '2026-01-01T00:00:00.000000Z');
      assert.equal(h.node('sim-0'), undefined);
    } finally { await h.stop(); }
  });

  test('NodeController retries a failed write', async () => {
    const h = await setup(1, (api) => {
      const err = new Error('connection reset');
      api.failNext((r) => r.method === 'POST' && r.path.endsWith('/leases'), err, 2);
    });
    try {
      const done = h.nc.allRegistered(h.ctl.signal);
      for (let i = 0; i < 10 && h.nc.registeredCount === 0; i++) { h.clock.advance(200); await flush(); }
      assert.equal(await done, true);
      assert.equal(h.lease('sim-0')?.spec?.holderIdentity, 'sim-0');
    } finally { await h.stop(); }
  });

  test('NodeController stops renewing when its signal aborts', async () => {
    const h = await setup(1);
    await h.nc.allRegistered(h.ctl.signal);
    await h.stop();
    const before = h.api.requests.length;
    h.clock.advance(60_000); await flush();
    assert.equal(h.api.requests.length, before);
    assert.equal(h.clock.pendingTimers(), 0);
  });
});
