import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LineSplitter } from './line-splitter.js';

const cases: { name: string; chunks: (string | Buffer)[]; want: string[] }[] = [
  { name: 'splits on newlines', chunks: ['a\nb\n'], want: ['a', 'b'] },
  { name: 'joins lines across chunks', chunks: ['{"a"', ':1}\n{"b', '":2}\n'], want: ['{"a":1}', '{"b":2}'] },
  { name: 'flushes a last unterminated line', chunks: ['a\nb'], want: ['a', 'b'] },
  { name: 'drops empty lines and CRs', chunks: ['a\r\n\n\r\nb\n'], want: ['a', 'b'] },
  { name: 'keeps multi-byte characters split across buffers', chunks: [Buffer.from([0xc3]), Buffer.from([0xa9, 0x0a])], want: ['é'] },
];

for (const c of cases) {
  test(`LineSplitter ${c.name}`, () => {
    const s = new LineSplitter();
    const got = c.chunks.flatMap((ch) => s.push(ch));
    got.push(...s.end());
    assert.deepEqual(got, c.want);
  });
}
