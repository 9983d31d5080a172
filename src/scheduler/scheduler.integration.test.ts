// The scheduler against a real in-memory API server, through the in-process client.

import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ApiServer } from '../apiserver/index.js';
import { openSqliteStore, type Store } from '../storage/index.js';
import { createClient, inProcessRequester, silentLogger, type Client, type ResourceClient } from '../client/index.js';
import type { KubeObject } from '../api/types.js';
import type { Node, Pod, PodCondition } from './api-types.js';
import { Scheduler, type SchedulerOptions } from './scheduler.js';
import { makeNode, makePod, type PodOptions } from './testing/fixtures.js';

interface Env {
  client: Client;
  pods: ResourceClient<Pod>;
  nodes: ResourceClient<Node>;
  scheduler: Scheduler;
  stop(): Promise<void>;
}

const PODS = { group: '', version: 'v1', resource: 'pods', namespaced: true };
const NODES = { group: '', version: 'v1', resource: 'nodes', namespaced: false };
const EVENTS = { group: '', version: 'v1', resource: 'events', namespaced: true };

async function startEnv(opts: SchedulerOptions = {}, nodeCount = 3): Promise<Env> {
  const store: Store = openSqliteStore(':memory:', { compactIntervalMs: 0 });
  const api = new ApiServer({ store, log: () => {} });
  await api.start();
  const client = createClient(inProcessRequester(api.handler));
  const pods = client.resource<Pod>(PODS, 'default');
  const nodes = client.resource<Node>(NODES);
  for (let i = 1; i <= nodeCount; i++) await nodes.create(makeNode(`node-${i}`, { cpu: '2', memory: '4Gi', pods: '10' }));
  const scheduler = new Scheduler(client, { logger: silentLogger, ...opts });
  const ac = new AbortController();
  const running = scheduler.run(ac.signal);
  return {
    client, pods, nodes, scheduler,
    async stop() {
      ac.abort();
      await running;
      await api.stop();
      await store.close();
    },
  };
}

async function waitFor<T>(what: string, fn: () => Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

function stripForCreate(pod: Pod): Pod {
  const { uid: _u, ...metadata } = pod.metadata;
  return { ...pod, metadata, status: undefined };
}

async function createPod(env: Env, name: string, o: PodOptions = {}): Promise<Pod> {
  return env.pods.create(stripForCreate(makePod(name, o)));
}

async function boundNode(env: Env, name: string): Promise<string> {
  try {
    return await waitFor(`pod ${name} to be bound`, async () => (await env.pods.get(name)).spec?.nodeName || undefined);
  } catch (e) {
    // Say why: the last FailedScheduling event carries the scheduler's (or the binding's) message.
    const failed = (await eventsFor(env, name)).filter((ev) => ev.reason === 'FailedScheduling').pop();
    throw new Error(`${(e as Error).message}${failed ? `; last FailedScheduling: ${failed.message}` : ''}`);
  }
}

async function scheduledCondition(env: Env, name: string, message?: string): Promise<PodCondition> {
  return waitFor(`PodScheduled=False on ${name}`, async () => {
    const c = (await env.pods.get(name)).status?.conditions?.find((x) => x.type === 'PodScheduled' && x.status === 'False');
    return c && (message === undefined || c.message === message) ? c : undefined;
  });
}

async function eventsFor(env: Env, name: string): Promise<(KubeObject & { reason?: string; message?: string; type?: string })[]> {
  const list = await env.client.resource(EVENTS, 'default').list({ fieldSelector: `involvedObject.name=${name}` });
  return list.items as (KubeObject & { reason?: string; message?: string; type?: string })[];
}

const antiWeb = { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: 'web' } }, topologyKey: 'kubernetes.io/hostname' }] } };

