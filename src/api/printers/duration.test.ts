import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { humanDuration, shortHumanDuration, translateTimestampSince } from './duration.js';

const S = 1000;
const M = 60 * S;
const H = 60 * M;
const D = 24 * H;

describe('humanDuration', () => {
  const cases: [string, number, string][] = [
    ['12 seconds', 12 * S, '12s'],
    ['sub-second rounds down', 999, '0s'],
    ['1s in the future is now', -1 * S, '0s'],
    ['1.9s in the future is now', -1.9 * S, '0s'],
    ['2s in the future is invalid', -2 * S, '<invalid>'],
    ['119 seconds stay seconds', 119 * S, '119s'],
    ['2 minutes', 2 * M, '2m'],
    ['5m3s', 5 * M + 3 * S, '5m3s'],
    ['9m59s', 9 * M + 59 * S, '9m59s'],
    ['10 minutes drop seconds', 10 * M + 30 * S, '10m'],
    ['179 minutes', 179 * M, '179m'],
    ['3 hours', 3 * H, '3h'],
    ['3h5m', 3 * H + 5 * M, '3h5m'],
    ['8 hours drop minutes', 8 * H + 20 * M, '8h'],
    ['47 hours', 47 * H, '47h'],
    ['2 days', 2 * D, '2d'],
    ['3d4h', 3 * D + 4 * H, '3d4h'],
    ['8 days drop hours', 8 * D + 5 * H, '8d'],
    ['400 days', 400 * D, '400d'],
    ['729 days', 729 * D, '729d'],
    ['2y30d', (2 * 365 + 30) * D, '2y30d'],
    ['3 years exactly', 3 * 365 * D, '3y'],
    ['9 years', 9 * 365 * D + 100 * D, '9y'],
  ];
  for (const [name, ms, want] of cases) {
    test(`humanDuration prints ${name} as ${want}`, () => assert.equal(humanDuration(ms), want));
  }
});

describe('shortHumanDuration', () => {
  const cases: [number, string][] = [
    [-3 * S, '<invalid>'],
    [-1 * S, '0s'],
    [59 * S, '59s'],
    [5 * M + 3 * S, '5m'],
    [3 * H + 59 * M, '3h'],
    [400 * D, '1y'],
    [100 * D, '100d'],
  ];
  for (const [ms, want] of cases) {
    test(`shortHumanDuration prints ${ms}ms as ${want}`, () => assert.equal(shortHumanDuration(ms), want));
  }
});

describe('translateTimestampSince', () => {
  const now = Date.UTC(2026, 0, 1, 12, 0, 0);
  test('translateTimestampSince humanizes the time since an RFC 3339 timestamp', () => {
    assert.equal(translateTimestampSince('2026-01-01T11:54:57Z', now), '5m3s');
    assert.equal(translateTimestampSince('2026-01-01T11:59:59.500000Z', now), '0s');
  });
  test('translateTimestampSince prints <unknown> for an unset or unparsable timestamp', () => {
    for (const ts of [undefined, null, '', 'yesterday', 42]) assert.equal(translateTimestampSince(ts, now), '<unknown>');
  });
});
