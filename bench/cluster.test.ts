import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { SIM_REGISTERED, summarizeCpuProfile, type CpuProfile } from './cluster.js';

const frame = (functionName: string, url = '', lineNumber = 0): { functionName: string; url: string; lineNumber: number } => ({ functionName, url, lineNumber });

// root -> a (repo file), b (node_modules), (idle), (garbage collector)
const profile: CpuProfile = {
  nodes: [
    { id: 1, callFrame: frame('(root)') },
    { id: 2, callFrame: frame('a', 'file:///repo/dist/src/client/store.js', 35) },
    { id: 3, callFrame: frame('b', 'file:///repo/node_modules/@scope/pkg/lib/b.js', 9) },
    { id: 4, callFrame: frame('(idle)') },
    { id: 5, callFrame: frame('(garbage collector)') },
    { id: 6, callFrame: frame('', 'file:///repo/dist/src/client/informer.js', 0) },
  ],
  startTime: 0,
  endTime: 10_000,
  // Sample i is charged the delta to sample i + 1 (the last one nothing).
  samples: [2, 2, 3, 4, 5, 6, 2],
  timeDeltas: [0, 1000, 3000, 2000, 1000, 1000, 2000],
};

describe('cluster bench', () => {
  test('summarizeCpuProfile charges each sample the time to the next one, idle apart', () => {
    const s = summarizeCpuProfile(profile, { root: '/repo' });
    assert.equal(s.totalMs, 10);
    assert.equal(s.idleMs, 1);
    assert.deepEqual(s.functions, [
      { name: 'a dist/src/client/store.js:36', selfMs: 4, busyPercent: 44.4 },
      { name: 'b node_modules/@scope/pkg/lib/b.js:10', selfMs: 2, busyPercent: 22.2 },
      { name: '(garbage collector)', selfMs: 1, busyPercent: 11.1 },
      { name: '(anonymous) dist/src/client/informer.js:1', selfMs: 2, busyPercent: 22.2 },
    ].sort((x, y) => y.selfMs - x.selfMs));
  });

  test('summarizeCpuProfile groups self time by folder and package', () => {
    const s = summarizeCpuProfile(profile, { root: '/repo' });
    assert.deepEqual(s.folders.map((f) => [f.name, f.selfMs]), [
      ['dist/src/client', 6],
      ['node_modules/@scope/pkg', 2],
      ['(garbage collector)', 1],
    ]);
  });

  test('summarizeCpuProfile keeps only the top entries', () => {
    assert.equal(summarizeCpuProfile(profile, { root: '/repo', top: 1 }).functions.length, 1);
  });

  test('summarizeCpuProfile spreads the duration over hit counts when there are no samples', () => {
    const s = summarizeCpuProfile({
      nodes: [
        { id: 1, callFrame: frame('a', 'file:///repo/x/a.js'), hitCount: 3 },
        { id: 2, callFrame: frame('(idle)'), hitCount: 1 },
      ],
      startTime: 0,
      endTime: 8000,
    }, { root: '/repo' });
    assert.deepEqual([s.totalMs, s.idleMs, s.functions[0]?.selfMs, s.functions[0]?.busyPercent], [8, 2, 6, 100]);
  });

  const lines: Array<{ line: string; want: [string, string] | null }> = [
    { line: '1000 simulated nodes registered (sim-0 .. sim-999) in 4.7s; Ctrl-C to stop', want: ['1000', '4.7'] },
    { line: '1 simulated nodes registered (sim-0) in 0.2s; Ctrl-C to stop', want: ['1', '0.2'] },
    { line: 'sim: 1000 nodes registered', want: null },
  ];
  for (const c of lines) {
    test(`SIM_REGISTERED ${c.want ? 'reads' : 'ignores'} ${JSON.stringify(c.line.slice(0, 40))}`, () => {
      const m = SIM_REGISTERED.exec(c.line);
      assert.deepEqual(m ? [m[1], m[2]] : null, c.want);
    });
  }
});
