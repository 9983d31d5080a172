import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject, OwnerReference } from '../../api/types.js';
import { findResource } from '../../api/resources.js';
import { startHarness } from '../testing/index.js';
import { DEPLOYMENTS, REPLICASETS } from '../runtime/resources.js';
import type { Deployment, ReplicaSet } from '../runtime/types.js';
import { STATEFULSETS } from './disruption-controller.js';
import type { StatefulSet } from './types.js';
import { workloadScaleFinder } from './workload-scale-finder.js';

const NS = 'default';
const TEMPLATE = { metadata: { labels: { app: 'x' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } };

function refTo(obj: KubeObject, over: Partial<OwnerReference> = {}): OwnerReference {
  return { apiVersion: obj.apiVersion, kind: obj.kind, name: obj.metadata.name ?? '', uid: obj.metadata.uid ?? '', controller: true, ...over };
}

describe('workloadScaleFinder', () => {
  test('workloadScaleFinder resolves pods\' controllers to the workload that sets their scale', async () => {
    const h = await startHarness();
    try {
      const rsInformer = h.informers.informerFor<ReplicaSet>(REPLICASETS);
      const dInformer = h.informers.informerFor<Deployment>(DEPLOYMENTS);
      const ssInformer = h.informers.informerFor<StatefulSet>(STATEFULSETS);
      const find = workloadScaleFinder({ replicaSets: rsInformer, deployments: dInformer, statefulSets: ssInformer, client: h.client });

      const d = await h.client.resource<Deployment>(DEPLOYMENTS, NS).create({
        apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' }, spec: { replicas: 7, selector: { matchLabels: { app: 'x' } }, template: TEMPLATE },
      });
      const rsOf = (name: string, replicas: number, owner?: OwnerReference) => h.client.resource<ReplicaSet>(REPLICASETS, NS).create({
        apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name, ownerReferences: owner ? [owner] : undefined },
        spec: { replicas, selector: { matchLabels: { app: 'x' } }, template: TEMPLATE },
      });
      const owned = await rsOf('owned', 2, refTo(d));
      const bare = await rsOf('bare', 3);
      // Its Deployment is gone: upstream then falls back to the ReplicaSet's own scale subresource.
      const orphaned = await rsOf('orphaned', 4, { apiVersion: 'apps/v1', kind: 'Deployment', name: 'gone', uid: 'gone-uid', controller: true });
      const ss = await h.client.resource<StatefulSet>(STATEFULSETS, NS).create({
        apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 's' }, spec: { replicas: 5, serviceName: 's', selector: { matchLabels: { app: 'x' } }, template: TEMPLATE },
      });
      const dsInfo = findResource('apps', 'v1', 'daemonsets');
      assert.ok(dsInfo);
      const ds = await h.client.resource(dsInfo, NS).create({
        apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'ds' }, spec: { selector: { matchLabels: { app: 'x' } }, template: TEMPLATE },
      });

      h.run();
      await h.waitFor('caches', async () => (await h.informers.waitForCacheSync(h.signal)) && rsInformer.list().length === 3 && dInformer.list().length === 1 && ssInformer.list().length === 1);

      const cases: { name: string; ref: OwnerReference; want: { uid: string; scale: number } | undefined }[] = [
        { name: 'a Deployment\'s ReplicaSet', ref: refTo(owned), want: { uid: d.metadata.uid ?? '', scale: 7 } },
        { name: 'a bare ReplicaSet', ref: refTo(bare), want: { uid: bare.metadata.uid ?? '', scale: 3 } },
        { name: 'a ReplicaSet whose Deployment is gone', ref: refTo(orphaned), want: { uid: orphaned.metadata.uid ?? '', scale: 4 } },
        { name: 'a StatefulSet', ref: refTo(ss), want: { uid: ss.metadata.uid ?? '', scale: 5 } },
        { name: 'a ReplicaSet with another uid', ref: refTo(bare, { uid: 'other' }), want: undefined },
        { name: 'a missing StatefulSet', ref: refTo(ss, { name: 'nope' }), want: undefined },
      ];
      for (const c of cases) {
        assert.deepEqual(await find(c.ref, NS), c.want, c.name);
      }

      const failures: { name: string; ref: OwnerReference; message: string }[] = [
        { name: 'a kind without scale', ref: refTo(ds), message: 'daemonsets.apps does not implement the scale subresource' },
        { name: 'a kind not served', ref: { apiVersion: 'v1', kind: 'ReplicationController', name: 'rc', uid: 'u' }, message: 'no matches for kind "ReplicationController" in version "v1"' },
        { name: 'a malformed apiVersion', ref: { apiVersion: 'a/b/c', kind: 'Thing', name: 't', uid: 'u' }, message: 'unexpected GroupVersion string: a/b/c' },
      ];
      for (const f of failures) {
        await assert.rejects(find(f.ref, NS), { message: f.message }, f.name);
      }
    } finally {
      await h.stop();
    }
  });
});