describe('Scheduler with an API server', () => {
  let env: Env;
  before(async () => { env = await startEnv(); });
  after(async () => { await env.stop(); });

  test('Scheduler binds pods through pods/binding and records Scheduled events', async () => {
    for (let i = 0; i < 3; i++) await createPod(env, `big-${i}`, { cpu: '1500m' });
    const placed = await Promise.all([0, 1, 2].map((i) => boundNode(env, `big-${i}`)));
    assert.deepEqual([...placed].sort(), ['node-1', 'node-2', 'node-3'], 'one per node: each node fits one');
    const cond = (await env.pods.get('big-0')).status?.conditions?.find((c) => c.type === 'PodScheduled');
    assert.equal(cond?.status, 'True');
    const ev = await waitFor('Scheduled event', async () => (await eventsFor(env, 'big-0')).find((e) => e.reason === 'Scheduled'));
    assert.equal(ev.message, `Successfully assigned default/big-0 to ${placed[0]}`);
    assert.equal(ev.type, 'Normal');
  });

  test('Scheduler reports Insufficient cpu with upstream\'s message and a FailedScheduling event', async () => {
    await createPod(env, 'no-room', { cpu: '1' });
    const want = '0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.';
    const cond = await scheduledCondition(env, 'no-room', want);
    assert.equal(cond.reason, 'Unschedulable');
    const ev = await waitFor('FailedScheduling event', async () => (await eventsFor(env, 'no-room')).find((e) => e.reason === 'FailedScheduling'));
    assert.equal(ev.message, want);
    assert.equal(ev.type, 'Warning');

    await createPod(env, 'too-big', { cpu: '3' });
    await scheduledCondition(env, 'too-big', '0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.');
  });

  test('Scheduler schedules a pending pod when a node that fits it is added', async () => {
    await createPod(env, 'wants-ssd', { nodeSelector: { disk: 'ssd' } });
    await scheduledCondition(env, 'wants-ssd', "0/3 nodes are available: 3 node(s) didn't match Pod's node affinity/selector. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.");
    await env.nodes.create(makeNode('node-ssd', { cpu: '2', memory: '4Gi', labels: { disk: 'ssd' } }));
    assert.equal(await boundNode(env, 'wants-ssd'), 'node-ssd');
  });

  test('Scheduler retries a pending pod when a pod is deleted', async () => {
    await createPod(env, 'waiting', { cpu: '1500m' });
    await scheduledCondition(env, 'waiting');
    const victim = (await env.pods.get('big-1')).spec?.nodeName;
    // Bound pods are deleted gracefully; grace period 0 stands in for the kubelet finishing it.
    await env.pods.delete('big-1', { gracePeriodSeconds: 0 });
    assert.equal(await boundNode(env, 'waiting'), victim);
  });

  test('Scheduler reports anti-affinity with upstream\'s preemption suffix in the default profile', async () => {
    const antiApi = { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: 'api' } }, topologyKey: 'kubernetes.io/hostname' }] } };
    for (let i = 0; i < 4; i++) await createPod(env, `api-${i}`, { labels: { app: 'api' }, affinity: antiApi });
    const placed = await Promise.all([0, 1, 2, 3].map((i) => boundNode(env, `api-${i}`)));
    assert.equal(new Set(placed).size, 4);
    await createPod(env, 'api-4', { labels: { app: 'api' }, affinity: antiApi });
    await scheduledCondition(env, 'api-4', "0/4 nodes are available: 4 node(s) didn't match pod anti-affinity rules. preemption: 0/4 nodes are available: 4 No preemption victims found for incoming pod.");
  });
});

describe('Scheduler without preemption', () => {
  let env: Env;
  before(async () => { env = await startEnv({ preemption: false }); });
  after(async () => { await env.stop(); });

  test('Scheduler spreads pods with required anti-affinity and reports the anti-affinity message', async () => {
    for (let i = 0; i < 3; i++) await createPod(env, `web-${i}`, { labels: { app: 'web' }, affinity: antiWeb });
    const placed = await Promise.all([0, 1, 2].map((i) => boundNode(env, `web-${i}`)));
    assert.equal(new Set(placed).size, 3);
    await createPod(env, 'web-3', { labels: { app: 'web' }, affinity: antiWeb });
    const cond = await scheduledCondition(env, 'web-3');
    assert.equal(cond.message, "0/3 nodes are available: 3 node(s) didn't match pod anti-affinity rules.");
    await createPod(env, 'hog', { cpu: '3' });
    assert.equal((await scheduledCondition(env, 'hog')).message, '0/3 nodes are available: 3 Insufficient cpu.');
  });
});

describe('Scheduler preemption', () => {
  let env: Env;
  before(async () => { env = await startEnv({}, 2); });
  after(async () => { await env.stop(); });

  test('Scheduler preempts lower-priority pods, nominates the node and binds there once they are gone', async () => {
    const classes = env.client.forKind('scheduling.k8s.io/v1', 'PriorityClass');
    for (const [name, value] of [['low', 1], ['mid', 5], ['vip', 100]] as const) {
      await classes.create({ apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name }, value } as KubeObject);
    }
    await waitFor('priority classes in the scheduler', async () => (env.scheduler.newPodInfo(makePod('x', { spec: { priorityClassName: 'vip' } })).priority === 100 ? true : undefined));
    await createPod(env, 'low-1', { cpu: '1500m', spec: { priorityClassName: 'low' } });
    await createPod(env, 'low-2', { cpu: '1500m', spec: { priorityClassName: 'mid' } });
    await boundNode(env, 'low-1');
    await boundNode(env, 'low-2');
    const lowNode = (await env.pods.get('low-1')).spec?.nodeName;
    await createPod(env, 'vip', { cpu: '1500m', spec: { priorityClassName: 'vip' } });
    const nominated = await waitFor('nominatedNodeName', async () => (await env.pods.get('vip')).status?.nominatedNodeName || undefined);
    assert.equal(nominated, lowNode, 'the node of the lowest-priority victim');
    const victim = await waitFor('victim marked', async () => {
      const p = await env.pods.get('low-1');
      return p.metadata.deletionTimestamp ? p : undefined;
    });
    const dt = victim.status?.conditions?.find((c) => c.type === 'DisruptionTarget');
    assert.equal(dt?.reason, 'PreemptionByScheduler');
    assert.equal((await env.pods.get('low-2')).metadata.deletionTimestamp, undefined);
    await env.pods.delete('low-1', { gracePeriodSeconds: 0 });
    assert.equal(await boundNode(env, 'vip'), lowNode);
  });
});
