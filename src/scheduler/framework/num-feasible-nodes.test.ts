import { test } from 'node:test';
import assert from 'node:assert/strict';
import { numFeasibleNodesToFind } from './num-feasible-nodes.js';

test('numFeasibleNodesToFind follows the adaptive percentage', () => {
  const cases: [nodes: number, pct: number, want: number][] = [
    [10, 0, 10],
    [99, 0, 99],
    [100, 0, 100],
    [1000, 0, 420],
    [5000, 0, 500],
    [6000, 0, 300],
    [10_000, 0, 500],
    [1000, 50, 500],
    [1000, 5, 100],
    [1000, 100, 1000],
  ];
  for (const [n, p, want] of cases) assert.equal(numFeasibleNodesToFind(n, p), want, `${n} nodes at ${p}%`);
});
