import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { percentile, summarizeLatencies } from './latency-summary.js';

describe('percentile', () => {
  const cases: Array<{ name: string; sorted: number[]; q: number; want: number }> = [
    { name: 'single sample', sorted: [7], q: 0.99, want: 7 },
    { name: 'median of four is the second', sorted: [1, 2, 3, 4], q: 0.5, want: 2 },
    { name: 'median of five is the third', sorted: [1, 2, 3, 4, 5], q: 0.5, want: 3 },
    { name: 'p99 of 100 is the 99th', sorted: Array.from({ length: 100 }, (_, i) => i + 1), q: 0.99, want: 99 },
    { name: 'p99 of 10 is the largest', sorted: Array.from({ length: 10 }, (_, i) => i + 1), q: 0.99, want: 10 },
    { name: 'q of 1 is the largest', sorted: [1, 5, 9], q: 1, want: 9 },
  ];
  for (const c of cases) {
    test(`percentile ${c.name}`, () => assert.equal(percentile(c.sorted, c.q), c.want));
  }
  test('percentile of no samples is NaN', () => assert.ok(Number.isNaN(percentile([], 0.5))));
});

describe('summarizeLatencies', () => {
  test('summarizeLatencies sorts and rounds to microseconds', () => {
    assert.deepEqual(summarizeLatencies([3.00049, 1.1234567, 2]), { count: 3, p50Ms: 2, p99Ms: 3 });
    assert.deepEqual(summarizeLatencies([0.1234567]), { count: 1, p50Ms: 0.123, p99Ms: 0.123 });
  });
  test('summarizeLatencies leaves its input unsorted', () => {
    const input = [5, 1, 3];
    summarizeLatencies(input);
    assert.deepEqual(input, [5, 1, 3]);
  });
});
