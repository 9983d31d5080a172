import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { applyJsonPatch, JsonPatchError, JSON_PATCH_REJECTED_MESSAGE } from './jsonpatch.js';
import { isStatusError } from './errors.js';

interface Case { name: string; doc: unknown; patch: unknown[]; expected?: unknown; error?: true }

// RFC 6902 Appendix A examples and the behaviours the community json-patch-tests suite checks,
// written out as our own table. Run with RFC-strict indices (no negative indices).
const cases: Case[] = [
  { name: 'A.1 add an object member', doc: { foo: 'bar' }, patch: [{ op: 'add', path: '/baz', value: 'qux' }], expected: { baz: 'qux', foo: 'bar' } },
  { name: 'A.2 add an array element', doc: { foo: ['bar', 'baz'] }, patch: [{ op: 'add', path: '/foo/1', value: 'qux' }], expected: { foo: ['bar', 'qux', 'baz'] } },
  { name: 'A.3 remove an object member', doc: { baz: 'qux', foo: 'bar' }, patch: [{ op: 'remove', path: '/baz' }], expected: { foo: 'bar' } },
  { name: 'A.4 remove an array element', doc: { foo: ['bar', 'qux', 'baz'] }, patch: [{ op: 'remove', path: '/foo/1' }], expected: { foo: ['bar', 'baz'] } },
  { name: 'A.5 replace a value', doc: { baz: 'qux', foo: 'bar' }, patch: [{ op: 'replace', path: '/baz', value: 'boo' }], expected: { baz: 'boo', foo: 'bar' } },
  { name: 'A.6 move a value', doc: { foo: { bar: 'baz', waldo: 'fred' }, qux: { corge: 'grault' } }, patch: [{ op: 'move', from: '/foo/waldo', path: '/qux/thud' }], expected: { foo: { bar: 'baz' }, qux: { corge: 'grault', thud: 'fred' } } },
  { name: 'A.7 move an array element', doc: { foo: ['all', 'grass', 'cows', 'eat'] }, patch: [{ op: 'move', from: '/foo/1', path: '/foo/3' }], expected: { foo: ['all', 'cows', 'eat', 'grass'] } },
  { name: 'A.8 test a value: success', doc: { baz: 'qux', foo: ['a', 2, 'c'] }, patch: [{ op: 'test', path: '/baz', value: 'qux' }, { op: 'test', path: '/foo/1', value: 2 }], expected: { baz: 'qux', foo: ['a', 2, 'c'] } },
  { name: 'A.9 test a value: error', doc: { baz: 'qux' }, patch: [{ op: 'test', path: '/baz', value: 'bar' }], error: true },
  { name: 'A.10 add a nested member object', doc: { foo: 'bar' }, patch: [{ op: 'add', path: '/child', value: { grandchild: {} } }], expected: { foo: 'bar', child: { grandchild: {} } } },
  { name: 'A.11 ignore unrecognized elements', doc: { foo: 'bar' }, patch: [{ op: 'add', path: '/baz', value: 'qux', xyz: 123 }], expected: { foo: 'bar', baz: 'qux' } },
  { name: 'A.12 add to a nonexistent target', doc: { foo: 'bar' }, patch: [{ op: 'add', path: '/baz/bat', value: 'qux' }], error: true },
  { name: 'A.14 ~ escape ordering', doc: { '/': 9, '~1': 10 }, patch: [{ op: 'test', path: '/~01', value: 10 }], expected: { '/': 9, '~1': 10 } },
  { name: 'A.15 comparing strings and numbers', doc: { '/': 9, '~1': 10 }, patch: [{ op: 'test', path: '/~01', value: '10' }], error: true },
  { name: 'A.16 add an array value', doc: { foo: ['bar'] }, patch: [{ op: 'add', path: '/foo/-', value: ['abc', 'def'] }], expected: { foo: ['bar', ['abc', 'def']] } },
  { name: 'empty patch', doc: { foo: 1 }, patch: [], expected: { foo: 1 } },
  { name: 'add replaces an existing field', doc: { foo: null }, patch: [{ op: 'add', path: '/foo', value: 1 }], expected: { foo: 1 } },
  { name: 'add to top-level array', doc: [], patch: [{ op: 'add', path: '/0', value: 'foo' }], expected: ['foo'] },
  { name: 'add replaces the whole document', doc: { foo: 'bar' }, patch: [{ op: 'add', path: '', value: { baz: 'qux' } }], expected: { baz: 'qux' } },
  { name: 'add object document in place of array', doc: [], patch: [{ op: 'add', path: '', value: {} }], expected: {} },
  { name: 'append to root array', doc: [], patch: [{ op: 'add', path: '/-', value: 'hi' }], expected: ['hi'] },
  { name: 'add at the empty key', doc: {}, patch: [{ op: 'add', path: '/', value: 1 }], expected: { '': 1 } },
  { name: 'add at a trailing-slash key', doc: { foo: {} }, patch: [{ op: 'add', path: '/foo/', value: 1 }], expected: { foo: { '': 1 } } },
  { name: 'add into a nested element', doc: { baz: [{ qux: 'hello' }] }, patch: [{ op: 'add', path: '/baz/0/foo', value: 'world' }], expected: { baz: [{ qux: 'hello', foo: 'world' }] } },
  { name: 'add past the end fails', doc: { bar: [1, 2] }, patch: [{ op: 'add', path: '/bar/8', value: '5' }], error: true },
  { name: 'add at negative index fails when strict', doc: { bar: [1, 2] }, patch: [{ op: 'add', path: '/bar/-1', value: '5' }], error: true },
  { name: 'add numeric key to object', doc: { foo: 1 }, patch: [{ op: 'add', path: '/0', value: 'bar' }], expected: { foo: 1, 0: 'bar' } },
  { name: 'add at length appends', doc: ['foo', 'sil'], patch: [{ op: 'add', path: '/2', value: 'bar' }], expected: ['foo', 'sil', 'bar'] },
  { name: 'add past length fails', doc: ['foo', 'sil'], patch: [{ op: 'add', path: '/3', value: 'bar' }], error: true },
  { name: 'add object key on array fails', doc: ['foo', 'sil'], patch: [{ op: 'add', path: '/bar', value: 42 }], error: true },
  { name: 'add array value is not flattened', doc: ['foo', 'sil'], patch: [{ op: 'add', path: '/1', value: ['bar', 'baz'] }], expected: ['foo', ['bar', 'baz'], 'sil'] },
  { name: 'add with 1e0 index fails', doc: ['foo', 'sil'], patch: [{ op: 'add', path: '/1e0', value: 'bar' }], error: true },
  { name: 'add deep append with -', doc: [1, 2, [3, [4, 5]]], patch: [{ op: 'add', path: '/2/1/-', value: { foo: ['bar'] } }], expected: [1, 2, [3, [4, 5, { foo: ['bar'] }]]] },
  { name: 'add keeps key case', doc: { foo: 'bar' }, patch: [{ op: 'add', path: '/FOO', value: 'BAR' }], expected: { foo: 'bar', FOO: 'BAR' } },
  { name: 'test numeric-looking object key', doc: { '1e0': 'foo' }, patch: [{ op: 'test', path: '/1e0', value: 'foo' }], expected: { '1e0': 'foo' } },
  { name: 'test 1e0 on array fails', doc: ['foo', 'bar'], patch: [{ op: 'test', path: '/1e0', value: 'bar' }], error: true },
  { name: 'test leading zero index fails', doc: ['foo', 'bar'], patch: [{ op: 'test', path: '/01', value: 'bar' }], error: true },
  { name: 'test 00 index fails', doc: ['foo', 'bar'], patch: [{ op: 'test', path: '/00', value: 'foo' }], error: true },
  { name: 'test null member', doc: { foo: null }, patch: [{ op: 'test', path: '/foo', value: null }], expected: { foo: null } },
  { name: 'test ignores key order', doc: { foo: { foo: 1, bar: 2 } }, patch: [{ op: 'test', path: '/foo', value: { bar: 2, foo: 1 } }], expected: { foo: { foo: 1, bar: 2 } } },
  { name: 'test nested key order', doc: { foo: [{ foo: 1, bar: 2 }] }, patch: [{ op: 'test', path: '/foo', value: [{ bar: 2, foo: 1 }] }], expected: { foo: [{ foo: 1, bar: 2 }] } },
  { name: 'test wrong type fails', doc: { foo: { bar: [1, 2, 5, 4] } }, patch: [{ op: 'test', path: '/foo', value: [1, 2] }], error: true },
  { name: 'test whole document', doc: { foo: 1 }, patch: [{ op: 'test', path: '', value: { foo: 1 } }], expected: { foo: 1 } },
  { name: 'test empty-string key', doc: { '': 1 }, patch: [{ op: 'test', path: '/', value: 1 }], expected: { '': 1 } },
  { name: 'test missing path fails', doc: {}, patch: [{ op: 'test', path: '/nope', value: null }], error: true },
  {
    name: 'test special characters in keys',
    doc: { foo: ['bar', 'baz'], '': 0, 'a/b': 1, 'c%d': 2, 'e^f': 3, 'g|h': 4, 'i\\j': 5, 'k"l': 6, ' ': 7, 'm~n': 8 },
    patch: [
      { op: 'test', path: '/foo/0', value: 'bar' }, { op: 'test', path: '/', value: 0 }, { op: 'test', path: '/a~1b', value: 1 },
      { op: 'test', path: '/c%d', value: 2 }, { op: 'test', path: '/e^f', value: 3 }, { op: 'test', path: '/g|h', value: 4 },
      { op: 'test', path: '/i\\j', value: 5 }, { op: 'test', path: '/k"l', value: 6 }, { op: 'test', path: '/ ', value: 7 },
      { op: 'test', path: '/m~0n', value: 8 },
    ],
    expected: { foo: ['bar', 'baz'], '': 0, 'a/b': 1, 'c%d': 2, 'e^f': 3, 'g|h': 4, 'i\\j': 5, 'k"l': 6, ' ': 7, 'm~n': 8 },
  },
  { name: 'remove nested member', doc: { baz: [{ qux: 'hello' }] }, patch: [{ op: 'remove', path: '/baz/0/qux' }], expected: { baz: [{}] } },
  { name: 'remove null member', doc: { foo: null }, patch: [{ op: 'remove', path: '/foo' }], expected: {} },
  { name: 'remove from array', doc: [1, 2, 3, 4], patch: [{ op: 'remove', path: '/0' }], expected: [2, 3, 4] },
  { name: 'repeated removes', doc: [1, 2, 3, 4], patch: [{ op: 'remove', path: '/1' }, { op: 'remove', path: '/2' }], expected: [1, 3] },
  { name: 'remove with 1e0 fails', doc: [1, 2, 3, 4], patch: [{ op: 'remove', path: '/1e0' }], error: true },
  { name: 'remove nonexistent member fails', doc: { foo: 'bar' }, patch: [{ op: 'remove', path: '/baz' }], error: true },
  { name: 'remove nonexistent index fails', doc: ['foo', 'bar'], patch: [{ op: 'remove', path: '/2' }], error: true },
  { name: 'remove - fails', doc: ['foo'], patch: [{ op: 'remove', path: '/-' }], error: true },
  { name: 'replace in array', doc: [''], patch: [{ op: 'replace', path: '/0', value: null }], expected: [null] },
  { name: 'replace whole document', doc: { foo: 'bar' }, patch: [{ op: 'replace', path: '', value: { baz: 'qux' } }], expected: { baz: 'qux' } },
  { name: 'replace with missing parent fails', doc: { bar: 'baz' }, patch: [{ op: 'replace', path: '/foo/bar', value: false }], error: true },
  { name: 'replace missing member fails', doc: { bar: 'baz' }, patch: [{ op: 'replace', path: '/foo', value: false }], error: true },
  { name: 'replace null member', doc: { foo: null }, patch: [{ op: 'replace', path: '/foo', value: 'truthy' }], expected: { foo: 'truthy' } },
  { name: 'replace with 1e0 fails', doc: [''], patch: [{ op: 'replace', path: '/1e0', value: false }], error: true },
  { name: 'move to same place', doc: { foo: 1 }, patch: [{ op: 'move', from: '/foo', path: '/foo' }], expected: { foo: 1 } },
  { name: 'move null member', doc: { foo: null }, patch: [{ op: 'move', from: '/foo', path: '/bar' }], expected: { bar: null } },
  { name: 'move into array', doc: { baz: [{ qux: 'hello' }], bar: 1 }, patch: [{ op: 'move', from: '/baz/0/qux', path: '/baz/1' }], expected: { baz: [{}, 'hello'], bar: 1 } },
  { name: 'move into own child fails', doc: { a: { b: {} } }, patch: [{ op: 'move', from: '/a', path: '/a/b/c' }], error: true },
  { name: 'move missing source fails', doc: { a: 1 }, patch: [{ op: 'move', from: '/x', path: '/y' }], error: true },
  { name: 'move with 1e0 fails', doc: { foo: 1, baz: [1, 2, 3, 4] }, patch: [{ op: 'move', from: '/baz/1e0', path: '/foo' }], error: true },
  { name: 'copy a member', doc: { baz: [{ qux: 'hello' }], bar: 1 }, patch: [{ op: 'copy', from: '/baz/0', path: '/boo' }], expected: { baz: [{ qux: 'hello' }], bar: 1, boo: { qux: 'hello' } } },
  { name: 'copy is deep', doc: { a: { x: 1 } }, patch: [{ op: 'copy', from: '/a', path: '/b' }, { op: 'replace', path: '/b/x', value: 2 }], expected: { a: { x: 1 }, b: { x: 2 } } },
  { name: 'copy null member', doc: { foo: null }, patch: [{ op: 'copy', from: '/foo', path: '/bar' }], expected: { foo: null, bar: null } },
  { name: 'copy with 1e0 fails', doc: { baz: [1, 2, 3], bar: 1 }, patch: [{ op: 'copy', from: '/baz/1e0', path: '/boo' }], error: true },
  { name: 'missing value to add fails', doc: [1], patch: [{ op: 'add', path: '/-' }], error: true },
  { name: 'missing value to replace fails', doc: [1], patch: [{ op: 'replace', path: '/0' }], error: true },
  { name: 'missing value to test fails', doc: [null], patch: [{ op: 'test', path: '/0' }], error: true },
  { name: 'missing from to copy fails', doc: [1], patch: [{ op: 'copy', path: '/-' }], error: true },
  { name: 'missing from to move fails', doc: { foo: 1 }, patch: [{ op: 'move', path: '' }], error: true },
  { name: 'unknown op fails', doc: { foo: 1 }, patch: [{ op: 'spam', path: '/foo', value: 1 }], error: true },
  { name: 'missing op fails', doc: { foo: 1 }, patch: [{ path: '/foo', value: 1 }], error: true },
  { name: 'missing path fails', doc: { foo: 1 }, patch: [{ op: 'remove' }], error: true },
  { name: 'pointer without leading slash fails', doc: { foo: 1 }, patch: [{ op: 'remove', path: 'foo' }], error: true },
  { name: 'bad ~ escape fails', doc: { foo: 1 }, patch: [{ op: 'remove', path: '/fo~2o' }], error: true },
  { name: 'null op object fails', doc: { foo: 1 }, patch: [null], error: true },
  { name: 'failure rolls back earlier ops', doc: { a: 1 }, patch: [{ op: 'add', path: '/b', value: 2 }, { op: 'test', path: '/a', value: 2 }], error: true },
];

