// Integration: SimulatedNodes against the real API server (in memory, in process).

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { ApiServer } from '../apiserver/index.js';
import { openSqliteStore } from '../storage/index.js';
import { createClient, inProcessRequester, silentLogger, type Client } from '../client/index.js';
import { findResource } from '../api/resources.js';
import { SimulatedNodes } from './simulated-nodes.js';
import type { Node, NodeLease, Pod } from './types.js';

/** Polls until `fn` returns a value (not a timing assertion: fails only if it never happens). */
async function eventually<T>(what: string, fn: () => Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

async function setup() {
  const store = openSqliteStore(':memory:');
  const api = new ApiServer({ store, log: () => {} });
  await api.start();
  const client = createClient(inProcessRequester(api.handler, { name: 'system:admin', groups: ['system:masters'] }));
  return {
    client,
    async close() { await api.stop(); await store.close(); },
  };
}

const NODES = findResource('', 'v1', 'nodes')!;
const PODS = findResource('', 'v1', 'pods')!;
const LEASES = findResource('coordination.k8s.io', 'v1', 'leases')!;

function nodes(c: Client) { return c.resource<Node>(NODES); }
function pods(c: Client) { return c.resource<Pod>(PODS, 'default'); }
function leases(c: Client) { return c.resource<NodeLease>(LEASES, 'kube-node-lease'); }

async function getOrUndefined<T>(p: Promise<T>): Promise<T | undefined> {
  try { return await p; } catch (e) { if ((e as { code?: number }).code === 404) return undefined; throw e; }
}

function webPod(name: string, nodeName?: string): Pod {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default' }, spec: { ...(nodeName ? { nodeName } : {}), containers: [{ name: 'web', image: 'nginx' }] } };
}

describe('SimulatedNodes (API server)', () => {
  test('SimulatedNodes registers nodes, runs bound pods, finishes deletions and stops heartbeating', async () => {
    const { client, close } = await setup();
    const sim = new SimulatedNodes(client, {
      count: 3, podReadyDelayMs: 20, podDeleteDelayMs: 10, leaseRenewIntervalMs: 200, logger: silentLogger,
    });
    const ctl = new AbortController();
    try {
      await sim.start(ctl.signal);
      assert.equal(sim.registeredCount, 3);
      assert.deepEqual(sim.nodeNames, ['sim-0', 'sim-1', 'sim-2']);

      // Nodes are Ready, with their leases.
      const list = await nodes(client).list();
      assert.deepEqual(list.items.map((n) => n.metadata.name).sort(), ['sim-0', 'sim-1', 'sim-2']);
      for (const n of list.items) {
        const ready = n.status?.conditions?.find((c) => c.type === 'Ready');
        assert.equal(ready?.status, 'True', `${n.metadata.name} Ready`);
        assert.equal(ready?.reason, 'KubeletReady');
        assert.equal(n.status?.capacity?.['pods'], '110');
        assert.equal(n.metadata.labels?.['kubernetes.io/hostname'], n.metadata.name);
        const l = await leases(client).get(n.metadata.name!);
        assert.equal(l.spec?.holderIdentity, n.metadata.name);
        assert.equal(l.spec?.leaseDurationSeconds, 40);
        assert.match(l.spec?.renewTime ?? '', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
        assert.equal(l.metadata.ownerReferences?.[0]?.uid, n.metadata.uid);
      }

      // A pod bound to a simulated node becomes Running and Ready.
      await pods(client).create(webPod('web', 'sim-1'));
      const running = await eventually('web Running', async () => {
        const p = await pods(client).get('web');
        return p.status?.phase === 'Running' ? p : undefined;
      });
      assert.equal(running.status?.conditions?.find((c) => c.type === 'Ready')?.status, 'True');
      assert.equal(running.status?.podIP, '10.128.1.2');
      assert.equal(running.status?.hostIP, '10.240.0.2');
      assert.equal(running.status?.containerStatuses?.[0]?.ready, true);
      assert.ok(running.status?.startTime);

      // Deleting it: the API server marks it (it is bound), the simulated kubelet finishes it.
      const marked = await pods(client).delete('web');
      assert.equal((marked as Pod).metadata.deletionTimestamp !== undefined, true);
      await eventually('web gone', async () => ((await getOrUndefined(pods(client).get('web'))) === undefined ? true : undefined));

      // Leases move while running ...
      const before = (await leases(client).get('sim-0')).spec?.renewTime;
      await eventually('lease renewed', async () => ((await leases(client).get('sim-0')).spec?.renewTime !== before ? true : undefined));

      // ... and stop moving once stopped; the nodes stay.
      await sim.stop();
      const frozen = (await leases(client).list()).items.map((l) => l.spec?.renewTime);
      await sleep(600);
      assert.deepEqual((await leases(client).list()).items.map((l) => l.spec?.renewTime), frozen);
      assert.equal((await nodes(client).list()).items.length, 3);
    } finally {
      ctl.abort();
      await sim.stop();
      await close();
    }
  });

  test('SimulatedNodes runs a pod bound through pods/binding', async () => {
    const { client, close } = await setup();
    const sim = new SimulatedNodes(client, { count: 2, podReadyDelayMs: 20, logger: silentLogger });
    const ctl = new AbortController();
    try {
      await sim.start(ctl.signal);
      await pods(client).create(webPod('bound'));
      await pods(client).subresource('bound', 'binding').create({ apiVersion: 'v1', kind: 'Binding', metadata: { name: 'bound' }, target: { kind: 'Node', name: 'sim-0' } });
      assert.equal((await pods(client).get('bound')).spec?.nodeName, 'sim-0', 'the binding set spec.nodeName');
      const p = await eventually('bound Running', async () => {
        const x = await pods(client).get('bound');
        return x.status?.phase === 'Running' ? x : undefined;
      }, 3_000);
      assert.equal(p.status?.podIP, '10.128.0.2');
    } finally {
      ctl.abort();
      await sim.stop();
      await close();
    }
  });

  test('SimulatedNodes takes over the nodes a previous run left', async () => {
    const { client, close } = await setup();
    const ctl = new AbortController();
    try {
      const first = new SimulatedNodes(client, { count: 2, logger: silentLogger });
      await first.start(ctl.signal);
      await first.stop();
      const uids = (await nodes(client).list()).items.map((n) => n.metadata.uid).sort();
      const second = new SimulatedNodes(client, { count: 2, logger: silentLogger });
      await second.start(ctl.signal);
      await second.stop();
      assert.deepEqual((await nodes(client).list()).items.map((n) => n.metadata.uid).sort(), uids);
    } finally {
      ctl.abort();
      await close();
    }
  });
});
