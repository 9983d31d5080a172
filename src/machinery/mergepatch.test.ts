import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { applyMergePatch, mergePatchRfc, createMergePatch, INVALID_MERGE_PATCH_MESSAGE } from './mergepatch.js';
import { isStatusError } from './errors.js';

// RFC 7386 Appendix A: [target, patch, result].
const rfc: [unknown, unknown, unknown][] = [
  [{ a: 'b' }, { a: 'c' }, { a: 'c' }],
  [{ a: 'b' }, { b: 'c' }, { a: 'b', b: 'c' }],
  [{ a: 'b' }, { a: null }, {}],
  [{ a: 'b', b: 'c' }, { a: null }, { b: 'c' }],
  [{ a: ['b'] }, { a: 'c' }, { a: 'c' }],
  [{ a: 'c' }, { a: ['b'] }, { a: ['b'] }],
  [{ a: { b: 'c' } }, { a: { b: 'd', c: null } }, { a: { b: 'd' } }],
  [{ a: [{ b: 'c' }] }, { a: [1] }, { a: [1] }],
  [['a', 'b'], ['c', 'd'], ['c', 'd']],
  [{ a: 'b' }, ['c'], ['c']],
  [{ a: 'foo' }, null, null],
  [{ a: 'foo' }, 'bar', 'bar'],
  [{ e: null }, { a: 1 }, { e: null, a: 1 }],
  [[1, 2], { a: 'b', c: null }, { a: 'b' }],
  [{}, { a: { bb: { ccc: null } } }, { a: { bb: {} } }],
];

describe('mergepatch RFC 7386', () => {
  rfc.forEach(([target, patch, result], i) => {
    test(`mergepatch RFC 7386 example ${i + 1}: ${JSON.stringify(patch)}`, () => {
      const before = JSON.stringify(target);
      assert.deepEqual(mergePatchRfc(target, patch), result);
      assert.equal(JSON.stringify(target), before);
      // The apiserver's variant agrees wherever the patch is an object or array.
      if (patch !== null && typeof patch === 'object') assert.deepEqual(applyMergePatch(target, patch), result);
    });
  });
});

describe('mergepatch apiserver behaviour', () => {
  test('mergepatch apiserver behaviour: deep merge of an object', () => {
    const doc = { metadata: { name: 'a', labels: { x: '1', y: '2' } }, spec: { replicas: 1, template: { spec: { containers: [{ name: 'c' }] } } } };
    const patch = { metadata: { labels: { y: null, z: '3' } }, spec: { replicas: 3 } };
    const before = JSON.stringify(doc);
    assert.deepEqual(applyMergePatch(doc, patch), {
      metadata: { name: 'a', labels: { x: '1', z: '3' } },
      spec: { replicas: 3, template: { spec: { containers: [{ name: 'c' }] } } },
    });
    assert.equal(JSON.stringify(doc), before, 'doc unchanged');
    assert.deepEqual(patch, { metadata: { labels: { y: null, z: '3' } }, spec: { replicas: 3 } }, 'patch unchanged');
  });

  test('mergepatch apiserver behaviour: nulls inside new objects in arrays are pruned', () => {
    assert.deepEqual(applyMergePatch({}, { a: [{ b: null, c: 1 }, null] }), { a: [{ c: 1 }, null] });
    assert.deepEqual(applyMergePatch({ a: 'x' }, { a: { b: null, c: { d: null } } }), { a: { c: {} } });
  });

  test('mergepatch apiserver behaviour: null and scalar patches are 400', () => {
    for (const p of [null, 'x', 1, true]) {
      assert.throws(() => applyMergePatch({ a: 1 }, p), (e: unknown) => isStatusError(e) && e.code === 400 && e.message === INVALID_MERGE_PATCH_MESSAGE);
    }
  });

  test('mergepatch apiserver behaviour: result shares nothing with the inputs', () => {
    const patch = { a: { b: [1] } };
    const out = applyMergePatch({}, patch) as { a: { b: number[] } };
    out.a.b.push(2);
    assert.deepEqual(patch, { a: { b: [1] } });
  });

  test('mergepatch apiserver behaviour: __proto__ is data', () => {
    const out = applyMergePatch({}, JSON.parse('{"__proto__":{"polluted":true}}')) as Record<string, unknown>;
    assert.ok(Object.prototype.hasOwnProperty.call(out, '__proto__'));
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });
});

describe('mergepatch create', () => {
  const cases: [unknown, unknown, unknown][] = [
    [{ a: 1 }, { a: 1 }, {}],
    [{ a: 1 }, { a: 2 }, { a: 2 }],
    [{ a: 1, b: 2 }, { a: 1 }, { b: null }],
    [{ a: { x: 1, y: 2 } }, { a: { x: 1, y: 3 } }, { a: { y: 3 } }],
    [{ a: [1, 2] }, { a: [1, 2] }, {}],
    [{ a: [1, 2] }, { a: [2] }, { a: [2] }],
    [{ a: { k: 1 } }, { a: 'x' }, { a: 'x' }],
  ];
  for (const [o, m, want] of cases) {
    test(`mergepatch create ${JSON.stringify(o)} -> ${JSON.stringify(m)}`, () => {
      const p = createMergePatch(o, m);
      assert.deepEqual(p, want);
      assert.deepEqual(applyMergePatch(o, p), m);
    });
  }
});
