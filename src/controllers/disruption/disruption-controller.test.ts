import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../api/types.js';
import { findResource } from '../../api/resources.js';
import { evictionHandler } from '../../apiserver/registry/eviction.js';
import { silentLogger } from '../../client/logger.js';
import { EVENTS, type CoreEvent } from '../../client/event-recorder.js';
import { FakeClock, rfc3339 } from '../../machinery/clock.js';
import { isStatusError } from '../../machinery/errors.js';
import { startHarness, type Harness } from '../testing/index.js';
import { DEPLOYMENTS, PODS, REPLICASETS } from '../runtime/resources.js';
import type { Deployment, Pod, ReplicaSet } from '../runtime/types.js';
import { DisruptionController, PODDISRUPTIONBUDGETS, STATEFULSETS, type DisruptionControllerOptions } from './disruption-controller.js';
import type { PodDisruptionBudget, PodDisruptionBudgetSpec, PodDisruptionBudgetStatus, StatefulSet } from './types.js';

const NS = 'pdb-test';
const TEMPLATE = { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } };

async function withController(fn: (h: Harness, dc: DisruptionController) => Promise<void>, options: DisruptionControllerOptions = {}): Promise<void> {
  const h = await startHarness();
  try {
    // As src/server.ts does: the eviction subresource is not built into the API server.
    h.api.subresources.register('pods/eviction', evictionHandler(() => h.api.registry('policy', 'v1', 'poddisruptionbudgets'), h.api.clock));
    await h.createNamespace(NS);
    const dc = new DisruptionController(h.client, h.informers, { logger: silentLogger, ...options });
    h.run(dc);
    await fn(h, dc);
  } finally {
    await h.stop();
  }
}

async function createPods(h: Harness, names: string[], owner?: KubeObject): Promise<void> {
  const pods = h.client.resource<Pod>(PODS, NS);
  for (const name of names) {
    const ownerReferences = owner
      ? [{ apiVersion: owner.apiVersion, kind: owner.kind, name: owner.metadata.name ?? '', uid: owner.metadata.uid ?? '', controller: true }]
      : undefined;
    await pods.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name, labels: { app: 'web' }, ownerReferences }, spec: TEMPLATE.spec });
  }
  await h.makePodsReady(NS, 'app=web');
}

async function createBudget(h: Harness, spec: PodDisruptionBudgetSpec, name = 'web'): Promise<void> {
  await h.client.resource<PodDisruptionBudget>(PODDISRUPTIONBUDGETS, NS).create({
    apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name }, spec: { selector: { matchLabels: { app: 'web' } }, ...spec },
  });
}

/** Waits until the budget's status has these fields (and was computed for its current generation). */
async function waitForStatus(h: Harness, want: Partial<PodDisruptionBudgetStatus> & { reason?: string }, name = 'web'): Promise<PodDisruptionBudget> {
  const { reason, ...fields } = want;
  return h.waitFor(`${name} status ${JSON.stringify(want)}`, async () => {
    const pdb = await h.client.resource<PodDisruptionBudget>(PODDISRUPTIONBUDGETS, NS).get(name);
    const st = pdb.status ?? {};
    for (const [k, v] of Object.entries(fields)) {
      if (JSON.stringify(st[k as keyof PodDisruptionBudgetStatus] ?? (k === 'disruptedPods' ? {} : undefined)) !== JSON.stringify(v)) return undefined;
    }
    if (reason && st.conditions?.find((c) => c.type === 'DisruptionAllowed')?.reason !== reason) return undefined;
    return pdb;
  });
}

async function evict(h: Harness, name: string): Promise<unknown> {
  return h.client.resource<Pod>(PODS, NS).subresource(name, 'eviction').create({ apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name } });
}

