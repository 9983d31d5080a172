import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { cloneJson, jsonEqual, setOwn, isJsonObject, hasOwn } from './jsonvalue.js';

describe('jsonvalue equal', () => {
  const cases: [unknown, unknown, boolean][] = [
    [1, 1, true], [1, 1.0, true], [1, '1', false], [null, null, true], [null, {}, false], [[], {}, false], [{}, [], false],
    [{ a: 1, b: 2 }, { b: 2, a: 1 }, true], [{ a: 1 }, { a: 1, b: undefined }, false], [[1, [2]], [1, [2]], true],
    [[1, 2], [2, 1], false], [{ a: [{ b: null }] }, { a: [{ b: null }] }, true], ['x', 'x', true], [true, false, false],
  ];
  cases.forEach(([a, b, want], i) => {
    test(`jsonvalue equal case ${i}: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`, () => {
      assert.equal(jsonEqual(a, b), want);
      assert.equal(jsonEqual(b, a), want);
    });
  });
});

describe('jsonvalue copy', () => {
  test('jsonvalue copy is deep and keeps __proto__ keys as data', () => {
    const src = JSON.parse('{"a":{"b":[1,{"c":2}]},"__proto__":{"x":1}}') as Record<string, unknown>;
    const c = cloneJson(src);
    assert.deepEqual(c, src);
    assert.notEqual(c.a, src.a);
    assert.ok(hasOwn(c, '__proto__'));
    assert.equal(Object.getPrototypeOf(c), Object.prototype);
  });

  test('jsonvalue copy setOwn and isJsonObject', () => {
    const o: Record<string, unknown> = {};
    setOwn(o, '__proto__', 1);
    setOwn(o, 'a', 2);
    assert.deepEqual(Object.keys(o), ['__proto__', 'a']);
    assert.ok(isJsonObject({}));
    assert.ok(!isJsonObject([]));
    assert.ok(!isJsonObject(null));
  });
});
