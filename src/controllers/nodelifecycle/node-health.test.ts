import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Lease } from '../../client/leader-election.js';
import type { Node } from '../runtime/types.js';
import { NodeHealthTracker } from './node-health.js';

const T0 = Date.UTC(2026, 0, 1);
const iso = (ms: number): string => new Date(ms).toISOString().replace('.000Z', 'Z');
const GRACE = 50_000;

function node(o: { heartbeat?: number; ready?: boolean } = {}): Node {
  return {
    apiVersion: 'v1', kind: 'Node', metadata: { name: 'n1', creationTimestamp: iso(T0) },
    status: o.ready === undefined ? { conditions: [] } : {
      conditions: [
        { type: 'Ready', status: o.ready ? 'True' : 'False', lastHeartbeatTime: iso(o.heartbeat ?? T0), lastTransitionTime: iso(T0), reason: 'KubeletReady', message: 'kubelet is posting ready status' },
        { type: 'MemoryPressure', status: 'False', lastHeartbeatTime: iso(o.heartbeat ?? T0), lastTransitionTime: iso(T0) },
      ],
    },
  };
}
const lease = (renew: number): Lease => ({ apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name: 'n1', namespace: 'kube-node-lease' }, spec: { renewTime: new Date(renew).toISOString() } });

describe('NodeHealthTracker', () => {
  test('NodeHealthTracker keeps a node whose lease is renewed', () => {
    const t = new NodeHealthTracker({ gracePeriodMs: GRACE, startupGracePeriodMs: 60_000 });
    const n = node({ ready: true });
    for (let at = T0; at <= T0 + 200_000; at += 5000) {
      const r = t.evaluate(n, lease(at), at);
      assert.equal(r.updatedNode, undefined, `no update at +${at - T0}`);
    }
  });

  test('NodeHealthTracker marks conditions Unknown after the grace period without renewals', () => {
    const t = new NodeHealthTracker({ gracePeriodMs: GRACE, startupGracePeriodMs: 60_000 });
    const n = node({ ready: true });
    assert.equal(t.evaluate(n, lease(T0), T0).updatedNode, undefined);
    assert.equal(t.evaluate(n, lease(T0), T0 + GRACE).updatedNode, undefined, 'not before the grace period is over');
    const r = t.evaluate(n, lease(T0), T0 + GRACE + 1000);
    const ready = r.updatedNode?.status?.conditions?.find((c) => c.type === 'Ready');
    assert.deepEqual([ready?.status, ready?.reason, ready?.message, ready?.lastTransitionTime, ready?.lastHeartbeatTime], ['Unknown', 'NodeStatusUnknown', 'Kubelet stopped posting node status.', iso(T0 + GRACE + 1000), iso(T0)]);
    assert.equal(r.observedReady.status, 'True');
    assert.deepEqual(r.updatedNode?.status?.conditions?.map((c) => [c.type, c.status]), [['Ready', 'Unknown'], ['MemoryPressure', 'Unknown'], ['DiskPressure', 'Unknown'], ['PIDPressure', 'Unknown']]);
    assert.equal(r.updatedNode?.status?.conditions?.find((c) => c.type === 'DiskPressure')?.reason, 'NodeStatusNeverUpdated');
    // Once written, nothing more to do.
    t.recordWrite(r.updatedNode!, T0 + GRACE + 1000);
    assert.equal(t.evaluate(r.updatedNode!, lease(T0), T0 + GRACE + 6000).updatedNode, undefined);
  });

  test('NodeHealthTracker counts new heartbeats as signs of life', () => {
    const t = new NodeHealthTracker({ gracePeriodMs: GRACE, startupGracePeriodMs: 60_000 });
    t.evaluate(node({ ready: true, heartbeat: T0 }), undefined, T0);
    assert.equal(t.evaluate(node({ ready: true, heartbeat: T0 + 40_000 }), undefined, T0 + 40_000).updatedNode, undefined);
    assert.equal(t.evaluate(node({ ready: true, heartbeat: T0 + 40_000 }), undefined, T0 + 80_000).updatedNode, undefined);
    assert.ok(t.evaluate(node({ ready: true, heartbeat: T0 + 40_000 }), undefined, T0 + 91_000).updatedNode);
  });

  test('NodeHealthTracker gives a node that never posted status the startup grace period', () => {
    const t = new NodeHealthTracker({ gracePeriodMs: GRACE, startupGracePeriodMs: 60_000 });
    assert.equal(t.evaluate(node(), undefined, T0 + 59_000).updatedNode, undefined);
    const r = t.evaluate(node(), undefined, T0 + 61_000);
    const ready = r.updatedNode?.status?.conditions?.find((c) => c.type === 'Ready');
    assert.deepEqual([ready?.status, ready?.reason, ready?.message], ['Unknown', 'NodeStatusNeverUpdated', 'Kubelet never posted node status.']);
  });
});
