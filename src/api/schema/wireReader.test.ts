import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { WIRE_BYTES, WIRE_FIXED32, WIRE_FIXED64, WIRE_VARINT, WireError, WireReader } from './wireReader.js';

const reader = (...bytes: number[]): WireReader => new WireReader(Uint8Array.from(bytes));

describe('WireReader', () => {
  test('WireReader reads varints up to 64 bits', () => {
    const cases: [number[], bigint][] = [
      [[0], 0n],
      [[1], 1n],
      [[0xac, 0x02], 300n],
      [[0xff, 0xff, 0xff, 0xff, 0x0f], 0xffffffffn],
      [[0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01], 0xffffffffffffffffn],
    ];
    for (const [bytes, want] of cases) assert.equal(reader(...bytes).varint(), want, bytes.join(','));
  });

  test('WireReader reads tags, lengths and fixed-width values', () => {
    const r = reader(0x0a, 0x02, 0x68, 0x69, 0x11, 0, 0, 0, 0, 0, 0, 0xf8, 0x3f, 0x1d, 1, 0, 0, 0);
    assert.deepEqual(r.tag(), [1, WIRE_BYTES]);
    assert.equal(Buffer.from(r.bytes()).toString(), 'hi');
    assert.deepEqual(r.tag(), [2, WIRE_FIXED64]);
    assert.equal(r.fixed64().getFloat64(0, true), 1.5);
    assert.deepEqual(r.tag(), [3, WIRE_FIXED32]);
    assert.equal(r.fixed32().getUint32(0, true), 1);
    assert.ok(r.done);
  });

  test('WireReader skips every wire type', () => {
    const r = reader(0x08, 0x96, 0x01, 0x11, 1, 2, 3, 4, 5, 6, 7, 8, 0x1a, 0x01, 0x00, 0x25, 1, 2, 3, 4);
    for (const wt of [WIRE_VARINT, WIRE_FIXED64, WIRE_BYTES, WIRE_FIXED32]) {
      assert.equal(r.tag()[1], wt);
      r.skip(wt);
    }
    assert.ok(r.done);
  });

  test('WireReader rejects malformed input', () => {
    const cases: [string, () => unknown, RegExp][] = [
      ['truncated varint', () => reader(0x80).varint(), /truncated varint/],
      ['eleven-byte varint', () => reader(...Array(11).fill(0xff)).varint(), /longer than 10/],
      ['length past the end', () => reader(0x05, 1, 2).bytes(), /exceeds/],
      ['truncated fixed64', () => reader(1, 2, 3).fixed64(), /truncated/],
      ['field number 0', () => reader(0x00).tag(), /field number 0/],
      ['group wire type', () => reader(0x0b).skip(3), /wire type 3/],
    ];
    for (const [name, fn, pattern] of cases) assert.throws(fn, (e: unknown) => e instanceof WireError && pattern.test(e.message), name);
  });

  test('WireReader honours the end bound of a sub-range', () => {
    const r = new WireReader(Uint8Array.from([9, 0x08, 0x01, 0x08]), 1, 3);
    assert.deepEqual(r.tag(), [1, WIRE_VARINT]);
    assert.equal(r.varint(), 1n);
    assert.ok(r.done);
  });
});
