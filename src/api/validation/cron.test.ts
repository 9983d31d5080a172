import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parse, parseGoDuration, ZERO_TIME } from './cron.js';

function nextOf(spec: string, after: string, timeZone?: string): string {
  const r = parse(spec, { timeZone });
  assert.ok(r.ok, r.ok ? '' : r.error);
  return r.schedule.next(new Date(after)).toISOString();
}

describe('cron parse', () => {
  const errors: [string, string][] = [
    ['', 'empty spec string'],
    ['foo', 'expected exactly 5 fields, found 1: [foo]'],
    ['* * * *', 'expected exactly 5 fields, found 4: [* * * *]'],
    ['60 * * * *', 'end of range (60) above maximum (59): 60'],
    ['* * 0 * *', 'beginning of range (0) below minimum (1): 0'],
    ['* * * * 7', 'end of range (7) above maximum (6): 7'],
    ['5-1 * * * *', 'beginning of range (5) beyond end of range (1): 5-1'],
    ['*/0 * * * *', 'step of range should be a positive number: */0'],
    ['a * * * *', 'failed to parse int from a: strconv.Atoi: parsing "a": invalid syntax'],
    ['1-2-3 * * * *', 'too many hyphens: 1-2-3'],
    ['1/2/3 * * * *', 'too many slashes: 1/2/3'],
    ['@fortnightly', 'unrecognized descriptor: @fortnightly'],
    ['@every x', 'failed to parse duration @every x: time: invalid duration "x"'],
  ];
  for (const [spec, want] of errors) {
    test(`parse rejects ${JSON.stringify(spec)}`, () => {
      const r = parse(spec);
      assert.equal(r.ok, false);
      if (!r.ok) assert.equal(r.error, want);
    });
  }

  const accepted = ['*/5 * * * *', '0 0 * * MON-FRI', '@hourly', '@daily', '@weekly', '@monthly', '@yearly', '@every 1h30m', '0 12 1,15 jan,jul ?', 'TZ=Europe/Paris 0 9 * * *'];
  for (const spec of accepted) test(`parse accepts ${JSON.stringify(spec)}`, () => assert.equal(parse(spec).ok, true));
});

describe('cron next', () => {
  const cases: [string, string, string, string?][] = [
    ['*/15 * * * *', '2024-01-01T10:07:30Z', '2024-01-01T10:15:00.000Z'],
    ['0 * * * *', '2024-01-01T10:00:00Z', '2024-01-01T11:00:00.000Z'],
    ['@daily', '2024-02-28T23:59:59Z', '2024-02-29T00:00:00.000Z'],
    ['0 0 31 * *', '2024-04-01T00:00:00Z', '2024-05-31T00:00:00.000Z'],
    ['30 2 * * 1', '2024-01-03T00:00:00Z', '2024-01-08T02:30:00.000Z'],
    // Both day fields restricted: either matches (1st of the month or a Sunday).
    ['0 0 1 * 0', '2024-01-02T00:00:00Z', '2024-01-07T00:00:00.000Z'],
    ['@every 90s', '2024-01-01T00:00:00.500Z', '2024-01-01T00:01:30.000Z'],
    ['0 9 * * *', '2024-06-01T00:00:00Z', '2024-06-01T07:00:00.000Z', 'Europe/Paris'],
    ['TZ=America/New_York 0 9 * * *', '2024-01-15T00:00:00Z', '2024-01-15T14:00:00.000Z'],
  ];
  for (const [spec, after, want, tz] of cases) {
    test(`next of ${JSON.stringify(spec)} after ${after}`, () => assert.equal(nextOf(spec, after, tz), want));
  }

  test('next gives the zero time when nothing matches within five years', () => {
    const r = parse('0 0 30 2 *');
    assert.ok(r.ok);
    if (r.ok) assert.equal(r.schedule.next(new Date('2024-01-01T00:00:00Z')).getTime(), ZERO_TIME.getTime());
  });

  test('parseGoDuration reads Go durations', () => {
    assert.equal(parseGoDuration('1h30m'), 5_400_000);
    assert.equal(parseGoDuration('1.5s'), 1500);
    assert.throws(() => parseGoDuration('10'), /time: missing unit in duration "10"/);
    assert.throws(() => parseGoDuration('10x'), /time: unknown unit "x" in duration "10x"/);
  });
});
