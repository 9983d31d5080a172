// Behaviour fixtures from upstream's strategicpatch tests (object, patch, result), restated as a
// table over the MergeItem test type. Results are compared with list order significant, as the
// raw upstream cases are.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { strategicMergePatch } from './strategic.js';
import { schemaFor, testRegistry } from '../apply/testdata/schemas.js';
import { StatusError } from '../errors.js';

const schema = schemaFor('test.kite.io/v1', 'MergeItem');
type J = Record<string, unknown>;
const n = (name: number, more: J = {}): J => ({ name, ...more });
const del = (name: number): J => ({ name, $patch: 'delete' });
const order = (...names: number[]): J[] => names.map((x) => ({ name: x }));

const cases: { name: string; obj: J; patch: J; want: J }[] = [
  { name: 'unions merging int lists', obj: { mergingIntList: [1, 2] }, patch: { mergingIntList: [2, 3] }, want: { mergingIntList: [1, 2, 3] } },
  { name: 'empties a nested map with $patch: delete', obj: { simpleMap: { key1: 1, key2: 1 } }, patch: { simpleMap: { $patch: 'delete' } }, want: { simpleMap: {} } },
  { name: 'empties a merging list with a lone $patch: replace', obj: { mergingList: [n(1), n(2)] }, patch: { mergingList: [{ $patch: 'replace' }] }, want: { mergingList: [] } },
  { name: 'merges empty merging lists', obj: { mergingList: [] }, patch: { mergingList: [] }, want: { mergingList: [] } },
  { name: 'replaces the whole object with a root $patch: replace', obj: { name: 1, value: 1 }, patch: { $patch: 'replace' }, want: {} },
  { name: 'replaces the whole object keeping the patch fields', obj: { name: 1, value: 1 }, patch: { other: 'a', $patch: 'replace' }, want: { other: 'a' } },
  {
    name: 'deletes every duplicate of a deleted key',
    obj: { mergingList: [n(1), n(1), n(2, { value: 'a' }), n(3), n(3)] },
    patch: { mergingList: [del(1), del(3)] },
    want: { mergingList: [n(2, { value: 'a' })] },
  },
  { name: 'adds to a retainKeys map without the directive', obj: { retainKeysMap: { name: 'foo' } }, patch: { retainKeysMap: { value: 'bar' } }, want: { retainKeysMap: { name: 'foo', value: 'bar' } } },
  { name: 'deletes from a retainKeys map without the directive', obj: { retainKeysMap: { name: 'foo', value: 'a' } }, patch: { retainKeysMap: { value: null } }, want: { retainKeysMap: { name: 'foo' } } },
  { name: 'merges an empty map into a retainKeys map', obj: { retainKeysMap: { name: 'foo', value: 'a' } }, patch: { retainKeysMap: {} }, want: { retainKeysMap: { name: 'foo', value: 'a' } } },
  {
    name: 'changes a retainKeys list item without the directive',
    obj: { retainKeysMergingList: [{ name: 'bar' }, { name: 'foo', value: 'a' }] },
    patch: { retainKeysMergingList: [{ name: 'foo', value: 'b' }] },
    want: { retainKeysMergingList: [{ name: 'bar' }, { name: 'foo', value: 'b' }] },
  },
  {
    name: 'keeps the patch order in a merging list',
    obj: { mergingList: [n(1), n(2, { value: 'b' }), n(3)] },
    patch: { mergingList: [n(3, { value: 'c' }), n(1, { value: 'a' }), n(2, { other: 'x' })] },
    want: { mergingList: [n(3, { value: 'c' }), n(1, { value: 'a' }), n(2, { value: 'b', other: 'x' })] },
  },
  {
    name: 'keeps server-only items before the patch order',
    obj: { mergingList: [n(1), n(2, { value: 'b' }), n(3)] },
    patch: { mergingList: [n(3, { value: 'c' }), n(1, { value: 'a' })] },
    want: { mergingList: [n(2, { value: 'b' }), n(3, { value: 'c' }), n(1, { value: 'a' })] },
  },
  { name: 'keeps the patch order in a merging int list', obj: { mergingIntList: [1, 2, 3] }, patch: { mergingIntList: [3, 1, 2] }, want: { mergingIntList: [3, 1, 2] } },
  { name: 'keeps server-only ints in a merging int list', obj: { mergingIntList: [1, 2, 3] }, patch: { mergingIntList: [3, 1] }, want: { mergingIntList: [2, 3, 1] } },
  {
    name: 'tolerates $setElementOrder naming items the list lacks',
    obj: { mergingList: [n(1), n(3)] },
    patch: { '$setElementOrder/mergingList': order(3, 2, 1), mergingList: [n(3, { value: 3 }), n(1, { value: 1 })] },
    want: { mergingList: [n(3, { value: 3 }), n(1, { value: 1 })] },
  },
  { name: 'orders an int list by $setElementOrder', obj: { mergingIntList: [1, 3] }, patch: { '$setElementOrder/mergingIntList': [3, 2, 1] }, want: { mergingIntList: [3, 1] } },
  { name: 'adds a field', obj: { name: 1, other: 'a' }, patch: { value: 1 }, want: { name: 1, value: 1, other: 'a' } },
  { name: 'adds and deletes fields', obj: { name: 1, other: 'a' }, patch: { name: null, value: 1 }, want: { value: 1, other: 'a' } },
  { name: 'deletes a field of a nested map', obj: { simpleMap: { key1: 1, key2: 1, other: 'a' } }, patch: { simpleMap: { key2: null } }, want: { simpleMap: { key1: 1, other: 'a' } } },
  { name: 'replaces a non-merging int list', obj: { nonMergingIntList: [1, 2] }, patch: { nonMergingIntList: [2, 3] }, want: { nonMergingIntList: [2, 3] } },
  { name: 'deletes every item of a merging list', obj: { mergingList: [n(1, { other: 'a' }), n(2, { other: 'b' })] }, patch: { mergingList: [del(1), del(2)] }, want: { mergingList: [] } },
  { name: 'deletes items from an empty merging list', obj: { mergingList: [] }, patch: { mergingList: [del(1), del(2)] }, want: { mergingList: [] } },
  { name: 'lets nulls remove fields and be dropped', obj: { name: 'a', other: 'a' }, patch: { name: 1, value: 1, other: null }, want: { name: 1, value: 1 } },
  {
    name: 'deletes from a primitive list after ordering it',
    obj: { mergingIntList: [1, 2, 3, 4] },
    patch: { '$setElementOrder/mergingIntList': [1, 2], '$deleteFromPrimitiveList/mergingIntList': [3] },
    want: { mergingIntList: [1, 2, 4] },
  },
  {
    name: 'deletes every duplicate from a primitive list',
    obj: { mergingIntList: [1, 2, 3, 3, 4] },
    patch: { '$setElementOrder/mergingIntList': [1, 2], '$deleteFromPrimitiveList/mergingIntList': [3] },
    want: { mergingIntList: [1, 2, 4] },
  },
  {
    name: 'adds maps to a merging list in $setElementOrder order',
    obj: { mergingList: [n(1, { other: 'a' }), n(2, { value: 2, other: 'b' })] },
    patch: { '$setElementOrder/mergingList': order(4, 1, 2, 3), mergingList: [n(4, { value: 4 }), n(3, { value: 3 })] },
    want: { mergingList: [n(4, { value: 4 }), n(1, { other: 'a' }), n(2, { value: 2, other: 'b' }), n(3, { value: 3 })] },
  },
  {
    name: 'adds a map while a server-only map keeps its place',
    obj: { mergingList: [n(1, { other: 'a' }), n(3, { value: 2, other: 'b' })] },
    patch: { '$setElementOrder/mergingList': order(1, 2), mergingList: [n(1, { value: 1 }), n(2, { value: 2 })] },
    want: { mergingList: [n(1, { value: 1, other: 'a' }), n(2, { value: 2 }), n(3, { value: 2, other: 'b' })] },
  },
  {
    name: 'deletes a missing map and adds one before the server-only map',
    obj: { mergingList: [n(3, { other: 'a' })] },
    patch: { '$setElementOrder/mergingList': order(2), mergingList: [n(2), del(1)] },
    want: { mergingList: [n(2), n(3, { other: 'a' })] },
  },
  {
    name: 'adds and deletes maps, ordering server-only maps by the list left in place',
    obj: { mergingList: [n(1), n(2, { other: 'b' }), n(4, { other: 'c' })] },
    patch: { '$setElementOrder/mergingList': order(2, 3), mergingList: [n(3), del(1)] },
    want: { mergingList: [n(2, { other: 'b' }), n(4, { other: 'c' }), n(3)] },
  },
  {
    name: 'adds and deletes maps where the deleted one came first',
    obj: { mergingList: [n(1, { other: 'a' }), n(4, { other: 'c' })] },
    patch: { '$setElementOrder/mergingList': order(2, 3), mergingList: [n(2), n(3), del(1)] },
    want: { mergingList: [n(4, { other: 'c' }), n(2), n(3)] },
  },
  {
    name: 'deletes a field of a map in a merging list',
    obj: { mergingList: [n(1, { value: 1, other: 'a' }), n(2, { value: 2, other: 'b' })] },
    patch: { '$setElementOrder/mergingList': order(1, 2), mergingList: [n(1, { value: null })] },
    want: { mergingList: [n(1, { other: 'a' }), n(2, { value: 2, other: 'b' })] },
  },
  {
    name: 'replaces a non-merging list nested in a merging list',
    obj: { mergingList: [n(1, { other: 'a', nonMergingList: [n(1), n(2, { value: 2 })] }), n(2, { other: 'b' })] },
    patch: { '$setElementOrder/mergingList': order(1, 2), mergingList: [n(1, { nonMergingList: [n(1, { value: 1 })] })] },
    want: { mergingList: [n(1, { other: 'a', nonMergingList: [n(1, { value: 1 })] }), n(2, { other: 'b' })] },
  },
  {
    name: 'merges a merging list nested in a merging list',
    obj: { mergingList: [n(1, { other: 'a', mergingList: [n(1), n(2, { value: 2 })] }), n(2, { other: 'b' })] },
    patch: { '$setElementOrder/mergingList': order(1, 2), mergingList: [{ '$setElementOrder/mergingList': order(1, 2), name: 1, mergingList: [n(1, { value: 1 })] }] },
    want: { mergingList: [n(1, { other: 'a', mergingList: [n(1, { value: 1 }), n(2, { value: 2 })] }), n(2, { other: 'b' })] },
  },
];

