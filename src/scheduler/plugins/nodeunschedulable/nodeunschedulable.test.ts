import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CycleState } from '../../framework/cycle-state.js';
import { NodeInfo } from '../../framework/node-info.js';
import { info, makeNode, makePod } from '../../testing/fixtures.js';
import { NodeUnschedulable } from './nodeunschedulable.js';

test('NodeUnschedulable filter rejects cordoned nodes unless the pod tolerates the unschedulable taint', () => {
  const pl = new NodeUnschedulable();
  const cordoned = new NodeInfo('n', makeNode('n', { unschedulable: true }));
  const s = pl.filter(new CycleState(), info(makePod('p')), cordoned);
  assert.equal(s.code, 'UnschedulableAndUnresolvable');
  assert.deepEqual(s.reasons, ['node(s) were unschedulable']);
  const tolerant = info(makePod('p', { tolerations: [{ key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' }] }));
  assert.equal(pl.filter(new CycleState(), tolerant, cordoned).code, 'Success');
  assert.equal(pl.filter(new CycleState(), info(makePod('p')), new NodeInfo('m', makeNode('m'))).code, 'Success');
});
