import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { FakeClock } from '../machinery/clock.js';
import { TimeBuckets } from './time-buckets.js';

function setup(resolutionMs = 10) {
  const clock = new FakeClock(1_000_000);
  const fired: string[][] = [];
  const tb = new TimeBuckets<string>((keys) => fired.push(keys), { clock, resolutionMs });
  return { clock, fired, tb };
}

describe('TimeBuckets', () => {
  test('TimeBuckets hands keys due together over in one batch, in due order', () => {
    const { clock, fired, tb } = setup();
    tb.scheduleIn('b', 25);
    tb.scheduleIn('a', 21);
    tb.scheduleIn('c', 5);
    assert.equal(tb.size, 3);
    clock.advance(10);
    assert.deepEqual(fired, [['c']]);
    clock.advance(20);
    assert.deepEqual(fired, [['c'], ['b', 'a']]);
    assert.equal(tb.size, 0);
  });

  test('TimeBuckets keeps one timer however many keys wait', () => {
    const { clock, tb } = setup();
    for (let i = 0; i < 1000; i++) tb.scheduleIn(`k${i}`, i);
    assert.equal(clock.pendingTimers(), 1);
  });

  test('TimeBuckets moves a rescheduled key and forgets a cancelled one', () => {
    const { clock, fired, tb } = setup();
    tb.scheduleIn('a', 10);
    tb.scheduleIn('b', 10);
    tb.scheduleIn('a', 50);
    tb.cancel('b');
    clock.advance(20);
    assert.deepEqual(fired, []);
    clock.advance(40);
    assert.deepEqual(fired, [['a']]);
  });

  test('TimeBuckets re-arms for an earlier key', () => {
    const { clock, fired, tb } = setup();
    tb.scheduleIn('late', 1000);
    tb.scheduleIn('early', 10);
    clock.advance(10);
    assert.deepEqual(fired, [['early']]);
    clock.advance(990);
    assert.deepEqual(fired, [['early'], ['late']]);
  });

  test('TimeBuckets fires nothing after stop', () => {
    const { clock, fired, tb } = setup();
    tb.scheduleIn('a', 10);
    tb.stop();
    tb.scheduleIn('b', 10);
    clock.advance(100);
    assert.deepEqual(fired, []);
    assert.equal(clock.pendingTimers(), 0);
  });

  test('TimeBuckets takes keys scheduled from inside the callback', () => {
    const clock = new FakeClock(0);
    const seen: string[] = [];
    const tb: TimeBuckets<string> = new TimeBuckets<string>((keys) => {
      for (const k of keys) { seen.push(k); if (k === 'a') tb.scheduleIn('b', 10); }
    }, { clock, resolutionMs: 10 });
    tb.scheduleIn('a', 10);
    clock.advance(30);
    assert.deepEqual(seen, ['a', 'b']);
  });
});
