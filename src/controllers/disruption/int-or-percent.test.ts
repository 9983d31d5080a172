import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { scaledValueFromIntOrPercent } from './int-or-percent.js';

describe('scaledValueFromIntOrPercent', () => {
  const cases: { value: number | string; total: number; roundUp: boolean; want: number }[] = [
    { value: 2, total: 10, roundUp: true, want: 2 },
    { value: '50%', total: 3, roundUp: true, want: 2 },
    { value: '50%', total: 3, roundUp: false, want: 1 },
    { value: '34%', total: 3, roundUp: true, want: 2 },
    { value: '33%', total: 3, roundUp: true, want: 1 },
    { value: '100%', total: 7, roundUp: true, want: 7 },
    { value: '0%', total: 7, roundUp: true, want: 0 },
    { value: '10%', total: 0, roundUp: true, want: 0 },
    { value: '1%', total: 1, roundUp: true, want: 1 },
  ];
  for (const c of cases) {
    test(`scaledValueFromIntOrPercent scales ${JSON.stringify(c.value)} of ${c.total} rounding ${c.roundUp ? 'up' : 'down'}`, () => {
      assert.equal(scaledValueFromIntOrPercent(c.value, c.total, c.roundUp), c.want);
    });
  }

  const bad: { value: string | undefined; message: RegExp }[] = [
    { value: '5', message: /string is not a percentage/ },
    { value: 'x%', message: /invalid value "x%"/ },
    { value: undefined, message: /nil value/ },
  ];
  for (const b of bad) {
    test(`scaledValueFromIntOrPercent rejects ${JSON.stringify(b.value)}`, () => {
      assert.throws(() => scaledValueFromIntOrPercent(b.value, 10, true), b.message);
    });
  }
});
