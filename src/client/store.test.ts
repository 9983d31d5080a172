import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../api/types.js';
import { Store, objectKey, splitObjectKey, NAMESPACE_INDEX, namespaceIndexFunc } from './store.js';

const obj = (name: string, namespace?: string, labels: Record<string, string> = {}): KubeObject => ({ apiVersion: 'v1', kind: 'X', metadata: { name, namespace, labels } });

test('objectKey and splitObjectKey round-trip', () => {
  for (const [o, key] of [[obj('a', 'ns'), 'ns/a'], [obj('n1'), 'n1']] as const) {
    assert.equal(objectKey(o), key);
    assert.deepEqual(splitObjectKey(key), o.metadata.namespace ? { namespace: o.metadata.namespace, name: o.metadata.name } : { name: o.metadata.name });
  }
});

test('Store indexes existing and later objects and unindexes on change', () => {
  const s = new Store<KubeObject>();
  s.set(obj('a', 'ns1', { app: 'web' }));
  s.addIndexer(NAMESPACE_INDEX, namespaceIndexFunc);
  s.addIndexer('app', (o) => (o.metadata.labels?.['app'] ? [o.metadata.labels['app']] : []));
  s.set(obj('b', 'ns2', { app: 'web' }));
  assert.deepEqual(s.byIndex('app', 'web').map(objectKey).sort(), ['ns1/a', 'ns2/b']);
  assert.deepEqual(s.byIndex(NAMESPACE_INDEX, 'ns1').map(objectKey), ['ns1/a']);
  s.set(obj('a', 'ns1', { app: 'db' }));
  assert.deepEqual(s.byIndex('app', 'web').map(objectKey), ['ns2/b']);
  s.delete('ns2/b');
  assert.deepEqual(s.indexValues('app'), ['db']);
  assert.equal(s.size, 1);
  assert.throws(() => s.byIndex('nope', 'x'), /index "nope" does not exist/);
  assert.throws(() => s.addIndexer('app', () => []), /already exists/);
});
