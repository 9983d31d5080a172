import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CycleState } from '../../framework/cycle-state.js';
import { NodeInfo } from '../../framework/node-info.js';
import { info, makeNode, makePod } from '../../testing/fixtures.js';
import type { Taint, Toleration } from '../../api-types.js';
import { TaintToleration } from './tainttoleration.js';
import { toleratesTaint } from './tolerations.js';

test('toleratesTaint matches key, value, effect and operator', () => {
  const taint: Taint = { key: 'k', value: 'v', effect: 'NoSchedule' };
  const cases: [Toleration, boolean][] = [
    [{ key: 'k', operator: 'Equal', value: 'v', effect: 'NoSchedule' }, true],
    [{ key: 'k', value: 'v' }, true],
    [{ key: 'k', value: 'w' }, false],
    [{ key: 'k', operator: 'Exists' }, true],
    [{ operator: 'Exists' }, true],
    [{ key: 'k', operator: 'Exists', effect: 'NoExecute' }, false],
    [{ key: 'other', operator: 'Exists' }, false],
    [{ key: 'k', operator: 'Gt', value: 'v' }, false],
  ];
  for (const [t, want] of cases) assert.equal(toleratesTaint(t, taint), want, JSON.stringify(t));
});

test('TaintToleration filter rejects untolerated NoSchedule/NoExecute taints with upstream wording', () => {
  const pl = new TaintToleration();
  const node = (taints: Taint[]) => new NodeInfo('n', makeNode('n', { taints }));
  const cp: Taint = { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' };
  const s = pl.filter(new CycleState(), info(makePod('p')), node([cp]));
  assert.equal(s.code, 'UnschedulableAndUnresolvable');
  assert.deepEqual(s.reasons, ['node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }']);
  assert.equal(pl.filter(new CycleState(), info(makePod('p', { tolerations: [{ key: cp.key, operator: 'Exists' }] })), node([cp])).code, 'Success');
  assert.equal(pl.filter(new CycleState(), info(makePod('p')), node([{ key: 'soft', value: 'x', effect: 'PreferNoSchedule' }])).code, 'Success');
  assert.deepEqual(pl.filter(new CycleState(), info(makePod('p')), node([{ key: 'gone', value: 'x', effect: 'NoExecute' }])).reasons, ['node(s) had untolerated taint {gone: x}']);
});

test('TaintToleration score prefers nodes with fewer untolerated PreferNoSchedule taints', () => {
  const pl = new TaintToleration();
  const state = new CycleState();
  const pod = info(makePod('p', { tolerations: [{ key: 'a', operator: 'Exists', effect: 'PreferNoSchedule' }] }));
  const soft = (k: string): Taint => ({ key: k, effect: 'PreferNoSchedule' });
  const nodes = [new NodeInfo('x', makeNode('x')), new NodeInfo('y', makeNode('y', { taints: [soft('a'), soft('b')] })), new NodeInfo('z', makeNode('z', { taints: [soft('b'), soft('c')] }))];
  pl.preScore(state, pod);
  const scores = nodes.map((n) => pl.score(state, pod, n));
  assert.deepEqual(scores, [0, 1, 2]);
  pl.normalizeScore(state, pod, nodes, scores);
  assert.deepEqual(scores, [100, 50, 0]);
});
