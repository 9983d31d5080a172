import { test } from 'node:test';
import assert from 'node:assert/strict';
import { prefixRange } from './prefix-range.js';

test('prefixRange bounds exactly the keys with the prefix', () => {
  const cases: { prefix: string; inside: string[]; outside: string[] }[] = [
    { prefix: '/a/', inside: ['/a/', '/a/x', '/a/\u{10ffff}'], outside: ['/a', '/ab/', '/a0', '/b/'] },
    { prefix: '/registry/core/pods/', inside: ['/registry/core/pods/default/web'], outside: ['/registry/core/podsx/a'] },
    { prefix: 'a\u{10ffff}', inside: ['a\u{10ffff}z'], outside: ['b', 'a'] },
    { prefix: '', inside: ['', '/', '\u{10ffff}'], outside: [] },
  ];
  const enc = (s: string) => Buffer.from(s, 'utf8');
  for (const c of cases) {
    const { start, end } = prefixRange(c.prefix);
    for (const k of c.inside) {
      assert.ok(Buffer.compare(enc(k), enc(start)) >= 0 && Buffer.compare(enc(k), enc(end)) < 0, `${JSON.stringify(k)} in ${JSON.stringify(c.prefix)}`);
    }
    for (const k of c.outside) {
      assert.ok(Buffer.compare(enc(k), enc(start)) < 0 || Buffer.compare(enc(k), enc(end)) >= 0, `${JSON.stringify(k)} not in ${JSON.stringify(c.prefix)}`);
    }
  }
});
