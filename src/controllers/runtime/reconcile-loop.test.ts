import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { FakeClock } from '../../machinery/clock.js';
import { silentLogger } from '../../client/logger.js';
import { ReconcileLoop } from './reconcile-loop.js';

const tick = (): Promise<void> => new Promise((r) => setImmediate(r));

describe('ReconcileLoop', () => {
  test('ReconcileLoop reconciles enqueued keys once caches synced', async () => {
    const seen: string[] = [];
    const loop = new ReconcileLoop(async (key) => { seen.push(key); }, { name: 't', logger: silentLogger });
    let release!: (v: boolean) => void;
    const cache = { waitForSync: () => new Promise<boolean>((r) => { release = r; }) };
    const ac = new AbortController();
    loop.enqueue('a');
    loop.enqueue('a');
    const done = loop.run(ac.signal, [cache]);
    await tick();
    assert.deepEqual(seen, [], 'nothing runs before the caches sync');
    release(true);
    await tick(); await tick();
    assert.deepEqual(seen, ['a']);
    ac.abort();
    await done;
  });

  test('ReconcileLoop requeues errors with back-off and honours requeueAfter', async () => {
    const clock = new FakeClock();
    const calls: string[] = [];
    let fail = true;
    const loop = new ReconcileLoop(async (key) => {
      calls.push(key);
      if (key === 'err' && fail) { fail = false; throw new Error('boom'); }
      if (key === 'later' && calls.filter((k) => k === 'later').length === 1) return { requeueAfter: 5000 };
      return undefined;
    }, { name: 't', clock, logger: silentLogger });
    const ac = new AbortController();
    const done = loop.run(ac.signal);
    loop.enqueue('err');
    loop.enqueue('later');
    for (let i = 0; i < 5; i++) await tick();
    assert.deepEqual(calls, ['err', 'later']);
    clock.advance(1000);
    for (let i = 0; i < 5; i++) await tick();
    assert.deepEqual(calls, ['err', 'later', 'err']);
    clock.advance(5000);
    for (let i = 0; i < 5; i++) await tick();
    assert.deepEqual(calls, ['err', 'later', 'err', 'later']);
    ac.abort();
    await done;
  });

  test('ReconcileLoop stops without running when the signal aborts before sync', async () => {
    const loop = new ReconcileLoop(async () => { throw new Error('must not run'); }, { name: 't', logger: silentLogger });
    const ac = new AbortController();
    ac.abort();
    loop.enqueue('a');
    await loop.run(ac.signal, [{ waitForSync: async () => false }]);
    assert.equal(loop.queue.shuttingDown, true);
  });
});
