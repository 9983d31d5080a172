import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { setImmediate as tick } from 'node:timers/promises';
import { FakeClock } from '../machinery/clock.js';
import { createClient, inProcessRequester, SharedInformerFactory, silentLogger } from '../client/index.js';
import { FakeApiServer } from '../client/testing/index.js';
import { StatusError } from '../machinery/errors.js';
import { findResource } from '../api/resources.js';
import { PodController, type SimNodeRuntime } from './pod-controller.js';
import { defaultPodStages } from './pod-stages.js';
import { IpPool } from './ip-pool.js';
import type { Pod } from './types.js';

async function flush(n = 30): Promise<void> { for (let i = 0; i < n; i++) await tick(); }

async function advance(clock: FakeClock, ms: number, step = 50): Promise<void> {
  for (let done = 0; done < ms; done += step) { clock.advance(Math.min(step, ms - done)); await flush(); }
}

function pod(name: string, nodeName?: string, extra: Partial<Pod> & { metadata?: Partial<Pod['metadata']> } = {}): Pod {
  return {
    apiVersion: 'v1', kind: 'Pod',
    ...extra,
    metadata: { name, namespace: 'default', ...extra.metadata },
    spec: { ...(nodeName ? { nodeName } : {}), restartPolicy: 'Always', containers: [{ name: 'c', image: 'busybox' }], ...extra.spec },
    status: extra.status ?? { phase: 'Pending' },
  };
}

async function setup(seed?: (api: FakeApiServer) => void) {
  const clock = new FakeClock();
  const api = new FakeApiServer({ clock, historyLimit: 100_000 });
  seed?.(api);
  const client = createClient(inProcessRequester(api.handler));
  const factory = new SharedInformerFactory(client, { clock, logger: silentLogger });
  const pods = factory.informerFor<Pod>(findResource('', 'v1', 'pods')!);
  const nodes = new Map<string, SimNodeRuntime>([
    ['sim-0', { internalIP: '10.240.0.1', pool: new IpPool('10.128.0') }],
    ['sim-1', { internalIP: '10.240.0.2', pool: new IpPool('10.128.1') }],
  ]);
  const stages = defaultPodStages({ readyDelayMs: 200, completeDelayMs: 1000, deleteDelayMs: 100, jitter: 0 });
  const pc = new PodController(client, pods, nodes, stages, { clock, logger: silentLogger, workers: 5 });
  const ctl = new AbortController();
  const run = pc.run(ctl.signal);
  factory.start(ctl.signal);
  await pods.waitForSync();
  await flush();
  const get = (name: string) => api.getObject('', 'pods', name, 'default') as Pod | undefined;
  const stop = async () => { ctl.abort(); await run; await factory.stopped(); };
  return { clock, api, pc, get, stop, nodes };
}

