import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject, OwnerReference } from '../../api/types.js';
import { OwnerGraph } from './graph.js';

function obj(kind: string, name: string, o: { owners?: OwnerReference[]; deleting?: boolean; finalizers?: string[] } = {}): KubeObject {
  return {
    apiVersion: kind === 'Pod' ? 'v1' : 'apps/v1', kind,
    metadata: { name, namespace: 'ns', uid: `uid-${name}`, ownerReferences: o.owners, finalizers: o.finalizers, ...(o.deleting ? { deletionTimestamp: '2026-01-01T00:00:00Z' } : {}) },
  };
}
const ref = (kind: string, name: string, block = true): OwnerReference => ({ apiVersion: 'apps/v1', kind, name, uid: `uid-${name}`, controller: true, blockOwnerDeletion: block });

describe('OwnerGraph', () => {
  test('OwnerGraph links dependents to owners and makes virtual owners', () => {
    const g = new OwnerGraph();
    const a = g.observe(obj('Pod', 'p', { owners: [ref('ReplicaSet', 'rs')] }));
    assert.deepEqual(a, { attemptToDelete: ['uid-rs'], attemptToOrphan: [] }, 'a virtual owner is checked');
    assert.equal(g.get('uid-rs')?.observed, false);
    assert.deepEqual(g.observe(obj('ReplicaSet', 'rs')), { attemptToDelete: [], attemptToOrphan: [] });
    assert.equal(g.get('uid-rs')?.observed, true);
    assert.deepEqual([...g.get('uid-rs')!.dependents], ['uid-p']);
  });

  test('OwnerGraph deleting an owner queues its dependents', () => {
    const g = new OwnerGraph();
    g.observe(obj('ReplicaSet', 'rs'));
    g.observe(obj('Pod', 'p1', { owners: [ref('ReplicaSet', 'rs')] }));
    g.observe(obj('Pod', 'p2', { owners: [ref('ReplicaSet', 'rs')] }));
    assert.deepEqual(g.remove(obj('ReplicaSet', 'rs')).attemptToDelete.sort(), ['uid-p1', 'uid-p2']);
    assert.equal(g.get('uid-rs'), undefined);
  });

  test('OwnerGraph foreground deletion queues dependents and the owner', () => {
    const g = new OwnerGraph();
    const rs = obj('ReplicaSet', 'rs');
    g.observe(rs);
    g.observe(obj('Pod', 'p', { owners: [ref('ReplicaSet', 'rs')] }));
    const a = g.observe(obj('ReplicaSet', 'rs', { deleting: true, finalizers: ['foregroundDeletion'] }), rs);
    assert.deepEqual(a.attemptToDelete, ['uid-p', 'uid-rs']);
    assert.equal(g.get('uid-rs')?.deletingDependents, true);
    assert.deepEqual(g.blockingDependents('uid-rs').map((n) => n.identity.name), ['p']);
    // The dependent goes: the owner is looked at again.
    assert.deepEqual(g.remove(obj('Pod', 'p')).attemptToDelete, ['uid-rs']);
  });

  test('OwnerGraph orphan finalizer queues the owner for orphaning once', () => {
    const g = new OwnerGraph();
    const d = obj('Deployment', 'd');
    g.observe(d);
    const deleting = obj('Deployment', 'd', { deleting: true, finalizers: ['orphan'] });
    assert.deepEqual(g.observe(deleting, d).attemptToOrphan, ['uid-d']);
    assert.deepEqual(g.observe(deleting, deleting).attemptToOrphan, []);
  });

  test('OwnerGraph dropping a blocking reference unblocks a waiting owner', () => {
    const g = new OwnerGraph();
    g.observe(obj('ReplicaSet', 'rs', { deleting: true, finalizers: ['foregroundDeletion'] }));
    const p = obj('Pod', 'p', { owners: [ref('ReplicaSet', 'rs')] });
    g.observe(p);
    assert.deepEqual(g.observe(obj('Pod', 'p', { owners: [ref('ReplicaSet', 'rs', false)] }), p).attemptToDelete, ['uid-rs']);
    assert.deepEqual(g.blockingDependents('uid-rs'), []);
  });

  test('OwnerGraph virtualDelete drops only virtual nodes', () => {
    const g = new OwnerGraph();
    g.observe(obj('Pod', 'p', { owners: [ref('ReplicaSet', 'gone')] }));
    assert.deepEqual(g.virtualDelete('uid-gone').attemptToDelete, ['uid-p']);
    assert.equal(g.get('uid-gone'), undefined);
    g.observe(obj('ReplicaSet', 'real'));
    assert.deepEqual(g.virtualDelete('uid-real').attemptToDelete, []);
    assert.ok(g.get('uid-real'));
  });
});
