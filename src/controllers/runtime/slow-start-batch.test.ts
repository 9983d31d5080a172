import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { slowStartBatch } from './slow-start-batch.js';

describe('slowStartBatch', () => {
  const cases: { name: string; count: number; failAt?: number[]; want: { successes: number; skipped: number; calls: number; batches: number[] } }[] = [
    { name: 'runs nothing for zero', count: 0, want: { successes: 0, skipped: 0, calls: 0, batches: [] } },
    { name: 'doubles batch sizes', count: 10, want: { successes: 10, skipped: 0, calls: 10, batches: [1, 2, 4, 3] } },
    { name: 'stops after the failing batch', count: 10, failAt: [2], want: { successes: 2, skipped: 7, calls: 3, batches: [1, 2] } },
    { name: 'stops at once when the first call fails', count: 5, failAt: [0], want: { successes: 0, skipped: 4, calls: 1, batches: [1] } },
  ];
  for (const c of cases) {
    test(`slowStartBatch ${c.name}`, async () => {
      let calls = 0;
      const batches: number[] = [];
      let inFlight = 0;
      const res = await slowStartBatch(c.count, async (i) => {
        calls++;
        if (inFlight === 0) batches.push(0);
        inFlight++;
        batches[batches.length - 1]!++;
        await Promise.resolve();
        inFlight--;
        if (c.failAt?.includes(i)) throw new Error(`fail ${i}`);
      });
      assert.deepEqual({ successes: res.successes, skipped: res.skipped, calls, batches }, c.want);
      assert.equal(res.error !== undefined, (c.failAt?.length ?? 0) > 0);
    });
  }
});
