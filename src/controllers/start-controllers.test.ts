import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { silentLogger } from '../client/logger.js';
import { startHarness } from './testing/index.js';
import { DEPLOYMENTS, PODS } from './runtime/resources.js';
import type { Deployment, Pod } from './runtime/types.js';
import { startControllers } from './start-controllers.js';
import type { Controller } from './runtime/controller.js';

describe('startControllers', () => {
  test('startControllers runs every controller until the signal aborts', async () => {
    const h = await startHarness();
    const ac = new AbortController();
    let started: readonly Controller[] = [];
    const done = startControllers(h.client, { logger: silentLogger, onStart: (cs) => { started = cs; } }, ac.signal);
    try {
      assert.deepEqual(started.map((c) => c.name), [
        'replicaset-controller', 'deployment-controller', 'garbage-collector-controller', 'namespace-controller', 'node-controller', 'taint-eviction-controller', 'disruption-controller',
      ]);
      await h.client.resource<Deployment>(DEPLOYMENTS, 'default').create({
        apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' },
        spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } },
      });
      await h.waitFor('pods', async () => ((await h.client.resource<Pod>(PODS, 'default').list()).items.length === 2 ? true : undefined));
    } finally {
      ac.abort();
      await done;
      await h.stop();
    }
  });
});
