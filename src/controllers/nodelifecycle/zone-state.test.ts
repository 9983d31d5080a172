import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Condition, Node } from '../runtime/types.js';
import { computeZoneState, zoneKey } from './zone-state.js';
import { TokenBucket } from './token-bucket.js';
import { FakeClock } from '../../machinery/clock.js';

const c = (status: 'True' | 'False' | 'Unknown'): Condition => ({ type: 'Ready', status });

describe('zone state', () => {
  const cases: [string, (Condition | undefined)[], string][] = [
    ['all ready', [c('True'), c('True')], 'Normal'],
    ['all unready', [c('Unknown'), c('False')], 'FullDisruption'],
    ['two of three unready is still normal', [c('True'), c('Unknown'), c('Unknown')], 'Normal'],
    ['three of four unready is partial', [c('True'), c('Unknown'), c('Unknown'), c('False')], 'PartialDisruption'],
    ['three of ten unready is normal', [...Array(7).fill(c('True')), c('Unknown'), c('Unknown'), c('Unknown')], 'Normal'],
    ['missing conditions count as unready', [undefined, c('True')], 'Normal'],
  ];
  for (const [name, conds, want] of cases) test(`computeZoneState ${name}`, () => assert.equal(computeZoneState(conds, 0.55).state, want));

  test('zoneKey joins region and zone', () => {
    const n = (labels: Record<string, string>): Node => ({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'n', labels } });
    assert.equal(zoneKey(n({})), '');
    assert.equal(zoneKey(n({ 'topology.kubernetes.io/zone': 'a', 'topology.kubernetes.io/region': 'r' })), 'r:\x00:a');
  });

  test('TokenBucket admits at its rate and never at 0', () => {
    const clock = new FakeClock();
    const b = new TokenBucket(0.1, 1, clock);
    assert.deepEqual([b.tryAccept(), b.tryAccept()], [true, false]);
    clock.advance(10_000);
    assert.equal(b.tryAccept(), true);
    b.setRate(0);
    clock.advance(100_000);
    assert.equal(b.tryAccept(), false);
  });
});
