import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { semanticEqual } from './semantic-equal.js';

describe('semanticEqual', () => {
  const cases: [string, unknown, unknown, boolean][] = [
    ['equal scalars', 1, 1, true],
    ['different scalars', 1, 2, false],
    ['absent and empty list', { a: 1 }, { a: 1, b: [] }, true],
    ['null and empty map', { a: null }, { a: {} }, true],
    ['zero is not absent', { a: 0 }, {}, false],
    ['empty string is not absent', { a: '' }, {}, false],
    ['nested difference', { a: { b: [1, { c: 'x' }] } }, { a: { b: [1, { c: 'y' }] } }, false],
    ['nested equal with empties', { a: { b: [1, { c: 'x', d: [] }] } }, { a: { b: [1, { c: 'x' }] } }, true],
    ['list order matters', [1, 2], [2, 1], false],
    ['list and map differ', [1], { 0: 1 }, false],
  ];
  for (const [name, a, b, want] of cases) test(`semanticEqual ${name}`, () => assert.equal(semanticEqual(a, b), want));
});
