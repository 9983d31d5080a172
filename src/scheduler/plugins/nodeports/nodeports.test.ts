import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CycleState } from '../../framework/cycle-state.js';
import { NodeInfo } from '../../framework/node-info.js';
import { info, makeNode, makePod } from '../../testing/fixtures.js';
import { NodePorts } from './nodeports.js';

test('NodePorts filter rejects nodes whose host ports are taken', () => {
  const pl = new NodePorts();
  const ni = new NodeInfo('n', makeNode('n'));
  ni.addPod(info(makePod('q', { hostPorts: [8080] })));
  assert.equal(pl.preFilter(new CycleState(), info(makePod('p'))).code, 'Skip');
  const s = pl.filter(new CycleState(), info(makePod('p', { hostPorts: [8080] })), ni);
  assert.equal(s.code, 'Unschedulable');
  assert.deepEqual(s.reasons, ["node(s) didn't have free ports for the requested pod ports"]);
  assert.equal(pl.filter(new CycleState(), info(makePod('p', { hostPorts: [9090] })), ni).code, 'Success');
});
