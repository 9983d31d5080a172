import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { canonicalJson, computeHash, fnv32a, safeEncodeString } from './hash.js';
import type { PodTemplateSpec } from '../runtime/types.js';

describe('hash', () => {
  const fnv: [string, number][] = [
    ['', 0x811c9dc5],
    ['a', 0xe40c292c],
    ['foobar', 0xbf9cf968],
  ];
  for (const [input, want] of fnv) {
    test(`fnv32a of ${JSON.stringify(input)} matches the reference vector`, () => assert.equal(fnv32a(Buffer.from(input)), want));
  }

  test('safeEncodeString maps digits as upstream', () => {
    // '0'..'9' are code points 48..57: 48 % 27 = 21 → '4', 57 % 27 = 3 → 'f'.
    assert.equal(safeEncodeString('0123456789'), '456789bcdf');
  });

  test('canonicalJson sorts keys and drops empty values', () => {
    assert.equal(canonicalJson({ b: 1, a: { d: [], c: 'x', e: null } }), '{"a":{"c":"x"},"b":1}');
  });

  const tpl = { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx:1' }] } };

  test('computeHash is stable and label-safe', () => {
    const h = computeHash(tpl);
    assert.equal(h, computeHash(structuredClone(tpl)));
    assert.match(h, /^[bcdfghjklmnpqrstvwxz2456789]{1,10}$/);
  });

  test('computeHash ignores empty fields and key order', () => {
    const same = { spec: { containers: [{ image: 'nginx:1', name: 'c', env: [] }] }, metadata: { labels: { app: 'web' }, creationTimestamp: null } };
    assert.equal(computeHash(same as unknown as PodTemplateSpec), computeHash(tpl));
  });

  test('computeHash changes with the template and the collision count', () => {
    const other = { ...tpl, spec: { containers: [{ name: 'c', image: 'nginx:2' }] } };
    assert.notEqual(computeHash(other), computeHash(tpl));
    assert.notEqual(computeHash(tpl, 1), computeHash(tpl));
    assert.notEqual(computeHash(tpl, 1), computeHash(tpl, 2));
  });
});
