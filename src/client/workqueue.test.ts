import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { FakeClock } from '../machinery/clock.js';
import { WorkQueue } from './workqueue.js';
import { ItemExponentialRateLimiter } from './rate-limiter.js';
import { runWorkers } from './run-workers.js';
import { silentLogger } from './logger.js';

const flush = async (n = 5): Promise<void> => { for (let i = 0; i < n; i++) await new Promise((r) => setImmediate(r)); };

function queue(clock = new FakeClock()): WorkQueue<string> {
  return new WorkQueue<string>({ clock, rateLimiter: new ItemExponentialRateLimiter<string>(5, 1000 * 1000) });
}

describe('WorkQueue', () => {
  test('WorkQueue dedupes keys while queued and keeps FIFO order', async () => {
    const q = queue();
    for (const k of ['a', 'b', 'a', 'c', 'b']) q.add(k);
    assert.equal(q.len(), 3);
    assert.deepEqual([await q.get(), await q.get(), await q.get()], ['a', 'b', 'c']);
    assert.equal(q.len(), 0);
  });

  test('WorkQueue re-queues a key added while processing only after done', async () => {
    const q = queue();
    q.add('a');
    assert.equal(await q.get(), 'a');
    q.add('a');
    q.add('a');
    assert.equal(q.len(), 0, 'not handed out while processing');
    q.done('a');
    assert.equal(q.len(), 1);
    assert.equal(await q.get(), 'a');
    q.done('a');
    assert.equal(q.len(), 0);
  });

  test('WorkQueue hands a key to a waiting get', async () => {
    const q = queue();
    const p = q.get();
    q.add('x');
    assert.equal(await p, 'x');
  });

  test('WorkQueue shutDown resolves waiting gets with undefined and ignores adds', async () => {
    const q = queue();
    const p = q.get();
    q.shutDown();
    assert.equal(await p, undefined);
    q.add('a');
    assert.equal(q.len(), 0);
    assert.equal(await q.get(), undefined);
  });

  test('WorkQueue shutDownWithDrain waits for keys being processed', async () => {
    const q = queue();
    q.add('a');
    await q.get();
    let drained = false;
    const p = q.shutDownWithDrain().then(() => { drained = true; });
    await flush();
    assert.equal(drained, false);
    q.done('a');
    await p;
    assert.equal(drained, true);
  });

  const delays: { name: string; adds: [string, number][]; checks: [number, number][] }[] = [
    { name: 'fires after the delay', adds: [['a', 100]], checks: [[99, 0], [1, 1]] },
    { name: 'keeps the earlier of two delays', adds: [['a', 100], ['a', 50]], checks: [[50, 1], [100, 1]] },
    { name: 'ignores a later second delay', adds: [['a', 50], ['a', 100]], checks: [[50, 1]] },
    { name: 'adds at once for zero', adds: [['a', 0]], checks: [[0, 1]] },
  ];
  for (const c of delays) {
    test(`WorkQueue addAfter ${c.name}`, () => {
      const clock = new FakeClock();
      const q = queue(clock);
      for (const [k, ms] of c.adds) q.addAfter(k, ms);
      for (const [advance, len] of c.checks) {
        clock.advance(advance);
        assert.equal(q.len(), len, `after +${advance}ms`);
      }
    });
  }

  test('WorkQueue addRateLimited backs off exponentially per key and forget resets', async () => {
    const clock = new FakeClock();
    const q = queue(clock);
    const waits: number[] = [];
    for (let i = 0; i < 4; i++) {
      q.addRateLimited('a');
      const start = clock.now();
      for (let guard = 0; q.len() === 0 && guard < 10_000; guard++) clock.advance(1);
      waits.push(clock.now() - start);
      q.done((await q.get()) as string);
    }
    assert.deepEqual(waits, [5, 10, 20, 40]);
    assert.equal(q.numRequeues('a'), 4);
    q.forget('a');
    assert.equal(q.numRequeues('a'), 0);
  });

  test('WorkQueue shutDown cancels delayed keys', () => {
    const clock = new FakeClock();
    const q = queue(clock);
    q.addAfter('a', 10);
    q.shutDown();
    assert.equal(clock.pendingTimers(), 0);
  });
});

describe('runWorkers', () => {
  test('runWorkers requeues errors rate-limited, honours requeueAfter and forgets on success', async () => {
    const clock = new FakeClock();
    const q = queue(clock);
    const calls: string[] = [];
    let failures = 2;
    const ctl = new AbortController();
    const done = runWorkers(q, 2, async (key) => {
      calls.push(`${key}@${clock.now() - start}`);
      if (key === 'err' && failures-- > 0) throw new Error('boom');
      if (key === 'later' && calls.filter((c) => c.startsWith('later')).length === 1) return { requeueAfter: 1000 };
      return undefined;
    }, ctl.signal, { logger: silentLogger, onError: () => {} });
    const start = clock.now();
    q.add('err');
    q.add('later');
    await flush();
    clock.advance(5); await flush();
    clock.advance(10); await flush();
    clock.advance(985); await flush();
    assert.deepEqual(calls, ['err@0', 'later@0', 'err@5', 'err@15', 'later@1000']);
    assert.equal(q.numRequeues('err'), 0, 'forgotten after success');
    ctl.abort();
    await done;
  });

  test('runWorkers never processes one key twice at once', async () => {
    const q = queue();
    const active = new Set<string>();
    let overlap = false;
    let processed = 0;
    const ctl = new AbortController();
    const done = runWorkers(q, 4, async (key) => {
      if (active.has(key)) overlap = true;
      active.add(key);
      q.add(key); // re-added while processing
      await flush(1);
      active.delete(key);
      processed++;
      if (processed >= 12) ctl.abort();
    }, ctl.signal, { logger: silentLogger });
    q.add('a');
    q.add('b');
    await done;
    assert.equal(overlap, false);
    assert.ok(processed >= 12);
  });
});
