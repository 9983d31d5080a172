import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GroupCommit, type Outcome } from './group-commit.js';

function recorder(opts: { maxBatch?: number; fail?: (op: number) => boolean; throwOn?: number } = {}) {
  const batches: number[][] = [];
  const gc = new GroupCommit<number, number>({
    maxBatch: opts.maxBatch,
    commit: (ops): Outcome<number>[] => {
      batches.push(ops);
      if (opts.throwOn !== undefined && ops.includes(opts.throwOn)) throw new Error('disk on fire');
      return ops.map((op) => (opts.fail?.(op) ? { ok: false, error: new Error(`op ${op} failed`) } : { ok: true, value: op * 10 }));
    },
  });
  return { gc, batches };
}

test('GroupCommit commits ops submitted in one turn together and settles each with its own outcome', async () => {
  const { gc, batches } = recorder({ fail: (op) => op === 2 });
  const results = await Promise.allSettled([1, 2, 3].map((op) => gc.submit(op)));
  assert.deepEqual(batches, [[1, 2, 3]]);
  assert.deepEqual(results.map((r) => (r.status === 'fulfilled' ? r.value : (r.reason as Error).message)), [10, 'op 2 failed', 30]);
  assert.equal(await gc.submit(4), 40);
  assert.deepEqual(batches, [[1, 2, 3], [4]], 'a later turn is a new batch');
});

test('GroupCommit settles only after the commit returned', async () => {
  const order: string[] = [];
  const gc = new GroupCommit<number, number>({ commit: (ops) => { order.push('commit'); return ops.map((v) => ({ ok: true, value: v })); } });
  const p = gc.submit(1).then(() => order.push('settled'));
  await Promise.resolve();
  assert.deepEqual(order, [], 'nothing commits within the submitting turn');
  await p;
  assert.deepEqual(order, ['commit', 'settled']);
});

test('GroupCommit fails every op of a batch whose commit throws', async () => {
  const { gc } = recorder({ throwOn: 2 });
  const results = await Promise.allSettled([1, 2, 3].map((op) => gc.submit(op)));
  assert.deepEqual(results.map((r) => r.status), ['rejected', 'rejected', 'rejected']);
});

test('GroupCommit splits batches at maxBatch and flush commits synchronously', async () => {
  const { gc, batches } = recorder({ maxBatch: 2 });
  const all = Promise.all([1, 2, 3, 4, 5].map((op) => gc.submit(op)));
  assert.equal(gc.pending, 5);
  gc.flush();
  assert.deepEqual(batches, [[1, 2], [3, 4], [5]]);
  assert.deepEqual(await all, [10, 20, 30, 40, 50]);
});
