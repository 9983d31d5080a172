import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { fieldValues, parseFieldPath } from './field-values.js';

const pod = {
  metadata: { name: 'p', deletionTimestamp: null, ownerReferences: [{ kind: 'ReplicaSet', name: 'rs' }, { kind: 'Job', name: 'j' }], labels: { 'a.b/c': 'x' } },
  spec: { restartPolicy: 'Never', hostNetwork: false, containers: [{ name: 'a', ports: [{ containerPort: 80 }] }] },
  status: { conditions: [{ type: 'Ready', status: 'True' }, { type: 'PodScheduled', status: 'True' }] },
};

describe('fieldValues', () => {
  const cases: [string, string, string[]][] = [
    ['a plain field', '.metadata.name', ['p']],
    ['a missing field', '.metadata.namespace', []],
    ['null as absent', '.metadata.deletionTimestamp', []],
    ['a boolean as text', '.spec.hostNetwork', ['false']],
    ['every element', '.metadata.ownerReferences.[].kind', ['ReplicaSet', 'Job']],
    ['every element without the dot', '.metadata.ownerReferences[].name', ['rs', 'j']],
    ['a filtered element', '.status.conditions.[type=Ready].status', ['True']],
    ['a filter matching nothing', '.status.conditions.[type=Initialized].status', []],
    ['nested lists', '.spec.containers.[].ports.[].containerPort', ['80']],
    ['an object as JSON', '.metadata.labels', ['{"a.b/c":"x"}']],
    ['a list on a non-list', '.metadata.name.[]', []],
  ];
  for (const [what, path, want] of cases) {
    test(`fieldValues reads ${what}`, () => assert.deepEqual(fieldValues(pod, path), want));
  }

  test('parseFieldPath rejects malformed paths', () => {
    for (const bad of ['metadata.name', '.a.[x]', '.a..b', '.a.[=v]']) {
      assert.throws(() => parseFieldPath(bad), /field path/, bad);
    }
  });
});
