import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { fitErrorMessage, type Diagnosis } from './fit-error.js';
import { NodeToStatus } from './node-to-status.js';
import { Status } from './status.js';

function diagnosis(statuses: [string, Status][], extra: Partial<Diagnosis> = {}): Diagnosis {
  const m = new NodeToStatus();
  for (const [n, s] of statuses) m.set(n, s);
  return { nodeToStatus: m, unschedulablePlugins: new Set(), preFilterMsg: '', postFilterMsg: '', ...extra };
}

describe('fitErrorMessage', () => {
  const cases: { name: string; n: number; d: Diagnosis; want: string }[] = [
    {
      name: 'counts one reason over all nodes',
      n: 3,
      d: diagnosis([['a', new Status('Unschedulable', ['Insufficient cpu'])], ['b', new Status('Unschedulable', ['Insufficient cpu'])], ['c', new Status('Unschedulable', ['Insufficient cpu'])]]),
      want: '0/3 nodes are available: 3 Insufficient cpu.',
    },
    {
      name: 'sorts reasons as strings and counts each reason of a node',
      n: 3,
      d: diagnosis([
        ['a', new Status('UnschedulableAndUnresolvable', ['node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }'])],
        ['b', new Status('Unschedulable', ['Insufficient cpu', 'Insufficient memory'])],
        ['c', new Status('Unschedulable', ['Insufficient cpu'])],
      ]),
      want: '0/3 nodes are available: 1 Insufficient memory, 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu.',
    },
    {
      name: 'uses the PreFilter message alone',
      n: 2,
      d: diagnosis([], { preFilterMsg: "node(s) didn't satisfy plugin NodeAffinity" }),
      want: "0/2 nodes are available: node(s) didn't satisfy plugin NodeAffinity.",
    },
    {
      name: 'appends the PostFilter message',
      n: 1,
      d: diagnosis([['a', new Status('Unschedulable', ['Insufficient cpu'])]], { postFilterMsg: 'preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.' }),
      want: '0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.',
    },
  ];
  for (const c of cases) test(`fitErrorMessage ${c.name}`, () => assert.equal(fitErrorMessage(c.n, c.d), c.want));

  test('fitErrorMessage counts absent nodes with the absent status reasons', () => {
    const d = diagnosis([['a', new Status('Unschedulable', ['Insufficient cpu'])]]);
    d.nodeToStatus.setAbsentNodesStatus(new Status('UnschedulableAndUnresolvable', ["node(s) didn't satisfy plugin(s) [NodeAffinity]"]));
    assert.equal(fitErrorMessage(4, d), "0/4 nodes are available: 1 Insufficient cpu, 3 node(s) didn't satisfy plugin(s) [NodeAffinity].");
  });
});
