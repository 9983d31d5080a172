import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FakeClock } from '../machinery/clock.js';
import { BucketRateLimiter, ItemExponentialRateLimiter, MaxOfRateLimiter, defaultControllerRateLimiter } from './rate-limiter.js';

test('ItemExponentialRateLimiter doubles per failure and caps', () => {
  const r = new ItemExponentialRateLimiter<string>(5, 1000 * 1000);
  const got = Array.from({ length: 5 }, () => r.when('a'));
  assert.deepEqual(got, [5, 10, 20, 40, 80]);
  assert.equal(r.when('b'), 5, 'per item');
  for (let i = 0; i < 40; i++) r.when('a');
  assert.equal(r.when('a'), 1000 * 1000);
  r.forget('a');
  assert.equal(r.when('a'), 5);
});

test('BucketRateLimiter allows a burst then spaces by qps', () => {
  const clock = new FakeClock();
  const r = new BucketRateLimiter<string>(1, 2, clock);
  assert.deepEqual([r.when('a'), r.when('b'), r.when('c'), r.when('d')], [0, 0, 1000, 2000]);
  clock.advance(10_000);
  assert.equal(r.when('e'), 0);
});

test('MaxOfRateLimiter takes the longest wait', () => {
  const clock = new FakeClock();
  const r = new MaxOfRateLimiter<string>(new ItemExponentialRateLimiter<string>(5, 1000), new BucketRateLimiter<string>(1, 1, clock));
  assert.equal(r.when('a'), 5);
  assert.equal(r.when('a'), 1000);
  assert.equal(r.numRequeues('a'), 2);
});

test('defaultControllerRateLimiter starts at 5ms', () => {
  const r = defaultControllerRateLimiter<string>(new FakeClock());
  assert.equal(r.when('x'), 5);
  assert.equal(r.when('x'), 10);
});
