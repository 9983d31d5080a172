import { test } from 'node:test';
import assert from 'node:assert/strict';
import { flattenFigures } from './flatten-figures.js';

const cases: Array<{ name: string; input: unknown; want: Record<string, number | string> }> = [
  { name: 'keeps flat figures', input: { 'a.b': 1, c: 'x' }, want: { 'a.b': 1, c: 'x' } },
  { name: 'joins nested keys with dots', input: { nodes1000: { podsPerSec: 500, p99Ms: 3 } }, want: { 'nodes1000.podsPerSec': 500, 'nodes1000.p99Ms': 3 } },
  { name: 'indexes arrays and stringifies booleans', input: { runs: [4, 5], ok: true }, want: { 'runs.0': 4, 'runs.1': 5, ok: 'true' } },
  { name: 'drops null, undefined and functions', input: { a: null, b: undefined, c: () => 1, d: 2 }, want: { d: 2 } },
  { name: 'names a bare number value', input: 7, want: { value: 7 } },
];
for (const c of cases) {
  test(`flattenFigures ${c.name}`, () => assert.deepEqual(flattenFigures(c.input), c.want));
}
