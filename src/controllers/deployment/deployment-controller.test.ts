import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { silentLogger } from '../../client/logger.js';
import { FakeClock } from '../../machinery/clock.js';
import { EVENTS, type CoreEvent } from '../../client/event-recorder.js';
import { startHarness, type Harness } from '../testing/index.js';
import { DEPLOYMENTS, PODS, REPLICASETS } from '../runtime/resources.js';
import type { Deployment, Pod, ReplicaSet } from '../runtime/types.js';
import { ReplicaSetController } from '../replicaset/replicaset-controller.js';
import { DeploymentController } from './deployment-controller.js';
import { REVISION_ANNOTATION, REVISION_HISTORY_ANNOTATION } from './annotations.js';

function deployment(name: string, o: { replicas?: number; image?: string; recreate?: boolean; maxSurge?: number | string; maxUnavailable?: number | string } = {}): Deployment {
  return {
    apiVersion: 'apps/v1', kind: 'Deployment',
    metadata: { name, namespace: 'default' },
    spec: {
      replicas: o.replicas ?? 3,
      selector: { matchLabels: { app: name } },
      strategy: o.recreate ? { type: 'Recreate' } : { type: 'RollingUpdate', rollingUpdate: { maxSurge: o.maxSurge ?? '25%', maxUnavailable: o.maxUnavailable ?? '25%' } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'c', image: o.image ?? 'nginx:1' }] } },
    },
  };
}

async function withControllers(fn: (h: Harness) => Promise<void>): Promise<void> {
  const h = await startHarness();
  try {
    h.run(
      new ReplicaSetController(h.client, h.informers, { logger: silentLogger, workers: 2 }),
      new DeploymentController(h.client, h.informers, { logger: silentLogger, workers: 2 }),
    );
    await fn(h);
  } finally {
    await h.stop();
  }
}

const clients = (h: Harness) => ({
  deployments: h.client.resource<Deployment>(DEPLOYMENTS, 'default'),
  replicaSets: h.client.resource<ReplicaSet>(REPLICASETS, 'default'),
  pods: h.client.resource<Pod>(PODS, 'default'),
  events: h.client.resource<CoreEvent>(EVENTS, 'default'),
});

/** Marks pods ready until the deployment is complete; returns the ReplicaSet sizes seen on the way. */
async function rollOut(h: Harness, name: string, check?: (rss: ReplicaSet[], pods: Pod[]) => void): Promise<Deployment> {
  const { deployments, replicaSets, pods } = clients(h);
  return h.waitFor(`${name} rolled out`, async () => {
    if (check) check((await replicaSets.list({ labelSelector: `app=${name}` })).items, (await pods.list({ labelSelector: `app=${name}` })).items);
    await h.makePodsReady('default', `app=${name}`);
    const d = await deployments.get(name);
    const s = d.status ?? {};
    const want = d.spec?.replicas ?? 1;
    const done = (s.observedGeneration ?? 0) >= (d.metadata.generation ?? 0) && s.updatedReplicas === want && s.replicas === want && s.availableReplicas === want
      && s.conditions?.some((c) => c.type === 'Progressing' && c.reason === 'NewReplicaSetAvailable');
    return done ? d : undefined;
  }, 20_000);
}

