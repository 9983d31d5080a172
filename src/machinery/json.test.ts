import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { parseJsonStrict, findDuplicateKeys, diagnoseJson, lineColumn } from './json.js';
import { isStatusError } from './errors.js';

describe('json strict duplicates', () => {
  const cases: [string, string[]][] = [
    ['{"a":1}', []],
    ['{"metadata":{"name":"a","name":"b"}}', ['metadata.name']],
    ['{"a":1,"a":2,"a":3}', ['a']],
    ['{"spec":{"template":{"spec":{"containers":[{"name":"c","imagePullPolicy":"A","imagePullPolicy":"B"}]}}}}', ['spec.template.spec.containers[0].imagePullPolicy']],
    ['{"items":[{"a":1},{"b":1,"b":2}]}', ['items[1].b']],
    ['[{"x":1,"x":2}]', ['[0].x']],
    ['{"a":{"k":1},"b":{"k":1}}', []],
    ['{"s":"a\\"b","s":"x"}', ['s']],
    ['{"k\\u0061":1,"ka":2}', ['ka']],
    ['{"a":"{\\"a\\":1,\\"a\\":2}"}', []],
    ['{"a":[1,2,{"z":[]}],"b":{"c":{"d":1,"d":2}},"a":0}', ['b.c.d', 'a']],
    ['{"x\\\\":1,"x\\\\":2}', ['x\\']],
    ['{"__proto__":1,"__proto__":2}', ['__proto__']],
    ['"just a string"', []],
    ['{}', []],
  ];
  for (const [text, dups] of cases) {
    test(`json strict duplicates in ${text}`, () => {
      const r = parseJsonStrict(text);
      assert.deepEqual(r.duplicates, dups);
      assert.deepEqual(r.value, JSON.parse(text));
    });
  }

  test('json strict duplicates: last value wins', () => {
    assert.deepEqual(parseJsonStrict('{"a":1,"a":2}').value, { a: 2 });
  });

  test('json strict duplicates scan handles a 3 MB body', () => {
    const items = Array.from({ length: 30000 }, (_, i) => ({ metadata: { name: `n${i}`, labels: { a: 'x'.repeat(50), b: 'y\\"z' } }, spec: { v: [i, i + 1, { k: 'v' }] } }));
    const text = JSON.stringify({ kind: 'List', items }).replace('"kind":"List"', '"kind":"List","kind":"X"');
    assert.ok(text.length > 3_000_000, "body too small");
    const r = parseJsonStrict(text);
    assert.deepEqual(r.duplicates, ['kind']);
    assert.equal((r.value as { items: unknown[] }).items.length, 30000);
  });
});

describe('json strict syntax errors', () => {
  const cases: [string, string][] = [
    ['', 'invalid JSON at line 1, column 1: unexpected end of input'],
    ['{', 'invalid JSON at line 1, column 2: unexpected end of input'],
    ['{\n  "a": 1,\n  }', "invalid JSON at line 3, column 3: unexpected '}', expected a string object key"],
    ['{"a" 1}', "invalid JSON at line 1, column 6: unexpected '1', expected ':' after object key"],
    ['{"a":1 "b":2}', `invalid JSON at line 1, column 8: unexpected '"', expected ',' or '}'`],
    ['[1,2', 'invalid JSON at line 1, column 5: unexpected end of input'],
    ['[1,]', "invalid JSON at line 1, column 4: unexpected ']', expected a value"],
    ['{"a":tru}', "invalid JSON at line 1, column 6: unexpected 't', expected a value"],
    ['{"a":01}', 'invalid JSON at line 1, column 6: invalid number'],
    ['{"a":-}', 'invalid JSON at line 1, column 6: invalid number'],
    ['{"a":"x\\q"}', "invalid JSON at line 1, column 8: invalid escape '\\q' in string"],
    ['{"a":"x', 'invalid JSON at line 1, column 6: unterminated string'],
    ['{"a":"\t"}', 'invalid JSON at line 1, column 7: invalid control character "\\t" in string'],
    ['{} {}', "invalid JSON at line 1, column 4: unexpected '{' after top-level value"],
    ["{'a':1}", "invalid JSON at line 1, column 2: unexpected ''', expected a string object key"],
    ['{"a":1}\n\n x', "invalid JSON at line 3, column 2: unexpected 'x' after top-level value"],
    ['[1.]', 'invalid JSON at line 1, column 2: invalid number'],
  ];
  for (const [text, message] of cases) {
    test(`json strict syntax errors ${JSON.stringify(text)}`, () => {
      assert.throws(() => parseJsonStrict(text), (e: unknown) => isStatusError(e) && e.code === 400 && e.message === message);
    });
  }

  test('json strict syntax errors: diagnose accepts what JSON.parse accepts', () => {
    for (const t of ['1', ' -0.5e+10 ', '"\\u00e9\\n"', '{"a":[true,false,null,{}]}', '[[[[[]]]]]', `${'['.repeat(5000)}${']'.repeat(5000)}`]) {
      JSON.parse(t);
      assert.equal(diagnoseJson(t), undefined, t.slice(0, 20));
    }
  });

  test('json strict syntax errors: lineColumn counts from 1', () => {
    assert.deepEqual(lineColumn('ab\ncd', 0), { line: 1, column: 1 });
    assert.deepEqual(lineColumn('ab\ncd', 4), { line: 2, column: 2 });
  });
});