describe('DisruptionController', () => {
  test('DisruptionController lets one of three Ready pods be evicted under minAvailable 2', async () => {
    await withController(async (h) => {
      await createPods(h, ['web-0', 'web-1', 'web-2']);
      await createBudget(h, { minAvailable: 2 });
      const pdb = await waitForStatus(h, { disruptionsAllowed: 1, currentHealthy: 3, desiredHealthy: 2, expectedPods: 3, observedGeneration: 1 });
      const cond = pdb.status?.conditions?.find((c) => c.type === 'DisruptionAllowed');
      assert.deepEqual([cond?.status, cond?.reason, cond?.observedGeneration], ['True', 'SufficientPods', 1]);

      const ok = await evict(h, 'web-0');
      assert.equal((ok as { status?: string }).status, 'Success');
      await assert.rejects(evict(h, 'web-1'), (e: unknown) => {
        assert.ok(isStatusError(e));
        assert.equal(e.code, 429);
        assert.equal(e.reason, 'TooManyRequests');
        assert.equal(e.message, "Cannot evict pod as it would violate the pod's disruption budget.");
        assert.equal(e.details?.causes?.[0]?.reason, 'DisruptionBudget');
        return true;
      });

      // The controller sees web-0 gone: two healthy, none to spare, nothing pending.
      const after = await waitForStatus(h, { disruptionsAllowed: 0, currentHealthy: 2, expectedPods: 2, disruptedPods: {} }, 'web');
      assert.equal(after.status?.conditions?.find((c) => c.type === 'DisruptionAllowed')?.reason, 'InsufficientPods');

      // A replacement pod makes room again.
      await createPods(h, ['web-3']);
      await waitForStatus(h, { disruptionsAllowed: 1, currentHealthy: 3 });
      await evict(h, 'web-1');
    });
  });

  test('DisruptionController counts maxUnavailable against the Deployment scale and follows its changes', async () => {
    await withController(async (h) => {
      const d = await h.client.resource<Deployment>(DEPLOYMENTS, NS).create({
        apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' },
        spec: { replicas: 4, selector: { matchLabels: { app: 'web' } }, template: TEMPLATE },
      });
      const rs = await h.client.resource<ReplicaSet>(REPLICASETS, NS).create({
        apiVersion: 'apps/v1', kind: 'ReplicaSet',
        metadata: { name: 'web-abc', ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: d.metadata.uid ?? '', controller: true }] },
        spec: { replicas: 3, selector: { matchLabels: { app: 'web' } }, template: TEMPLATE },
      });
      await createPods(h, ['web-abc-1', 'web-abc-2', 'web-abc-3'], rs);
      await createBudget(h, { maxUnavailable: '50%' });
      // 4 expected (the Deployment), ceil(50% of 4) = 2 may be down, 3 healthy: 1 to spare.
      await waitForStatus(h, { expectedPods: 4, desiredHealthy: 2, currentHealthy: 3, disruptionsAllowed: 1, reason: 'SufficientPods' });
      await h.client.resource<Deployment>(DEPLOYMENTS, NS).patch('web', { spec: { replicas: 6 } }, 'merge');
      await waitForStatus(h, { expectedPods: 6, desiredHealthy: 3, currentHealthy: 3, disruptionsAllowed: 0, reason: 'InsufficientPods' });
    });
  });

  test('DisruptionController takes a percentage minAvailable of a StatefulSet scale, rounding up', async () => {
    await withController(async (h) => {
      const ss = await h.client.resource<StatefulSet>(STATEFULSETS, NS).create({
        apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'web' },
        spec: { replicas: 3, serviceName: 'web', selector: { matchLabels: { app: 'web' } }, template: TEMPLATE },
      });
      await createPods(h, ['web-0', 'web-1', 'web-2'], ss);
      await createBudget(h, { minAvailable: '50%' });
      await waitForStatus(h, { expectedPods: 3, desiredHealthy: 2, currentHealthy: 3, disruptionsAllowed: 1 });
    });
  });

  test('DisruptionController fails safe with SyncFailed when the pods\' controller has no scale', async () => {
    await withController(async (h) => {
      const dsInfo = findResource('apps', 'v1', 'daemonsets');
      assert.ok(dsInfo);
      const ds = await h.client.resource(dsInfo, NS).create({
        apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'web' },
        spec: { selector: { matchLabels: { app: 'web' } }, template: TEMPLATE },
      });
      await createPods(h, ['web-0', 'web-1'], ds);
      await createBudget(h, { minAvailable: '50%' });
      const pdb = await waitForStatus(h, { disruptionsAllowed: 0, reason: 'SyncFailed' });
      const cond = pdb.status?.conditions?.find((c) => c.type === 'DisruptionAllowed');
      assert.equal(cond?.status, 'False');
      assert.equal(cond?.message, 'daemonsets.apps does not implement the scale subresource');
      await assert.rejects(evict(h, 'web-0'), (e: unknown) => isStatusError(e) && e.code === 429);
      await h.waitFor('CalculateExpectedPodCountFailed event', async () => {
        const l = await h.client.resource<CoreEvent>(EVENTS, NS).list();
        return l.items.find((e) => e.reason === 'CalculateExpectedPodCountFailed'
          && e.message === 'Failed to calculate the number of expected pods: daemonsets.apps does not implement the scale subresource');
      });
    });
  });

  test('DisruptionController expires disruptedPods entries after the deletion timeout', async () => {
    const clock = new FakeClock(Date.now());
    await withController(async (h) => {
      await createPods(h, ['web-0', 'web-1', 'web-2']);
      await createBudget(h, { minAvailable: 2 });
      await waitForStatus(h, { disruptionsAllowed: 1, currentHealthy: 3 });
      // An eviction that was allowed but whose pod was never deleted.
      const pdbs = h.client.resource<PodDisruptionBudget>(PODDISRUPTIONBUDGETS, NS);
      const cur = await pdbs.get('web');
      const at = rfc3339(clock.now());
      await pdbs.updateStatus({ ...cur, status: { ...cur.status, disruptionsAllowed: 0, disruptedPods: { 'web-0': at } } });
      await waitForStatus(h, { disruptionsAllowed: 0, currentHealthy: 2, disruptedPods: { 'web-0': at } });
      clock.advance(2 * 60_000 + 1000);
      await waitForStatus(h, { disruptionsAllowed: 1, currentHealthy: 3, disruptedPods: {} });
      await h.waitFor('NotDeleted event', async () => {
        const l = await h.client.resource<CoreEvent>(EVENTS, NS).list();
        return l.items.find((e) => e.reason === 'NotDeleted' && e.involvedObject.name === 'web-0');
      });
    }, { clock });
  });

  test('DisruptionController resets a stale DisruptionTarget condition', async () => {
    const clock = new FakeClock(Date.now());
    await withController(async (h) => {
      await createPods(h, ['web-0']);
      const pods = h.client.resource<Pod>(PODS, NS);
      const p = await pods.get('web-0');
      const conditions = [...(p.status?.conditions ?? []), { type: 'DisruptionTarget', status: 'True' as const, reason: 'PreemptionByScheduler', message: 'm', lastTransitionTime: rfc3339(clock.now()) }];
      await pods.patch('web-0', { status: { conditions } }, 'strategic', { subresource: 'status' });
      await h.waitFor('the pod in the cache', () => h.informers.informerFor<Pod>(PODS).get(`${NS}/web-0`)?.status?.conditions?.some((c) => c.type === 'DisruptionTarget'));
      clock.advance(2 * 60_000 + 1000);
      await h.waitFor('DisruptionTarget False', async () => {
        const cond = (await pods.get('web-0')).status?.conditions?.find((c) => c.type === 'DisruptionTarget');
        return cond?.status === 'False' ? cond : undefined;
      });
    }, { clock });
  });
});
