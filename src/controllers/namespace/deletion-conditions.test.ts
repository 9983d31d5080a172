import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { failureConditions, updateConditions } from './deletion-conditions.js';

const T0 = Date.UTC(2026, 0, 1);

describe('namespace deletion conditions', () => {
  test('failureConditions reports remaining content and finalizers as upstream', () => {
    const c = failureConditions({ remaining: new Map([['pods.', 2], ['replicasets.apps', 1]]), finalizers: new Map([['foregroundDeletion', 1]]), errors: [] }, T0);
    assert.deepEqual(c.map((x) => [x.type, x.reason, x.message]), [
      ['NamespaceContentRemaining', 'SomeResourcesRemain', 'Some resources are remaining: pods. has 2 resource instances, replicasets.apps has 1 resource instances'],
      ['NamespaceFinalizersRemaining', 'SomeFinalizersRemain', 'Some content in the namespace has finalizers remaining: foregroundDeletion in 1 resource instances'],
    ]);
  });

  test('updateConditions fills in ok variants and detects no change', () => {
    const first = updateConditions([], [], T0);
    assert.equal(first.changed, true);
    assert.equal(first.conditions.length, 5);
    assert.deepEqual(first.conditions.find((c) => c.type === 'NamespaceContentRemaining'), {
      type: 'NamespaceContentRemaining', status: 'False', lastTransitionTime: '2026-01-01T00:00:00Z', reason: 'ContentRemoved', message: 'All content successfully removed',
    });
    assert.equal(updateConditions(first.conditions, [], T0 + 5000).changed, false);
    const failing = failureConditions({ remaining: new Map([['pods.', 1]]), finalizers: new Map(), errors: [] }, T0);
    const second = updateConditions(first.conditions, failing, T0);
    assert.equal(second.changed, true);
    assert.equal(second.conditions.find((c) => c.type === 'NamespaceContentRemaining')?.status, 'True');
  });
});