describe('jsonpatch RFC 6902', () => {
  for (const c of cases) {
    test(`jsonpatch RFC 6902 ${c.name}`, () => {
      const before = JSON.stringify(c.doc);
      if (c.error) {
        assert.throws(() => applyJsonPatch(c.doc, c.patch, { negativeIndices: false }), (e: unknown) => {
          assert.ok(isStatusError(e));
          assert.equal(e.code, 422);
          assert.equal(e.reason, 'Invalid');
          assert.equal(e.message, JSON_PATCH_REJECTED_MESSAGE);
          assert.ok(e.cause instanceof JsonPatchError);
          return true;
        });
      } else {
        assert.deepEqual(applyJsonPatch(c.doc, c.patch, { negativeIndices: false }), c.expected);
      }
      assert.equal(JSON.stringify(c.doc), before, 'input document unchanged');
    });
  }
});

describe('jsonpatch apiserver behaviour', () => {
  test('jsonpatch apiserver behaviour: negative indices count from the end by default', () => {
    assert.deepEqual(applyJsonPatch({ a: [1, 2, 3] }, [{ op: 'remove', path: '/a/-1' }]), { a: [1, 2] });
    assert.deepEqual(applyJsonPatch({ a: [1, 2] }, [{ op: 'add', path: '/a/-1', value: 9 }]), { a: [1, 2, 9] });
    assert.deepEqual(applyJsonPatch({ a: [1, 2] }, [{ op: 'add', path: '/a/-3', value: 9 }]), { a: [9, 1, 2] });
    assert.deepEqual(applyJsonPatch({ a: [1, 2] }, [{ op: 'replace', path: '/a/-2', value: 9 }]), { a: [9, 2] });
    assert.throws(() => applyJsonPatch({ a: [1, 2] }, [{ op: 'remove', path: '/a/-3' }]), (e: unknown) => isStatusError(e) && e.code === 422);
  });

  test('jsonpatch apiserver behaviour: the status carries empty details', () => {
    try {
      applyJsonPatch({}, [{ op: 'remove', path: '/x' }]);
      assert.fail('expected an error');
    } catch (e) {
      assert.ok(isStatusError(e));
      assert.deepEqual(e.toStatus(), { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: JSON_PATCH_REJECTED_MESSAGE, reason: 'Invalid', code: 422, details: {} });
    }
  });

  const malformed: [unknown, string][] = [
    [{ op: 'add' }, 'json: cannot unmarshal object into Go value of type jsonpatch.Patch'],
    ['x', 'json: cannot unmarshal string into Go value of type jsonpatch.Patch'],
    [1, 'json: cannot unmarshal number into Go value of type jsonpatch.Patch'],
    [['x'], 'json: cannot unmarshal string into Go value of type jsonpatch.Operation'],
    [[[1]], 'json: cannot unmarshal array into Go value of type jsonpatch.Operation'],
    [[true], 'json: cannot unmarshal bool into Go value of type jsonpatch.Operation'],
  ];
  for (const [patch, message] of malformed) {
    test(`jsonpatch apiserver behaviour: malformed patch ${JSON.stringify(patch)} is 400`, () => {
      assert.throws(() => applyJsonPatch({}, patch), (e: unknown) => isStatusError(e) && e.code === 400 && e.message === message);
    });
  }

  test('jsonpatch apiserver behaviour: null patch changes nothing', () => {
    assert.deepEqual(applyJsonPatch({ a: 1 }, null), { a: 1 });
  });

  test('jsonpatch apiserver behaviour: too many operations is 413', () => {
    const ops = Array.from({ length: 10001 }, () => ({ op: 'test', path: '', value: {} }));
    assert.throws(() => applyJsonPatch({}, ops), (e: unknown) => isStatusError(e) && e.code === 413 && e.message === 'Request entity too large: The allowed maximum operations in a JSON patch is 10000, got 10001');
  });

  test('jsonpatch apiserver behaviour: __proto__ keys are data', () => {
    const out = applyJsonPatch({}, [{ op: 'add', path: '/__proto__', value: { polluted: true } }]) as Record<string, unknown>;
    assert.ok(Object.prototype.hasOwnProperty.call(out, '__proto__'));
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    assert.throws(() => applyJsonPatch({}, [{ op: 'test', path: '/constructor', value: null }]), (e: unknown) => isStatusError(e) && e.code === 422);
  });

  test('jsonpatch apiserver behaviour: value is copied, not shared', () => {
    const value = { nested: [1] };
    const out = applyJsonPatch({}, [{ op: 'add', path: '/v', value }]) as { v: { nested: number[] } };
    out.v.nested.push(2);
    assert.deepEqual(value, { nested: [1] });
  });
});
