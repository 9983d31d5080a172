import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../api/types.js';
import { silentLogger } from '../../client/logger.js';
import { isStatusError } from '../../machinery/errors.js';
import type { Requester } from '../../client/requester.js';
import { startHarness } from '../testing/index.js';
import { DEPLOYMENTS, NAMESPACES, PODS } from '../runtime/resources.js';
import type { Deployment, Namespace, Pod } from '../runtime/types.js';
import { ReplicaSetController } from '../replicaset/replicaset-controller.js';
import { DeploymentController } from '../deployment/deployment-controller.js';
import { GarbageCollector } from '../garbagecollector/garbage-collector.js';
import { NamespaceController } from './namespace-controller.js';

const CONFIGMAPS = { group: '', version: 'v1', resource: 'configmaps', namespaced: true };

describe('NamespaceController', () => {
  test('NamespaceController empties a deleted namespace, then it goes away', async () => {
    const h = await startHarness();
    try {
      h.run(
        new ReplicaSetController(h.client, h.informers, { logger: silentLogger }),
        new DeploymentController(h.client, h.informers, { logger: silentLogger }),
        new GarbageCollector(h.client, h.informers, { logger: silentLogger }),
        new NamespaceController(h.client, h.informers, { logger: silentLogger, deletionGracePeriodMs: 0, maxRecheckMs: 200 }),
      );
      await h.createNamespace('team');
      const namespaces = h.client.resource<Namespace>(NAMESPACES);
      assert.deepEqual((await namespaces.get('team')).spec?.finalizers, ['kubernetes']);
      await h.client.resource<Deployment>(DEPLOYMENTS, 'team').create({
        apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' },
        spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } },
      });
      await h.client.resource<KubeObject>(CONFIGMAPS, 'team').create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg' } });
      // A pod bound to a node whose kubelet never finishes it: deleted once its grace period is over.
      await h.client.resource<Pod>(PODS, 'team').create({
        apiVersion: 'v1', kind: 'Pod', metadata: { name: 'stuck' },
        spec: { nodeName: 'dead-node', terminationGracePeriodSeconds: 1, containers: [{ name: 'c', image: 'x' }] },
      });
      await h.waitFor('pods', async () => ((await h.client.resource<Pod>(PODS, 'team').list()).items.length === 3 ? true : undefined));

      await namespaces.delete('team');
      const terminating = await namespaces.get('team');
      assert.equal(terminating.status?.phase, 'Terminating');
      await h.waitFor('namespace gone', async () => {
        try {
          await namespaces.get('team');
          return undefined;
        } catch (e) {
          if (isStatusError(e) && e.code === 404) return true;
          throw e;
        }
      }, 20_000);
      for (const ref of [PODS, DEPLOYMENTS, CONFIGMAPS]) {
        assert.equal((await h.client.resource<KubeObject>(ref, 'team').list()).items.length, 0, `${ref.resource} left`);
      }
    } finally {
      await h.stop();
    }
  });

  test('NamespaceController reads the namespace again after a conflicting finalize', async () => {
    let conflicts = 2;
    const conflictingFinalize = (inner: Requester): Requester => ({
      request: async (req, signal) => {
        if (req.method === 'PUT' && req.path.endsWith('/finalize') && conflicts > 0) {
          conflicts--;
          const status = { kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'Conflict', code: 409, message: 'the object has been modified' };
          return { status: 409, headers: { 'content-type': 'application/json' }, body: Buffer.from(JSON.stringify(status)) };
        }
        return inner.request(req, signal);
      },
      stream: (req, signal) => inner.stream(req, signal),
    });
    const h = await startHarness({ wrapRequester: conflictingFinalize });
    try {
      h.run(new NamespaceController(h.client, h.informers, { logger: silentLogger, deletionGracePeriodMs: 0, maxRecheckMs: 200 }));
      await h.createNamespace('empty');
      const namespaces = h.client.resource<Namespace>(NAMESPACES);
      await namespaces.delete('empty');
      await h.waitFor('namespace gone', async () => {
        try {
          await namespaces.get('empty');
          return undefined;
        } catch (e) {
          if (isStatusError(e) && e.code === 404) return true;
          throw e;
        }
      });
      assert.equal(conflicts, 0);
    } finally {
      await h.stop();
    }
  });
});
