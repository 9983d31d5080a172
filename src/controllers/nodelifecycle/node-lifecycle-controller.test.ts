import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { FakeClock } from '../../machinery/clock.js';
import { silentLogger } from '../../client/logger.js';
import { EVENTS, type CoreEvent } from '../../client/event-recorder.js';
import type { Lease } from '../../client/leader-election.js';
import { startHarness, type Harness } from '../testing/index.js';
import { NODES, NODE_LEASES, PODS } from '../runtime/resources.js';
import type { Node, Pod, Toleration } from '../runtime/types.js';
import { NodeLifecycleController } from './node-lifecycle-controller.js';
import { TaintEvictionController } from './taint-eviction-controller.js';

const iso = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
const micro = (ms: number): string => new Date(ms).toISOString().replace(/Z$/, '000Z');

function node(name: string, heartbeat: number): Node {
  return {
    apiVersion: 'v1', kind: 'Node', metadata: { name },
    status: { conditions: [
      { type: 'MemoryPressure', status: 'False', lastHeartbeatTime: iso(heartbeat), lastTransitionTime: iso(heartbeat), reason: 'KubeletHasSufficientMemory', message: 'kubelet has sufficient memory available' },
      { type: 'Ready', status: 'True', lastHeartbeatTime: iso(heartbeat), lastTransitionTime: iso(heartbeat), reason: 'KubeletReady', message: 'kubelet is posting ready status' },
    ] },
  };
}

function pod(name: string, nodeName: string, tolerations: Toleration[] = []): Pod {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default', labels: { app: 'x' } }, spec: { nodeName, tolerations, containers: [{ name: 'c', image: 'x' }] } };
}

describe('NodeLifecycleController and TaintEvictionController', () => {
  test('a silent node becomes Unknown, is tainted, and its pods are evicted per their tolerations', async () => {
    const h: Harness = await startHarness();
    const clock = new FakeClock(Date.now());
    try {
      const nodes = h.client.resource<Node>(NODES);
      const leases = h.client.resource<Lease>(NODE_LEASES, 'kube-node-lease');
      const pods = h.client.resource<Pod>(PODS, 'default');
      for (const n of ['n1', 'n2']) {
        await nodes.create(node(n, clock.now()));
        await leases.create({ apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name: n }, spec: { holderIdentity: n, leaseDurationSeconds: 40, renewTime: micro(clock.now()) } });
      }
      await pods.create(pod('evict-now', 'n1'));
      await pods.create(pod('evict-later', 'n1', [{ key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 }]));
      await pods.create(pod('stay', 'n1', [{ operator: 'Exists' }]));
      await pods.create(pod('safe', 'n2'));
      await h.makePodsReady('default');

      h.run(
        new NodeLifecycleController(h.client, h.informers, { clock, logger: silentLogger }),
        new TaintEvictionController(h.client, h.informers, { clock, logger: silentLogger }),
      );

      /** n2 keeps renewing its lease; n1 is silent. */
      const renew = async (names: string[]): Promise<void> => {
        for (const n of names) await leases.patch(n, { spec: { renewTime: micro(clock.now()) } }, 'merge');
      };
      const ticking = <T>(what: string, probe: () => Promise<T | undefined>, stepMs = 1000, alive = ['n2']): Promise<T> =>
        h.waitFor(what, async () => {
          await renew(alive);
          clock.advance(stepMs);
          await new Promise((r) => setTimeout(r, 10));
          return probe();
        }, 20_000);
      const readyOf = async (n: string) => (await nodes.get(n)).status?.conditions?.find((c) => c.type === 'Ready');

      // Nothing happens within the grace period.
      await ticking('registered', async () => ((await h.client.resource<CoreEvent>(EVENTS, 'default').list()).items.some((e) => e.reason === 'RegisteredNode') ? true : undefined));
      assert.equal((await readyOf('n1'))?.status, 'True');

      const unknown = await ticking('n1 Unknown', async () => {
        const r = await readyOf('n1');
        return r?.status === 'Unknown' ? r : undefined;
      }, 5000);
      assert.deepEqual([unknown.reason, unknown.message], ['NodeStatusUnknown', 'Kubelet stopped posting node status.']);
      assert.equal((await readyOf('n2'))?.status, 'True');

      const taints = await ticking('n1 tainted', async () => {
        const t = (await nodes.get('n1')).spec?.taints ?? [];
        return t.length === 2 ? t : undefined;
      });
      assert.deepEqual(taints.map((t) => [t.key, t.effect]).sort(), [['node.kubernetes.io/unreachable', 'NoExecute'], ['node.kubernetes.io/unreachable', 'NoSchedule']]);
      assert.ok(taints.every((t) => t.timeAdded));
      assert.equal((await nodes.get('n2')).spec?.taints, undefined);

      const evicted = await ticking('evict-now evicted', async () => {
        const p = await pods.get('evict-now');
        return p.metadata.deletionTimestamp ? p : undefined;
      }, 100);
      const dt = evicted.status?.conditions?.find((c) => c.type === 'DisruptionTarget');
      assert.deepEqual([dt?.status, dt?.reason, dt?.message], ['True', 'DeletionByTaintManager', 'Taint manager: deleting due to NoExecute taint']);
      const marked = await h.waitFor('eviction event', async () => (await h.client.resource<CoreEvent>(EVENTS, 'default').list()).items.find((e) => e.reason === 'TaintManagerEviction'));
      assert.equal(marked.message, 'Marking for deletion Pod default/evict-now');
      assert.equal(marked.source.component, 'taint-eviction-controller');
      // Pods on the silent node are no longer Ready.
      assert.equal((await pods.get('stay')).status?.conditions?.find((c) => c.type === 'Ready')?.status, 'False');
      assert.equal((await pods.get('evict-later')).metadata.deletionTimestamp, undefined);

      await ticking('evict-later evicted after 300s', async () => ((await pods.get('evict-later')).metadata.deletionTimestamp ? true : undefined), 10_000);
      assert.equal((await pods.get('stay')).metadata.deletionTimestamp, undefined);
      assert.equal((await pods.get('safe')).metadata.deletionTimestamp, undefined);

      // The kubelet comes back: the taints go.
      await nodes.patch('n1', { status: { conditions: node('n1', clock.now()).status?.conditions } }, 'strategic', { subresource: 'status' });
      await ticking('taints removed', async () => (((await nodes.get('n1')).spec?.taints ?? []).length === 0 ? true : undefined), 1000, ['n1', 'n2']);
    } finally {
      await h.stop();
    }
  });
});
