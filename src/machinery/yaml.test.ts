import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { parseYamlOrJson } from './yaml.js';
import { isStatusError } from './errors.js';

describe('yaml parse values', () => {
  const cases: [string, unknown][] = [
    ['apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  a: "1"\n', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' }, data: { a: '1' } }],
    ['{"a": [1, 2, {"b": null}]}', { a: [1, 2, { b: null }] }],
    ['{a: 1, b: [p, q]}', { a: 1, b: ['p', 'q'] }],
    // YAML 1.1 as go-yaml v2: y/n/yes/no/on/off are booleans, also as keys.
    ['[y, n, Y, N, on, OFF]', [true, false, true, false, true, false]],
    ['y: 1\nn: 2\n', { true: 1, false: 2 }],
    ['a: yes\nb: off\nc: "yes"\nd: true\n', { a: true, b: false, c: 'yes', d: true }],
    ['a: 0777\nb: 0x1F\nc: 1_000\nd: 1e3\ne: 1.5\nf: "010"\n', { a: 511, b: 31, c: 1000, d: 1000, e: 1.5, f: '010' }],
    ['t: 2020-01-01\nu: 2001-12-14t21:59:43.10-05:00\nx: 1:20\n', { t: '2020-01-01', u: '2001-12-14t21:59:43.10-05:00', x: '1:20' }],
    ['a: ~\nb: null\nc:\n', { a: null, b: null, c: null }],
    ['base: &b\n  p: 1\n  q: 2\nderived:\n  <<: *b\n  q: 3\n', { base: { p: 1, q: 2 }, derived: { p: 1, q: 3 } }],
    ['bin: !!binary aGVsbG8=\n', { bin: 'hello' }],
    ['1: a\ntrue: b\n~: c\n1.5: d\n', { 1: 'a', true: 'b', null: 'c', '1.5': 'd' }],
    ['- a\n- b\n', ['a', 'b']],
    ['', null], ['# only a comment\n', null], ['---\n', null], ['a: 1\n---\n', { a: 1 }], ['---\na: 1\n...\n', { a: 1 }],
    ['s: |\n  line1\n  line2\n', { s: 'line1\nline2\n' }],
    ['__proto__: {polluted: true}\n', JSON.parse('{"__proto__":{"polluted":true}}')],
  ];
  for (const [text, want] of cases) {
    test(`yaml parse values ${JSON.stringify(text).slice(0, 60)}`, () => {
      const r = parseYamlOrJson(text);
      assert.deepEqual(r.value, want);
      assert.deepEqual(r.duplicates, []);
    });
  }

  test('yaml parse values keep __proto__ as data', () => {
    const v = parseYamlOrJson('__proto__: {polluted: true}\n').value as Record<string, unknown>;
    assert.ok(Object.prototype.hasOwnProperty.call(v, '__proto__'));
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });
});

describe('yaml parse duplicates', () => {
  const cases: [string, string[]][] = [
    ['metadata:\n  name: a\n  name: b\n', ['metadata.name']],
    ['a: 1\na: 2\na: 3\n', ['a']],
    ['spec:\n  containers:\n  - name: c\n    image: x\n    image: y\n', ['spec.containers[0].image']],
    ['{"a": {"k": 1, "k": 2}}', ['a.k']],
    ['{a: 1, a: 2}', ['a']],
    ['base: &b {x: 1}\nd:\n  <<: *b\n  <<: *b\n', []],
  ];
  for (const [text, dups] of cases) {
    test(`yaml parse duplicates ${JSON.stringify(text).slice(0, 60)}`, () => {
      assert.deepEqual(parseYamlOrJson(text).duplicates, dups);
    });
  }

  test('yaml parse duplicates: last value wins', () => {
    assert.deepEqual(parseYamlOrJson('a: 1\na: 2\n').value, { a: 2 });
  });
});

describe('yaml parse errors', () => {
  const cases: [string, RegExp][] = [
    ['a: b: c\n', /^error converting YAML to JSON: yaml: line 1, column 4: /],
    ['a: [1, 2\n', /^error converting YAML to JSON: yaml: line \d+, column \d+: /],
    ['a: 1\n---\nb: 2\n', /^error converting YAML to JSON: yaml: the body must hold a single YAML document, found 2$/],
    ['a: .inf\n', /unsupported value: \+Inf$/],
    ['a: *nope\n', /^error converting YAML to JSON: yaml: /],
    ['a:\n\t- b\n', /^error converting YAML to JSON: yaml: line 2, column 1: /],
  ];
  for (const [text, re] of cases) {
    test(`yaml parse errors ${JSON.stringify(text)}`, () => {
      assert.throws(() => parseYamlOrJson(text), (e: unknown) => isStatusError(e) && e.code === 400 && re.test(e.message));
    });
  }

  test('yaml parse errors: alias bombs are refused', () => {
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 0; i < 8; i++) bomb.push(`${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)}]`);
    assert.throws(() => parseYamlOrJson(bomb.join('\n')), (e: unknown) => isStatusError(e) && e.code === 400);
  });
});

describe('yaml parse keys', () => {
  test('yaml parse keys: a collection key is refused', () => {
    assert.throws(() => parseYamlOrJson('[1, 2]: x\n'), (e: unknown) => isStatusError(e) && e.code === 400 && /invalid map key/.test(e.message));
  });
});