describe('DeploymentController', () => {
  test('DeploymentController creates a ReplicaSet and pods and reports status', async () => {
    await withControllers(async (h) => {
      const { deployments, replicaSets, events } = clients(h);
      await deployments.create(deployment('web'));
      const d = await rollOut(h, 'web');
      const rss = (await replicaSets.list({ labelSelector: 'app=web' })).items;
      assert.equal(rss.length, 1);
      const rs = rss[0]!;
      const hash = rs.metadata.labels?.['pod-template-hash'] ?? '';
      assert.match(hash, /^[bcdfghjklmnpqrstvwxz2456789]+$/);
      assert.equal(rs.metadata.name, `web-${hash}`);
      assert.deepEqual(rs.spec?.selector, { matchLabels: { app: 'web', 'pod-template-hash': hash } });
      assert.equal(rs.spec?.template?.metadata?.labels?.['pod-template-hash'], hash);
      assert.equal(rs.metadata.annotations?.[REVISION_ANNOTATION], '1');
      assert.equal(rs.metadata.annotations?.['deployment.kubernetes.io/desired-replicas'], '3');
      assert.equal(rs.metadata.annotations?.['deployment.kubernetes.io/max-replicas'], '4');
      assert.equal(d.metadata.annotations?.[REVISION_ANNOTATION], '1');
      const s = d.status!;
      assert.deepEqual([s.replicas, s.updatedReplicas, s.readyReplicas, s.availableReplicas, s.unavailableReplicas, s.observedGeneration], [3, 3, 3, 3, undefined, 1]);
      const avail = s.conditions?.find((c) => c.type === 'Available');
      assert.deepEqual([avail?.status, avail?.reason, avail?.message], ['True', 'MinimumReplicasAvailable', 'Deployment has minimum availability.']);
      const prog = s.conditions?.find((c) => c.type === 'Progressing');
      assert.deepEqual([prog?.status, prog?.reason, prog?.message], ['True', 'NewReplicaSetAvailable', `ReplicaSet "web-${hash}" has successfully progressed.`]);
      const ev = await h.waitFor('scaling event', async () => (await events.list()).items.find((e) => e.reason === 'ScalingReplicaSet'));
      assert.equal(ev.message, `Scaled up replica set web-${hash} to 3 from 0`);
      assert.equal(ev.source.component, 'deployment-controller');
    });
  });

  test('DeploymentController rolls out a new template within maxSurge and maxUnavailable, then rolls back', async () => {
    await withControllers(async (h) => {
      const { deployments, replicaSets } = clients(h);
      await deployments.create(deployment('api', { replicas: 4, maxSurge: 1, maxUnavailable: 1 }));
      await rollOut(h, 'api');
      const first = (await replicaSets.list({ labelSelector: 'app=api' })).items[0]!;

      await deployments.patch('api', { spec: { template: { spec: { containers: [{ name: 'c', image: 'nginx:2' }] } } } }, 'strategic');
      let maxTotal = 0;
      let minReady = Infinity;
      const d = await rollOut(h, 'api', (rss, pods) => {
        maxTotal = Math.max(maxTotal, rss.reduce((n, rs) => n + (rs.spec?.replicas ?? 0), 0));
        const ready = pods.filter((p) => !p.metadata.deletionTimestamp && p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True')).length;
        minReady = Math.min(minReady, ready);
      });
      assert.ok(maxTotal <= 5, `at most replicas+maxSurge pods were asked for (saw ${maxTotal})`);
      assert.ok(minReady >= 3, `at least replicas-maxUnavailable pods stayed ready (saw ${minReady})`);
      const rss = (await replicaSets.list({ labelSelector: 'app=api' })).items;
      assert.equal(rss.length, 2);
      const second = rss.find((r) => r.metadata.uid !== first.metadata.uid)!;
      assert.equal(second.spec?.replicas, 4);
      assert.equal(rss.find((r) => r.metadata.uid === first.metadata.uid)?.spec?.replicas, 0);
      assert.equal(second.metadata.annotations?.[REVISION_ANNOTATION], '2');
      assert.equal(d.metadata.annotations?.[REVISION_ANNOTATION], '2');

      // Rollback: the template goes back, the first ReplicaSet is reused with a new revision.
      await deployments.patch('api', { spec: { template: { spec: { containers: [{ name: 'c', image: 'nginx:1' }] } } } }, 'strategic');
      const back = await rollOut(h, 'api');
      const after = (await replicaSets.list({ labelSelector: 'app=api' })).items;
      assert.equal(after.length, 2, 'no third ReplicaSet');
      const reused = after.find((r) => r.metadata.uid === first.metadata.uid)!;
      assert.equal(reused.spec?.replicas, 4);
      assert.equal(reused.metadata.annotations?.[REVISION_ANNOTATION], '3');
      assert.equal(reused.metadata.annotations?.[REVISION_HISTORY_ANNOTATION], '1');
      assert.equal(back.metadata.annotations?.[REVISION_ANNOTATION], '3');
    });
  });

  test('DeploymentController Recreate scales the old set to zero before creating the new one', async () => {
    await withControllers(async (h) => {
      const { deployments, replicaSets } = clients(h);
      await deployments.create(deployment('batch', { replicas: 2, recreate: true }));
      await rollOut(h, 'batch');
      await deployments.patch('batch', { spec: { template: { spec: { containers: [{ name: 'c', image: 'nginx:2' }] } } } }, 'strategic');
      let overlap = false;
      await rollOut(h, 'batch', (rss) => {
        if (rss.filter((rs) => (rs.spec?.replicas ?? 0) > 0).length > 1) overlap = true;
      });
      assert.equal(overlap, false);
      const rss = (await replicaSets.list({ labelSelector: 'app=batch' })).items;
      assert.deepEqual(rss.map((r) => r.spec?.replicas).sort(), [0, 2]);
    });
  });

  test('DeploymentController scales, and pauses and resumes rollouts', async () => {
    await withControllers(async (h) => {
      const { deployments, replicaSets } = clients(h);
      await deployments.create(deployment('svc', { replicas: 2 }));
      await rollOut(h, 'svc');
      await deployments.patch('svc', { spec: { replicas: 5 } }, 'merge');
      await rollOut(h, 'svc');
      assert.deepEqual((await replicaSets.list({ labelSelector: 'app=svc' })).items.map((r) => r.spec?.replicas), [5]);

      await deployments.patch('svc', { spec: { paused: true } }, 'merge');
      await h.waitFor('paused condition', async () => {
        const d = await deployments.get('svc');
        const p = d.status?.conditions?.find((c) => c.type === 'Progressing');
        return p?.reason === 'DeploymentPaused' && p.status === 'Unknown' && p.message === 'Deployment is paused' ? true : undefined;
      });
      await deployments.patch('svc', { spec: { template: { spec: { containers: [{ name: 'c', image: 'nginx:2' }] } } } }, 'strategic');
      await h.waitFor('generation observed', async () => {
        const d = await deployments.get('svc');
        return (d.status?.observedGeneration ?? 0) >= (d.metadata.generation ?? 0) ? true : undefined;
      });
      assert.equal((await replicaSets.list({ labelSelector: 'app=svc' })).items.length, 1, 'no rollout while paused');

      await deployments.patch('svc', { spec: { paused: false } }, 'merge');
      await rollOut(h, 'svc');
      assert.equal((await replicaSets.list({ labelSelector: 'app=svc' })).items.length, 2);
    });
  });

  test('DeploymentController reports ProgressDeadlineExceeded when a rollout stalls', async () => {
    const h = await startHarness();
    const clock = new FakeClock(Date.now());
    try {
      h.run(
        new ReplicaSetController(h.client, h.informers, { logger: silentLogger }),
        new DeploymentController(h.client, h.informers, { logger: silentLogger, clock }),
      );
      const { deployments } = clients(h);
      const d = deployment('stuck', { replicas: 1 });
      d.spec!.progressDeadlineSeconds = 10;
      await deployments.create(d);
      const created = await h.waitFor('progressing', async () => {
        const c = (await deployments.get('stuck')).status?.conditions?.find((x) => x.type === 'Progressing');
        return c?.status === 'True' ? c : undefined;
      });
      assert.match(created.message ?? '', /^(Created new replica set|ReplicaSet) "stuck-[a-z0-9]+"/);
      // No pod ever becomes ready: after the deadline the rollout is reported as failed.
      const failed = await h.waitFor('timed out', async () => {
        clock.advance(1000);
        const c = (await deployments.get('stuck')).status?.conditions?.find((x) => x.type === 'Progressing');
        return c?.reason === 'ProgressDeadlineExceeded' ? c : undefined;
      });
      assert.equal(failed.status, 'False');
      assert.match(failed.message ?? '', /^ReplicaSet "stuck-[a-z0-9]+" has timed out progressing\.$/);
    } finally {
      await h.stop();
    }
  });

  test('DeploymentController honours the deprecated rollbackTo annotation', async () => {
    await withControllers(async (h) => {
      const { deployments, events } = clients(h);
      await deployments.create(deployment('old', { replicas: 1 }));
      await rollOut(h, 'old');
      await deployments.patch('old', { spec: { template: { spec: { containers: [{ name: 'c', image: 'nginx:2' }] } } } }, 'strategic');
      await rollOut(h, 'old');
      await deployments.patch('old', { metadata: { annotations: { 'deprecated.deployment.rollback.to': '1' } } }, 'merge');
      const d = await h.waitFor('rolled back', async () => {
        const x = await deployments.get('old');
        const image = (x.spec?.template?.spec?.containers as { image?: string }[] | undefined)?.[0]?.image;
        return image === 'nginx:1' && !x.metadata.annotations?.['deprecated.deployment.rollback.to'] ? x : undefined;
      });
      assert.equal(d.spec?.template?.metadata?.labels?.['pod-template-hash'], undefined);
      const ev = await h.waitFor('rollback event', async () => (await events.list()).items.find((e) => e.reason === 'DeploymentRollback'));
      assert.equal(ev.message, 'Rolled back deployment "old" to revision 1');
      await rollOut(h, 'old');
    });
  });
});
