import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_SIM_NODES, addressSlot } from './addresses.js';

test('addressSlot keeps the default prefix at slot i and moves other prefixes apart', () => {
  assert.equal(addressSlot('sim-', 0), 0);
  assert.equal(addressSlot('sim-', 7), 7);
  assert.notEqual(addressSlot('a-', 0), addressSlot('b-', 0));
  assert.ok(addressSlot('a-', 5) >= 0 && addressSlot('a-', 5) < MAX_SIM_NODES);
});
