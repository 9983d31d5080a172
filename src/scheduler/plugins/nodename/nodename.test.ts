import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CycleState } from '../../framework/cycle-state.js';
import { NodeInfo } from '../../framework/node-info.js';
import { info, makeNode, makePod } from '../../testing/fixtures.js';
import { NodeName } from './nodename.js';

test('NodeName filter accepts only the named node', () => {
  const pl = new NodeName();
  const cases: [string | undefined, string, string][] = [[undefined, 'a', 'Success'], ['a', 'a', 'Success'], ['a', 'b', 'UnschedulableAndUnresolvable']];
  for (const [want, node, code] of cases) {
    const s = pl.filter(new CycleState(), info(makePod('p', { spec: want ? { nodeName: want } : {} })), new NodeInfo(node, makeNode(node)));
    assert.equal(s.code, code);
    if (code !== 'Success') assert.deepEqual(s.reasons, ["node(s) didn't match the requested node name"]);
  }
});
