import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { cpuSecondsFromStat, readProcessStats, statusFieldBytes } from './process-stats.js';

describe('process stats', () => {
  test('cpuSecondsFromStat adds utime and stime, with spaces and parentheses in comm', () => {
    const stat = '4242 (node (kite) x) S 1 4242 4242 0 -1 4194304 9000 0 0 0 250 75 0 0 20 0 11 0 123 1000 2000 0';
    assert.equal(cpuSecondsFromStat(stat, 100), 3.25);
  });

  const statusText = 'Name:\tnode\nVmHWM:\t  204800 kB\nVmRSS:\t  102400 kB\nThreads:\t11\n';
  const cases: Array<{ field: string; want: number }> = [
    { field: 'VmRSS', want: 102400 * 1024 },
    { field: 'VmHWM', want: 204800 * 1024 },
  ];
  for (const c of cases) {
    test(`statusFieldBytes reads ${c.field} in bytes`, () => assert.equal(statusFieldBytes(statusText, c.field), c.want));
  }
  test('statusFieldBytes is NaN for a missing field', () => assert.ok(Number.isNaN(statusFieldBytes(statusText, 'VmSwap'))));

  test('readProcessStats reads this process', { skip: !existsSync('/proc/self/stat') }, () => {
    const s = readProcessStats(process.pid);
    assert.ok(s.cpuSeconds >= 0);
    assert.ok(s.rssBytes > 0);
    assert.ok(s.peakRssBytes >= s.rssBytes);
  });
});
