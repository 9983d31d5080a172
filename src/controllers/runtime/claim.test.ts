import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject, OwnerReference } from '../../api/types.js';
import { StatusError } from '../../machinery/errors.js';
import { claimObjects } from './claim.js';

const owner: KubeObject = { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'rs', namespace: 'ns', uid: 'rs-uid' } };
const mine: OwnerReference = { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'rs', uid: 'rs-uid', controller: true, blockOwnerDeletion: true };
const theirs: OwnerReference = { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'other', uid: 'other-uid', controller: true };

function pod(name: string, o: { labels?: Record<string, string>; refs?: OwnerReference[]; deleting?: boolean; namespace?: string } = {}): KubeObject {
  return {
    apiVersion: 'v1', kind: 'Pod',
    metadata: { name, namespace: o.namespace ?? 'ns', labels: o.labels ?? { app: 'web' }, ownerReferences: o.refs, ...(o.deleting ? { deletionTimestamp: '2026-01-01T00:00:00Z' } : {}) },
  };
}

const match = (p: KubeObject): boolean => p.metadata.labels?.['app'] === 'web';

describe('claimObjects', () => {
  const cases: { name: string; objects: KubeObject[]; owner?: KubeObject; canAdopt?: () => Promise<void>; claimed: string[]; writes: Record<string, string[]>; errors?: number }[] = [
    { name: 'claims owned and matching', objects: [pod('a', { refs: [mine] })], claimed: ['a'], writes: {} },
    { name: 'ignores objects owned by others', objects: [pod('a', { refs: [theirs] })], claimed: [], writes: {} },
    { name: 'releases owned objects that no longer match', objects: [pod('a', { refs: [mine], labels: { app: 'x' } })], claimed: [], writes: { a: [] } },
    { name: 'adopts matching orphans', objects: [pod('a')], claimed: ['a'], writes: { a: ['rs-uid'] } },
    { name: 'skips orphans that do not match', objects: [pod('a', { labels: { app: 'x' } })], claimed: [], writes: {} },
    { name: 'skips orphans being deleted', objects: [pod('a', { deleting: true })], claimed: [], writes: {} },
    { name: 'skips orphans in another namespace', objects: [pod('a', { namespace: 'other' })], claimed: [], writes: {} },
    { name: 'keeps non-controller owner references when adopting', objects: [pod('a', { refs: [{ ...theirs, controller: false }] })], claimed: ['a'], writes: { a: ['other-uid', 'rs-uid'] } },
    { name: 'neither adopts nor releases while the owner is being deleted', owner: { ...owner, metadata: { ...owner.metadata, deletionTimestamp: '2026-01-01T00:00:00Z' } }, objects: [pod('a'), pod('b', { refs: [mine], labels: { app: 'x' } }), pod('c', { refs: [mine] })], claimed: ['c'], writes: {} },
    { name: 'does not adopt when the recheck fails', canAdopt: async () => { throw new Error('gone'); }, objects: [pod('a'), pod('b')], claimed: [], writes: {}, errors: 2 },
  ];
  for (const c of cases) {
    test(`claimObjects ${c.name}`, async () => {
      const writes: Record<string, string[]> = {};
      let checks = 0;
      const res = await claimObjects({
        owner: c.owner ?? owner, ownerApiVersion: 'apps/v1', ownerKind: 'ReplicaSet', objects: c.objects, match,
        canAdopt: async () => { checks++; await c.canAdopt?.(); },
        setOwnerReferences: async (obj, refs) => { writes[obj.metadata.name ?? ''] = refs.map((r) => r.uid); },
      });
      assert.deepEqual(res.claimed.map((p) => p.metadata.name), c.claimed);
      assert.deepEqual(writes, c.writes);
      assert.equal(res.errors.length, c.errors ?? 0);
      assert.ok(checks <= 1, 'the owner is rechecked at most once');
    });
  }

  test('claimObjects ignores objects that vanished while adopting', async () => {
    const res = await claimObjects({
      owner, ownerApiVersion: 'apps/v1', ownerKind: 'ReplicaSet', objects: [pod('a')], match, canAdopt: async () => {},
      setOwnerReferences: async () => { throw new StatusError(404, 'NotFound', 'pods "a" not found'); },
    });
    assert.deepEqual({ claimed: res.claimed.length, errors: res.errors.length }, { claimed: 0, errors: 0 });
  });
});
