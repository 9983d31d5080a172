import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { fieldsetFromObject } from './tofieldset.js';
import { fromFieldsV1, toFieldsV1 } from './fieldsv1.js';
import { FieldSet } from './fieldset.js';
import { fieldPE, keyPE, parsePathElement, pathString, serializePathElement, type PathElement } from './path.js';
import { schemaFor, testRegistry } from './testdata/schemas.js';

const pod = schemaFor('v1', 'Pod');
const deployment = schemaFor('apps/v1', 'Deployment');

describe('FieldsV1', () => {
  const cases: { name: string; obj: unknown; schema: typeof pod; json: string }[] = [
    {
      name: 'lists leaves, associative items with "." and map entries',
      obj: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx' }] } },
      schema: pod,
      json: '{"f:metadata":{"f:labels":{"f:app":{}}},"f:spec":{"f:containers":{"k:{\\"name\\":\\"web\\"}":{".":{},"f:image":{},"f:name":{}}}}}',
    },
    {
      name: 'keys list-map items by all keys, sorted, with schema defaults',
      obj: { spec: { containers: [{ name: 'a', ports: [{ containerPort: 80 }, { containerPort: 53, protocol: 'UDP' }] }] } },
      schema: pod,
      json: '{"f:spec":{"f:containers":{"k:{\\"name\\":\\"a\\"}":{".":{},"f:name":{},"f:ports":{"k:{\\"containerPort\\":53,\\"protocol\\":\\"UDP\\"}":{".":{},"f:containerPort":{},"f:protocol":{}},"k:{\\"containerPort\\":80,\\"protocol\\":\\"TCP\\"}":{".":{},"f:containerPort":{}}}}}}}',
    },
    {
      name: 'writes set items as values and atomic fields as leaves',
      obj: { metadata: { finalizers: ['b.io/x', 'a.io/y'] }, spec: { selector: { matchLabels: { a: 'b' } }, template: { spec: { tolerations: [{ key: 'k' }] } } } },
      schema: deployment,
      json: '{"f:metadata":{"f:finalizers":{"v:\\"a.io/y\\"":{},"v:\\"b.io/x\\"":{}}},"f:spec":{"f:selector":{},"f:template":{"f:spec":{"f:tolerations":{}}}}}',
    },
    {
      name: 'deduces untyped content: maps granular with ".", lists atomic',
      obj: { spec: { a: { b: 1 }, list: [1, 2] } },
      schema: undefined,
      json: '{"f:spec":{".":{},"f:a":{".":{},"f:b":{}},"f:list":{}}}',
    },
    {
      name: 'escapes key values as Go encoding/json does',
      obj: { spec: { containers: [{ name: 'a<b&c' }] } },
      schema: pod,
      // The key holds Go's HTML-escaped JSON (a\u003cb), escaped once more as a JSON key.
      json: '{"f:spec":{"f:containers":{"k:{\\"name\\":\\"a\\\\u003cb\\\\u0026c\\"}":{".":{},"f:name":{}}}}}',
    },
  ];
  for (const c of cases) {
    test(`FieldsV1 ${c.name}`, () => {
      const set = fieldsetFromObject(c.obj, c.schema, testRegistry);
      assert.equal(JSON.stringify(toFieldsV1(set)), c.json);
      assert.ok(fromFieldsV1(c.json).equals(set), 'round trip');
      assert.equal(JSON.stringify(toFieldsV1(fromFieldsV1(JSON.parse(c.json)))), c.json);
    });
  }

  test('FieldsV1 orders "." first, then fields, keys, values and indexes', () => {
    const set = FieldSet.of(
      [{ kind: 'index', index: 2 }],
      [{ kind: 'value', value: 'x' }],
      [keyPE([['name', 'a']]), fieldPE('image')],
      [keyPE([['name', 'a']])],
      [fieldPE('zeta')],
      [fieldPE('alpha'), fieldPE('beta')],
    );
    assert.equal(JSON.stringify(toFieldsV1(set)),
      '{"f:alpha":{"f:beta":{}},"f:zeta":{},"k:{\\"name\\":\\"a\\"}":{".":{},"f:image":{}},"v:\\"x\\"":{},"i:2":{}}');
  });

  test('FieldsV1 ignores unknown path element types and rejects malformed keys', () => {
    assert.equal(JSON.stringify(toFieldsV1(fromFieldsV1({ 'f:a': {}, 'z:b': {} }))), '{"f:a":{}}');
    assert.throws(() => fromFieldsV1({ 'fa': {} }), /missing colon/);
  });

  const pathCases: { pe: PathElement; key: string; str: string }[] = [
    { pe: fieldPE('spec'), key: 'f:spec', str: '.spec' },
    { pe: keyPE([['protocol', 'TCP'], ['containerPort', 80]]), key: 'k:{"containerPort":80,"protocol":"TCP"}', str: '[containerPort=80,protocol="TCP"]' },
    { pe: { kind: 'value', value: 'a.io/x' }, key: 'v:"a.io/x"', str: '[="a.io/x"]' },
    { pe: { kind: 'index', index: 3 }, key: 'i:3', str: '[3]' },
  ];
  for (const c of pathCases) {
    test(`path element ${c.key} serializes, parses and prints as upstream`, () => {
      assert.equal(serializePathElement(c.pe), c.key);
      assert.deepEqual(parsePathElement(c.key), c.pe);
      assert.equal(pathString([c.pe]), c.str);
    });
  }
});

describe('FieldSet', () => {
  const p = (...names: string[]) => names.map(fieldPE);
  test('FieldSet difference keeps children of removed parents, recursiveDifference drops them', () => {
    const s = FieldSet.of(p('a'), p('a', 'b'), p('c'));
    const parent = FieldSet.of(p('a'));
    assert.deepEqual(s.difference(parent).paths().map(pathString), ['.c', '.a.b']);
    assert.deepEqual(s.recursiveDifference(parent).paths().map(pathString), ['.c']);
  });
  test('FieldSet union, intersection and has work across levels', () => {
    const a = FieldSet.of(p('x', 'y'), p('z'));
    const b = FieldSet.of(p('x', 'w'), p('z'));
    assert.deepEqual(a.union(b).paths().map(pathString), ['.z', '.x.w', '.x.y']);
    assert.deepEqual(a.intersection(b).paths().map(pathString), ['.z']);
    assert.ok(a.has(p('x', 'y')) && !a.has(p('x')));
  });
});