describe('strategicMergePatch (upstream fixtures)', () => {
  for (const c of cases) {
    test(`strategicMergePatch ${c.name}`, () => {
      assert.deepEqual(strategicMergePatch(c.obj, c.patch, schema, testRegistry), c.want);
    });
  }

  const errors: { name: string; obj: J; patch: J; contains: string }[] = [
    { name: 'rejects a patch list out of $setElementOrder order', obj: { mergingList: [n(1), n(3), n(2)] }, patch: { '$setElementOrder/mergingList': order(1, 2, 3), mergingList: [n(3, { value: 3 }), n(1, { value: 1 })] }, contains: "doesn't match" },
    { name: 'rejects an int patch list out of $setElementOrder order', obj: { mergingIntList: [1, 3, 2] }, patch: { '$setElementOrder/mergingIntList': [1, 2, 3], mergingIntList: [3, 1] }, contains: "doesn't match" },
    { name: 'rejects a merging list item without its key', obj: { mergingList: [n(1, { value: 'a' })] }, patch: { mergingList: [{ value: 'b' }] }, contains: 'does not contain declared merge key' },
  ];
  for (const c of errors) {
    test(`strategicMergePatch ${c.name}`, () => {
      assert.throws(() => strategicMergePatch(c.obj, c.patch, schema, testRegistry), (e: unknown) => e instanceof StatusError && e.message.includes(c.contains));
    });
  }
});
