import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { nodeConditions, nodeIsReady, simNodeObject, simNodeStatus, type SimNodeSpec } from './node-object.js';
import { renewedNodeLease } from './node-lease.js';
import type { NodeLease } from './types.js';

const spec: SimNodeSpec = { name: 'sim-7', internalIP: '10.240.0.8', cpu: '4', memory: '16Gi', maxPods: 110 };
const t0 = Date.UTC(2026, 0, 1);

describe('simNodeObject', () => {
  test('simNodeObject carries the kubelet labels, capacity, addresses and node info', () => {
    const n = simNodeObject(spec, t0);
    assert.equal(n.metadata.name, 'sim-7');
    assert.deepEqual(n.metadata.labels, {
      'beta.kubernetes.io/arch': 'amd64', 'beta.kubernetes.io/os': 'linux', 'kubernetes.io/arch': 'amd64',
      'kubernetes.io/hostname': 'sim-7', 'kubernetes.io/os': 'linux', type: 'kite-sim',
    });
    const s = n.status!;
    assert.deepEqual(s.capacity, { cpu: '4', 'ephemeral-storage': '100Gi', memory: '16Gi', pods: '110' });
    assert.deepEqual(s.allocatable, s.capacity);
    assert.deepEqual(s.addresses, [{ type: 'InternalIP', address: '10.240.0.8' }, { type: 'Hostname', address: 'sim-7' }]);
    assert.deepEqual(s.daemonEndpoints, { kubeletEndpoint: { Port: 10250 } });
    assert.equal(s.nodeInfo?.['kubeletVersion'], 'v1.34.0-kite');
    assert.equal(s.nodeInfo?.['containerRuntimeVersion'], 'sim://0.1');
    assert.equal(s.nodeInfo?.['operatingSystem'], 'linux');
    assert.equal(s.nodeInfo?.['architecture'], 'amd64');
    assert.match(s.nodeInfo?.['systemUUID'] ?? '', /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    assert.deepEqual(s.conditions?.map((c) => [c.type, c.status, c.reason]), [
      ['MemoryPressure', 'False', 'KubeletHasSufficientMemory'],
      ['DiskPressure', 'False', 'KubeletHasNoDiskPressure'],
      ['PIDPressure', 'False', 'KubeletHasSufficientPID'],
      ['Ready', 'True', 'KubeletReady'],
    ]);
    assert.equal(s.conditions?.[3]?.message, 'kubelet is posting ready status');
    assert.ok(nodeIsReady(n));
  });
});

describe('nodeConditions', () => {
  test('nodeConditions moves heartbeats, keeps unchanged transitions and foreign conditions', () => {
    const first = nodeConditions(undefined, t0);
    const unknown = first.map((c) => (c.type === 'Ready' ? { ...c, status: 'Unknown', reason: 'NodeStatusUnknown' } : c));
    const later = nodeConditions([...unknown, { type: 'NetworkUnavailable', status: 'False', lastTransitionTime: 'x' }], t0 + 60_000);
    const by = new Map(later.map((c) => [c.type, c]));
    assert.equal(by.get('MemoryPressure')?.lastTransitionTime, '2026-01-01T00:00:00Z');
    assert.equal(by.get('MemoryPressure')?.lastHeartbeatTime, '2026-01-01T00:01:00Z');
    assert.equal(by.get('Ready')?.status, 'True');
    assert.equal(by.get('Ready')?.lastTransitionTime, '2026-01-01T00:01:00Z');
    assert.deepEqual(by.get('NetworkUnavailable'), { type: 'NetworkUnavailable', status: 'False', lastTransitionTime: 'x' });
  });

  test('simNodeStatus honours a custom ephemeral storage size', () => {
    assert.equal(simNodeStatus({ ...spec, ephemeralStorage: '1Ti' }, undefined, t0).capacity?.['ephemeral-storage'], '1Ti');
  });
});

describe('renewedNodeLease', () => {
  test('renewedNodeLease makes a new lease owned by the node', () => {
    const l = renewedNodeLease(undefined, { nodeName: 'sim-7', nodeUid: 'uid-7', durationSeconds: 40, now: t0 + 1234 });
    assert.deepEqual(l, {
      apiVersion: 'coordination.k8s.io/v1', kind: 'Lease',
      metadata: { name: 'sim-7', namespace: 'kube-node-lease', ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name: 'sim-7', uid: 'uid-7' }] },
      spec: { holderIdentity: 'sim-7', leaseDurationSeconds: 40, renewTime: '2026-01-01T00:00:01.234000Z' },
    });
  });

  test('renewedNodeLease keeps the resourceVersion and does not touch its input', () => {
    const base: NodeLease = { apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name: 'sim-7', namespace: 'kube-node-lease', resourceVersion: '42' }, spec: { holderIdentity: 'other', leaseTransitions: 2, renewTime: 'old' } };
    const l = renewedNodeLease(base, { nodeName: 'sim-7', durationSeconds: 40, now: t0 });
    assert.equal(l.metadata.resourceVersion, '42');
    assert.equal(l.metadata.ownerReferences, undefined);
    assert.deepEqual(l.spec, { holderIdentity: 'sim-7', leaseDurationSeconds: 40, renewTime: '2026-01-01T00:00:00.000000Z', leaseTransitions: 2 });
    assert.equal(base.spec?.renewTime, 'old');
  });
});
