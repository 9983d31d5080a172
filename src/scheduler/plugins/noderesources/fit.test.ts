import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CycleState } from '../../framework/cycle-state.js';
import { NodeInfo } from '../../framework/node-info.js';
import { info, makeNode, makePod } from '../../testing/fixtures.js';
import { Fit } from './fit.js';
import { BalancedAllocation, balancedAllocationScore, leastAllocatedScore } from './least-allocated.js';

function nodeWith(pods: ReturnType<typeof makePod>[], o: Parameters<typeof makeNode>[1] = {}): NodeInfo {
  const ni = new NodeInfo('n', makeNode('n', o));
  for (const p of pods) ni.addPod(info(p));
  return ni;
}

test('Fit filter reports every insufficient resource with upstream wording', () => {
  const pl = new Fit();
  const cases: { name: string; pod: ReturnType<typeof makePod>; node: NodeInfo; code: string; reasons: string[] }[] = [
    { name: 'fits', pod: makePod('p', { cpu: '1' }), node: nodeWith([makePod('q', { cpu: '2' })], { cpu: '4' }), code: 'Success', reasons: [] },
    { name: 'cpu', pod: makePod('p', { cpu: '3' }), node: nodeWith([makePod('q', { cpu: '2' })], { cpu: '4' }), code: 'Unschedulable', reasons: ['Insufficient cpu'] },
    { name: 'cpu and memory', pod: makePod('p', { cpu: '3', memory: '8Gi' }), node: nodeWith([makePod('q', { cpu: '2', memory: '1Gi' })], { cpu: '4', memory: '8Gi' }), code: 'Unschedulable', reasons: ['Insufficient cpu', 'Insufficient memory'] },
    { name: 'larger than the node', pod: makePod('p', { cpu: '5' }), node: nodeWith([], { cpu: '4' }), code: 'UnschedulableAndUnresolvable', reasons: ['Insufficient cpu'] },
    { name: 'pod count', pod: makePod('p'), node: nodeWith([makePod('q')], { pods: '1' }), code: 'Unschedulable', reasons: ['Too many pods'] },
    { name: 'extended', pod: makePod('p', { requests: { 'example.com/gpu': '2' } }), node: nodeWith([], { extra: { 'example.com/gpu': '1' } }), code: 'UnschedulableAndUnresolvable', reasons: ['Insufficient example.com/gpu'] },
    { name: 'ephemeral storage', pod: makePod('p', { requests: { 'ephemeral-storage': '2Gi' } }), node: nodeWith([makePod('q', { requests: { 'ephemeral-storage': '1Gi' } })], { extra: { 'ephemeral-storage': '2Gi' } }), code: 'Unschedulable', reasons: ['Insufficient ephemeral-storage'] },
  ];
  for (const c of cases) {
    const s = pl.filter(new CycleState(), info(c.pod), c.node);
    assert.equal(s.code, c.code, c.name);
    assert.deepEqual(s.reasons, c.reasons, c.name);
  }
});

test('leastAllocatedScore and balancedAllocationScore compute upstream scores', () => {
  assert.equal(leastAllocatedScore([3000, 5000], [10000, 20000], [1, 1]), 72);
  assert.equal(leastAllocatedScore([0, 0], [0, 0], [1, 1]), 0);
  assert.equal(leastAllocatedScore([12000, 5000], [10000, 20000], [1, 1]), 37);
  assert.equal(balancedAllocationScore([3000, 5000], [10000, 20000]), 97);
  assert.equal(balancedAllocationScore([6000, 5000], [10000, 20000]), 82);
});

test('Fit score (LeastAllocated) prefers emptier nodes, counting request-less pods at defaults', () => {
  const pl = new Fit();
  const pod = info(makePod('p'));
  const empty = nodeWith([], { cpu: '1', memory: '1Gi' });
  const busy = nodeWith([makePod('q', { cpu: '500m', memory: '512Mi' })], { cpu: '1', memory: '1Gi' });
  const a = pl.score(new CycleState(), pod, empty);
  const b = pl.score(new CycleState(), pod, busy);
  assert.equal(a, Math.trunc((Math.trunc((900 * 100) / 1000) + Math.trunc(((1024 - 200) * 100) / 1024)) / 2));
  assert.ok(a > b);
});

test('BalancedAllocation skips best-effort pods', () => {
  const pl = new BalancedAllocation();
  assert.equal(pl.preScore(new CycleState(), info(makePod('p'))).code, 'Skip');
  assert.equal(pl.preScore(new CycleState(), info(makePod('p', { cpu: '1' }))).code, 'Success');
});
