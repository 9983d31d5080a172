import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CycleState } from '../../framework/cycle-state.js';
import { NodeInfo } from '../../framework/node-info.js';
import { Status } from '../../framework/status.js';
import { info, makeNode, makePod } from '../../testing/fixtures.js';
import type { Affinity, NodeSelectorTerm } from '../../api-types.js';
import { NodeAffinity } from './nodeaffinity.js';
import { NodeSelectorMatcher } from './node-selector.js';

test('NodeSelectorMatcher implements each operator, ORs terms and ANDs expressions', () => {
  const labels = { zone: 'a', gen: '5', ssd: 'true' };
  const cases: [NodeSelectorTerm[], boolean][] = [
    [[{ matchExpressions: [{ key: 'zone', operator: 'In', values: ['a', 'b'] }] }], true],
    [[{ matchExpressions: [{ key: 'zone', operator: 'NotIn', values: ['a'] }] }], false],
    [[{ matchExpressions: [{ key: 'missing', operator: 'NotIn', values: ['a'] }] }], true],
    [[{ matchExpressions: [{ key: 'ssd', operator: 'Exists' }] }], true],
    [[{ matchExpressions: [{ key: 'ssd', operator: 'DoesNotExist' }] }], false],
    [[{ matchExpressions: [{ key: 'gen', operator: 'Gt', values: ['4'] }] }], true],
    [[{ matchExpressions: [{ key: 'gen', operator: 'Lt', values: ['4'] }] }], false],
    [[{ matchExpressions: [{ key: 'gen', operator: 'Gt', values: ['x'] }] }], false],
    [[{ matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }, { key: 'ssd', operator: 'DoesNotExist' }] }], false],
    [[{ matchExpressions: [{ key: 'zone', operator: 'In', values: ['b'] }] }, { matchExpressions: [{ key: 'ssd', operator: 'Exists' }] }], true],
    [[{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['node-1'] }] }], true],
    [[{ matchFields: [{ key: 'metadata.name', operator: 'NotIn', values: ['node-1'] }] }], false],
    [[{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['node-1', 'node-2'] }] }], false],
    [[{}], false],
    [[], false],
  ];
  for (const [terms, want] of cases) assert.equal(new NodeSelectorMatcher(terms).matches(labels, 'node-1'), want, JSON.stringify(terms));
});

test('NodeAffinity filter checks nodeSelector and required affinity with upstream wording', () => {
  const pl = new NodeAffinity();
  const node = new NodeInfo('n1', makeNode('n1', { labels: { disk: 'ssd' } }));
  const run = (pod: ReturnType<typeof info>) => {
    const state = new CycleState();
    const pre = pl.preFilter(state, pod);
    if (pre instanceof Status && pre.isSkip()) return 'Skip';
    return pl.filter(state, pod, node);
  };
  assert.equal(run(info(makePod('p'))), 'Skip');
  assert.equal((run(info(makePod('p', { nodeSelector: { disk: 'ssd' } }))) as Status).code, 'Success');
  const rejected = run(info(makePod('p', { nodeSelector: { disk: 'hdd' } }))) as Status;
  assert.equal(rejected.code, 'UnschedulableAndUnresolvable');
  assert.deepEqual(rejected.reasons, ["node(s) didn't match Pod's node affinity/selector"]);
});

test('NodeAffinity preFilter narrows to nodes named by metadata.name terms', () => {
  const pl = new NodeAffinity();
  const byName = (...names: string[][]): Affinity => ({ nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: names.map((n) => ({ matchFields: [{ key: 'metadata.name', operator: 'In', values: n }] })) } } });
  const r = pl.preFilter(new CycleState(), info(makePod('p', { affinity: byName(['a'], ['b']) })));
  assert.ok(!(r instanceof Status));
  assert.deepEqual([...r.nodeNames].sort(), ['a', 'b']);
  const conflict = pl.preFilter(new CycleState(), info(makePod('p', { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['a'] }, { key: 'metadata.name', operator: 'In', values: ['b'] }] }] } } } })));
  assert.ok(conflict instanceof Status);
  assert.deepEqual(conflict.reasons, ['pod affinity terms conflict']);
});

test('NodeAffinity score sums preferred weights and normalizes to 100', () => {
  const pl = new NodeAffinity();
  const pod = info(makePod('p', { affinity: { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [
    { weight: 10, preference: { matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }] } },
    { weight: 30, preference: { matchExpressions: [{ key: 'ssd', operator: 'Exists' }] } },
  ] } } }));
  const nodes = [new NodeInfo('x', makeNode('x', { labels: { zone: 'a' } })), new NodeInfo('y', makeNode('y', { labels: { zone: 'a', ssd: '1' } })), new NodeInfo('z', makeNode('z'))];
  const state = new CycleState();
  assert.equal(pl.preScore(state, pod).code, 'Success');
  const scores = nodes.map((n) => pl.score(state, pod, n));
  assert.deepEqual(scores, [10, 40, 0]);
  pl.normalizeScore(state, pod, nodes, scores);
  assert.deepEqual(scores, [25, 100, 0]);
});
