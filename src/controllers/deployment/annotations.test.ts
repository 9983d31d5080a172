import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  DESIRED_REPLICAS_ANNOTATION, LAST_APPLIED_ANNOTATION, MAX_REPLICAS_ANNOTATION, REVISION_ANNOTATION, REVISION_HISTORY_ANNOTATION,
  lastRevision, maxRevision, setDeploymentAnnotationsTo, setNewReplicaSetAnnotations,
} from './annotations.js';
import { deployment, replicaSet } from './test-fixtures.js';

describe('revision annotations', () => {
  const rss = [replicaSet({ name: 'a', replicas: 0, revision: 3 }), replicaSet({ name: 'b', replicas: 0, revision: 7 }), replicaSet({ name: 'c', replicas: 0 })];
  test('maxRevision and lastRevision', () => assert.deepEqual([maxRevision(rss), lastRevision(rss)], [7, 3]));

  test('setNewReplicaSetAnnotations on a new set copies annotations and sets revision and replicas', () => {
    const d = deployment({ replicas: 4, maxSurge: 1, annotations: { 'kubernetes.io/change-cause': 'v2', [LAST_APPLIED_ANNOTATION]: '{}', [REVISION_ANNOTATION]: '9' } });
    const rs = replicaSet({ name: 'n', replicas: 0 });
    assert.equal(setNewReplicaSetAnnotations(d, rs, 5, false), true);
    assert.deepEqual(rs.metadata.annotations, {
      'kubernetes.io/change-cause': 'v2', [REVISION_ANNOTATION]: '5', [DESIRED_REPLICAS_ANNOTATION]: '4', [MAX_REPLICAS_ANNOTATION]: '5',
    });
  });

  test('setNewReplicaSetAnnotations on a reused set records the revision history', () => {
    const d = deployment();
    const rs = replicaSet({ name: 'old', replicas: 0, revision: 2 });
    rs.metadata.annotations![REVISION_HISTORY_ANNOTATION] = '1';
    assert.equal(setNewReplicaSetAnnotations(d, rs, 4, true), true);
    assert.equal(rs.metadata.annotations![REVISION_ANNOTATION], '4');
    assert.equal(rs.metadata.annotations![REVISION_HISTORY_ANNOTATION], '1,2');
    assert.equal(rs.metadata.annotations![DESIRED_REPLICAS_ANNOTATION], undefined);
  });

  test('setNewReplicaSetAnnotations never lowers a revision', () => {
    const rs = replicaSet({ name: 'x', replicas: 0, revision: 6 });
    assert.equal(setNewReplicaSetAnnotations(deployment(), rs, 4, true), false);
    assert.equal(rs.metadata.annotations![REVISION_ANNOTATION], '6');
  });

  test('setNewReplicaSetAnnotations trims the revision history to the character limit', () => {
    const rs = replicaSet({ name: 'x', replicas: 0, revision: 5 });
    rs.metadata.annotations![REVISION_HISTORY_ANNOTATION] = '1,2,3';
    setNewReplicaSetAnnotations(deployment(), rs, 6, true, 6);
    assert.equal(rs.metadata.annotations![REVISION_HISTORY_ANNOTATION], '2,3,5');
  });

  test('setDeploymentAnnotationsTo takes the set annotations but keeps the skipped ones', () => {
    const d = deployment({ annotations: { [REVISION_ANNOTATION]: '3', 'kubernetes.io/change-cause': 'new' } });
    const rs = replicaSet({ name: 'x', replicas: 0, revision: 1 });
    rs.metadata.annotations!['kubernetes.io/change-cause'] = 'old';
    setDeploymentAnnotationsTo(d, rs);
    assert.deepEqual(d.metadata.annotations, { [REVISION_ANNOTATION]: '3', 'kubernetes.io/change-cause': 'old' });
  });
});
