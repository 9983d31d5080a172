import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nodeUpdateActions, podUpdateActions } from './event-actions.js';
import { makeNode, makePod } from './testing/fixtures.js';

test('nodeUpdateActions names what changed', () => {
  const base = makeNode('n', { cpu: '2' });
  const cases: [ReturnType<typeof makeNode>, string[]][] = [
    [makeNode('n', { cpu: '2' }), []],
    [makeNode('n', { cpu: '2', labels: { a: 'b' } }), ['UpdateNodeLabel']],
    [makeNode('n', { cpu: '2', taints: [{ key: 'k', effect: 'NoSchedule' }] }), ['UpdateNodeTaint']],
    [makeNode('n', { cpu: '2', unschedulable: true }), ['UpdateNodeTaint']],
    [makeNode('n', { cpu: '4' }), ['UpdateNodeAllocatable']],
    [{ ...base, status: { ...base.status, conditions: [{ type: 'Ready', status: 'False' }] } }, ['UpdateNodeCondition']],
  ];
  for (const [next, want] of cases) assert.deepEqual([...nodeUpdateActions(base, next)].sort(), want.sort());
});

test('podUpdateActions names label changes, scale-downs and termination', () => {
  const base = makePod('p', { cpu: '1', labels: { a: 'b' } });
  assert.deepEqual([...podUpdateActions(base, makePod('p', { cpu: '1', labels: { a: 'c' } }))], ['UpdatePodLabel']);
  assert.deepEqual([...podUpdateActions(base, makePod('p', { cpu: '500m', labels: { a: 'b' } }))], ['UpdatePodScaleDown']);
  assert.deepEqual([...podUpdateActions(base, makePod('p', { cpu: '1', labels: { a: 'b' }, deleting: true }))], ['UpdatePodTerminating']);
  assert.deepEqual([...podUpdateActions(base, { ...base, status: { phase: 'Running' } })], []);
});