describe('PodController', () => {
  test('PodController makes a pod bound to a simulated node Running and Ready after the delay', async () => {
    const h = await setup();
    try {
      h.api.put('', 'pods', pod('p1', 'sim-0'));
      await flush();
      await advance(h.clock, 150);
      assert.equal(h.get('p1')?.status?.phase, 'Pending');
      await advance(h.clock, 100);
      const s = h.get('p1')?.status;
      assert.equal(s?.phase, 'Running');
      assert.equal(s?.podIP, '10.128.0.2');
      assert.deepEqual(s?.podIPs, [{ ip: '10.128.0.2' }]);
      assert.equal(s?.hostIP, '10.240.0.1');
      assert.deepEqual(s?.conditions?.map((c) => `${c.type}=${c.status}`), ['PodReadyToStartContainers=True', 'Initialized=True', 'Ready=True', 'ContainersReady=True', 'PodScheduled=True']);
      assert.equal(s?.containerStatuses?.[0]?.ready, true);
      assert.equal(s?.qosClass, 'BestEffort');
      const patches = h.api.requests.filter((r) => r.method === 'PATCH');
      assert.deepEqual(patches.map((r) => r.path), ['/api/v1/namespaces/default/pods/p1/status']);
    } finally { await h.stop(); }
  });

  test('PodController leaves pods of other nodes and unscheduled pods alone until bound', async () => {
    const h = await setup();
    try {
      h.api.put('', 'pods', pod('elsewhere', 'real-node'));
      h.api.put('', 'pods', pod('unbound'));
      await advance(h.clock, 1000);
      assert.equal(h.get('elsewhere')?.status?.phase, 'Pending');
      assert.equal(h.get('unbound')?.status?.phase, 'Pending');
      const bound = h.get('unbound')!;
      bound.spec = { ...bound.spec, nodeName: 'sim-1' };
      h.api.put('', 'pods', bound);
      await advance(h.clock, 300);
      assert.equal(h.get('unbound')?.status?.phase, 'Running');
      assert.equal(h.get('unbound')?.status?.podIP, '10.128.1.2');
      assert.equal(h.api.requests.filter((r) => r.method === 'PATCH').length, 1);
    } finally { await h.stop(); }
  });

  test('PodController completes Job pods', async () => {
    const h = await setup();
    try {
      h.api.put('', 'pods', pod('job-1', 'sim-0', { metadata: { ownerReferences: [{ apiVersion: 'batch/v1', kind: 'Job', name: 'j', uid: 'j' }] }, spec: { restartPolicy: 'Never' } }));
      await advance(h.clock, 300);
      assert.equal(h.get('job-1')?.status?.phase, 'Running');
      await advance(h.clock, 1100);
      const s = h.get('job-1')?.status;
      assert.equal(s?.phase, 'Succeeded');
      assert.equal(s?.containerStatuses?.[0]?.state?.terminated?.reason, 'Completed');
      assert.equal(h.pc.pendingCount, 0);
    } finally { await h.stop(); }
  });

  test('PodController deletes pods being deleted, with grace period 0 and a UID precondition', async () => {
    const h = await setup();
    try {
      h.api.put('', 'pods', pod('p1', 'sim-0'));
      await advance(h.clock, 300);
      const p = h.get('p1')!;
      p.metadata.deletionTimestamp = '2026-01-01T00:00:30Z';
      p.metadata.deletionGracePeriodSeconds = 30;
      h.api.put('', 'pods', p);
      await advance(h.clock, 200);
      assert.equal(h.get('p1'), undefined);
      assert.deepEqual(h.api.requests.filter((r) => r.method === 'DELETE').map((r) => r.path), ['/api/v1/namespaces/default/pods/p1']);
    } finally { await h.stop(); }
  });

  test('PodController hands out unique pod IPs per node and reuses freed ones', async () => {
    const h = await setup((api) => {
      api.put('', 'pods', pod('old', 'sim-0', { status: { phase: 'Running', podIP: '10.128.0.2' } }));
    });
    try {
      h.api.put('', 'pods', pod('a', 'sim-0'));
      h.api.put('', 'pods', pod('b', 'sim-0'));
      await advance(h.clock, 300);
      assert.deepEqual([h.get('a')?.status?.podIP, h.get('b')?.status?.podIP].sort(), ['10.128.0.3', '10.128.0.4']);
      h.api.remove('', 'pods', 'old', 'default');
      await flush();
      h.api.put('', 'pods', pod('c', 'sim-0'));
      await advance(h.clock, 300);
      assert.equal(h.get('c')?.status?.podIP, '10.128.0.5');
      assert.equal(h.nodes.get('sim-0')?.pool.size, 3);
    } finally { await h.stop(); }
  });

  test('PodController retries a failed write', async () => {
    const h = await setup((api) => {
      api.failNext((r) => r.method === 'PATCH', new StatusError(500, 'InternalError', 'boom'), 2);
    });
    try {
      h.api.put('', 'pods', pod('p1', 'sim-0'));
      await advance(h.clock, 1000);
      assert.equal(h.get('p1')?.status?.phase, 'Running');
      assert.equal(h.api.requests.filter((r) => r.method === 'PATCH').length, 3);
    } finally { await h.stop(); }
  });

  test('PodController leaves qosClass out once the API server refuses it', async () => {
    const h = await setup((api) => {
      api.failNext((r) => r.method === 'PATCH', new StatusError(422, 'Invalid', 'Pod "p1" is invalid: status.qosClass: Invalid value: "BestEffort": field is immutable'), 1);
    });
    try {
      h.api.put('', 'pods', pod('p1', 'sim-0'));
      await advance(h.clock, 300);
      h.api.put('', 'pods', pod('p2', 'sim-0'));
      await advance(h.clock, 300);
      for (const n of ['p1', 'p2']) {
        assert.equal(h.get(n)?.status?.phase, 'Running');
        assert.equal(h.get(n)?.status?.qosClass, undefined);
      }
      assert.equal(h.api.requests.filter((r) => r.method === 'PATCH').length, 3);
    } finally { await h.stop(); }
  });

  test('PodController handles many pods with one timer and one write each', async () => {
    const h = await setup();
    try {
      for (let i = 0; i < 400; i++) h.api.put('', 'pods', pod(`p${i}`, i % 2 ? 'sim-1' : 'sim-0'));
      await flush();
      assert.equal(h.pc.pendingCount, 400);
      assert.equal(h.clock.pendingTimers(), 1);
      await advance(h.clock, 300);
      await flush(200);
      const pods = Array.from({ length: 400 }, (_, i) => h.get(`p${i}`));
      assert.equal(pods.filter((p) => p?.status?.phase === 'Running').length, 400);
      assert.equal(new Set(pods.map((p) => p?.status?.podIP)).size, 400);
      assert.equal(h.api.requests.filter((r) => r.method === 'PATCH').length, 400);
      assert.equal(h.pc.pendingCount, 0);
    } finally { await h.stop(); }
  });
});
