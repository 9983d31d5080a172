import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { SelectorOwner, Service } from './api-types.js';
import { defaultSelector } from './default-selector.js';
import { makePod } from './testing/fixtures.js';

test('defaultSelector merges matching services and the owning ReplicaSet selector', () => {
  const svc = (name: string, selector: Record<string, string>): Service => ({ apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: 'default' }, spec: { selector } });
  const rs: SelectorOwner = { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'web-1', namespace: 'default' }, spec: { selector: { matchLabels: { app: 'web', hash: '1' } } } };
  const pod = makePod('p', { labels: { app: 'web', tier: 'fe', hash: '1' } });
  pod.metadata.ownerReferences = [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-1', uid: 'u', controller: true }];
  const sel = defaultSelector(pod, {
    servicesIn: () => [svc('fe', { tier: 'fe' }), svc('other', { app: 'db' })],
    replicaSet: (_ns, name) => (name === 'web-1' ? rs : undefined),
    statefulSet: () => undefined,
  });
  assert.equal(sel.toString(), 'app=web,hash=1,tier=fe');
  const lonely = defaultSelector(makePod('q', { labels: { x: 'y' } }), { servicesIn: () => [], replicaSet: () => undefined, statefulSet: () => undefined });
  assert.equal(lonely.isEmpty(), true);
});
