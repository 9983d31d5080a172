import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import {
  FieldSelector, parseFieldSelector, escapeFieldValue, unescapeFieldValue, fieldSelectorFromSet, oneTermEqualSelector, unsupportedFields,
} from './fields.js';
import { isStatusError } from './errors.js';

describe('field selector parse', () => {
  // input -> restring (terms sorted, values re-escaped)
  const good: [string, string][] = [
    ['', ''], ['a=b', 'a=b'], ['a==b', 'a=b'], ['a!=b', 'a!=b'], ['x=a,y=b,z=c', 'x=a,y=b,z=c'], ['z=c,x=a', 'x=a,z=c'],
    ['x=', 'x='], ['x=a,', 'x=a'], [',x=a', 'x=a'], ['x=a\\,b', 'x=a\\,b'], ['x=a\\=b', 'x=a\\=b'], ['x=a\\\\b', 'x=a\\\\b'],
    ['spec.nodeName=node-1,status.phase!=Failed', 'spec.nodeName=node-1,status.phase!=Failed'], ['=', ''],
  ];
  for (const [input, out] of good) {
    test(`field selector parse ${JSON.stringify(input)} restrings as ${JSON.stringify(out)}`, () => {
      assert.equal(parseFieldSelector(input).toString(), out);
    });
  }

  const bad: [string, string][] = [
    ['a', "invalid selector: 'a'; can't understand 'a'"],
    ['x=a,b', "invalid selector: 'x=a,b'; can't understand 'b'"],
    ['x=a=b', 'invalid field selector: unescaped character in value: 61'],
    ['x=a\\b', 'invalid field selector: invalid escape sequence: \\b'],
    ['x=a\\', 'invalid field selector: invalid escape sequence: \\'],
    ['a!==b', 'invalid field selector: unescaped character in value: 61'],
    ['x==a,b', "invalid selector: 'x==a,b'; can't understand 'b'"],
  ];
  for (const [input, message] of bad) {
    test(`field selector parse rejects ${JSON.stringify(input)}`, () => {
      assert.throws(() => parseFieldSelector(input), (e: unknown) => isStatusError(e) && e.code === 400 && e.message === message);
    });
  }

  test('field selector parse reports requirements with = for ==', () => {
    assert.deepEqual(parseFieldSelector('b==2,a!=1').requirements(), [
      { field: 'a', operator: '!=', value: '1' },
      { field: 'b', operator: '=', value: '2' },
    ]);
  });

  test('field selector parse unescapes values', () => {
    assert.equal(parseFieldSelector('x=a\\,b\\=c\\\\d').exactValue('x'), 'a,b=c\\d');
  });
});

describe('field selector matches', () => {
  const cases: [string, Record<string, string>, boolean][] = [
    ['', { a: 'b' }, true], ['a=b', { a: 'b' }, true], ['a=b', { a: 'c' }, false], ['a=b', {}, false], ['a!=b', {}, true],
    ['a!=b', { a: 'b' }, false], ['a=', {}, true], ['a=b,c=d', { a: 'b', c: 'd' }, true], ['a=b,c=d', { a: 'b', c: 'x' }, false],
    ['metadata.name=foo', { 'metadata.name': 'foo', 'metadata.namespace': 'ns' }, true], ['constructor=', {}, true],
  ];
  for (const [sel, fields, want] of cases) {
    test(`field selector matches ${JSON.stringify(sel)} against ${JSON.stringify(fields)} is ${want}`, () => {
      assert.equal(parseFieldSelector(sel).matches(fields), want);
    });
  }
});

describe('field selector helpers', () => {
  test('field selector helpers exactValue only for equality', () => {
    const s = parseFieldSelector('spec.nodeName=n1,status.phase!=Failed');
    assert.equal(s.exactValue('spec.nodeName'), 'n1');
    assert.equal(s.exactValue('status.phase'), undefined);
    assert.equal(s.exactValue('metadata.name'), undefined);
  });

  test('field selector helpers escape round-trips', () => {
    for (const v of ['a,b', 'a=b', 'a\\b', 'plain', '', '\\,=']) {
      assert.equal(unescapeFieldValue(escapeFieldValue(v)), v);
    }
    assert.equal(escapeFieldValue('a,b=c\\'), 'a\\,b\\=c\\\\');
  });

  test('field selector helpers unsupportedFields lists unknown fields once', () => {
    const s = parseFieldSelector('metadata.name=a,spec.foo=b,spec.foo!=c,status.phase=Running');
    assert.deepEqual(unsupportedFields(s, ['metadata.name', 'metadata.namespace', 'status.phase']), ['spec.foo']);
    assert.deepEqual(unsupportedFields(FieldSelector.everything(), []), []);
  });

  test('field selector helpers from set, one term, everything', () => {
    assert.ok(FieldSelector.everything().isEmpty());
    assert.ok(parseFieldSelector('').isEmpty());
    assert.ok(!parseFieldSelector('a=b').isEmpty());
    assert.ok(fieldSelectorFromSet({ a: 'b' }).matches({ a: 'b' }));
    assert.ok(fieldSelectorFromSet(null).isEmpty());
    assert.equal(oneTermEqualSelector('metadata.name', 'x,y').toString(), 'metadata.name=x\\,y');
  });

  test('field selector helpers transform renames and drops emptied terms', () => {
    const s = parseFieldSelector('name=a,drop=b').transform((field, value) => (field === 'drop' ? { field: '', value: '' } : { field: `metadata.${field}`, value }));
    assert.equal(s.toString(), 'metadata.name=a');
  });
});
