import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { humanDuration, shortHumanDuration } from './duration.js';

const s = 1000;
const m = 60 * s;
const h = 60 * m;
const d = 24 * h;
const y = 365 * d;

describe('duration human', () => {
  // Upstream TestHumanDuration table plus boundary cases.
  const cases: [number, string][] = [
    [1 * s, '1s'], [70 * s, '70s'], [190 * s, '3m10s'], [70 * m, '70m'], [47 * h, '47h'], [49 * h, '2d1h'],
    [(8 * 24 + 2) * h, '8d'], [367 * d, '367d'], [365 * 2 * d + 25 * d, '2y25d'], [365 * 8 * d + 10 * d, '8y'],
    [0, '0s'], [-1 * s, '0s'], [-1999, '0s'], [-2 * s, '<invalid>'], [119 * s, '119s'], [120 * s, '2m'], [123 * s, '2m3s'],
    [5 * m + 3 * s, '5m3s'], [9 * m + 59 * s, '9m59s'], [10 * m, '10m'], [10 * m + 30 * s, '10m'], [179 * m, '179m'],
    [3 * h, '3h'], [3 * h + 4 * m, '3h4m'], [7 * h + 59 * m, '7h59m'], [8 * h, '8h'], [20 * h, '20h'], [48 * h, '2d'],
    [2 * d + 3 * h, '2d3h'], [7 * d + 23 * h, '7d23h'], [8 * d, '8d'], [45 * d, '45d'], [729 * d, '729d'], [2 * y, '2y'],
    [2 * y + 30 * d, '2y30d'], [7 * y + 364 * d, '7y364d'], [9 * y, '9y'], [999, '0s'], [59 * s + 999, '59s'],
  ];
  for (const [ms, want] of cases) {
    test(`duration human ${ms}ms is ${want}`, () => {
      assert.equal(humanDuration(ms), want);
    });
  }
});

describe('duration short', () => {
  const cases: [number, string][] = [
    [0, '0s'], [-1 * s, '0s'], [-2 * s, '<invalid>'], [59 * s, '59s'], [60 * s, '1m'], [59 * m, '59m'], [60 * m, '1h'],
    [23 * h, '23h'], [24 * h, '1d'], [364 * d, '364d'], [365 * d, '1y'], [3 * y + 100 * d, '3y'],
  ];
  for (const [ms, want] of cases) {
    test(`duration short ${ms}ms is ${want}`, () => {
      assert.equal(shortHumanDuration(ms), want);
    });
  }
});
