import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { isPodActive, isPodAvailable, isPodReady, maxContainerRestarts } from './pod-util.js';
import type { Pod } from './types.js';

const T0 = Date.UTC(2026, 0, 1);
const iso = (ms: number): string => new Date(ms).toISOString().replace('.000Z', 'Z');

function pod(o: { phase?: string; ready?: boolean; readySince?: number; deleting?: boolean; restarts?: number[] } = {}): Pod {
  return {
    apiVersion: 'v1', kind: 'Pod',
    metadata: { name: 'p', namespace: 'ns', ...(o.deleting ? { deletionTimestamp: iso(T0) } : {}) },
    status: {
      phase: o.phase ?? 'Running',
      conditions: o.ready === undefined ? [] : [{ type: 'Ready', status: o.ready ? 'True' : 'False', lastTransitionTime: iso(o.readySince ?? T0) }],
      containerStatuses: (o.restarts ?? []).map((n) => ({ restartCount: n })),
    },
  };
}

describe('pod predicates', () => {
  const active: [string, Pod, boolean][] = [
    ['running', pod(), true],
    ['pending', pod({ phase: 'Pending' }), true],
    ['succeeded', pod({ phase: 'Succeeded' }), false],
    ['failed', pod({ phase: 'Failed' }), false],
    ['being deleted', pod({ deleting: true }), false],
  ];
  for (const [name, p, want] of active) test(`isPodActive ${name}: ${want}`, () => assert.equal(isPodActive(p), want));

  const ready: [string, Pod, boolean][] = [
    ['no condition', pod(), false],
    ['Ready=False', pod({ ready: false }), false],
    ['Ready=True', pod({ ready: true }), true],
  ];
  for (const [name, p, want] of ready) test(`isPodReady ${name}: ${want}`, () => assert.equal(isPodReady(p), want));

  const avail: [string, Pod, number, number, boolean][] = [
    ['ready, minReadySeconds 0', pod({ ready: true }), 0, T0, true],
    ['not ready', pod({ ready: false }), 0, T0, false],
    ['ready too briefly', pod({ ready: true, readySince: T0 }), 10, T0 + 10_000, false],
    ['ready long enough', pod({ ready: true, readySince: T0 }), 10, T0 + 10_001, true],
  ];
  for (const [name, p, minReady, now, want] of avail) test(`isPodAvailable ${name}: ${want}`, () => assert.equal(isPodAvailable(p, minReady, now), want));

  test('maxContainerRestarts takes the highest count', () => {
    assert.equal(maxContainerRestarts(pod({ restarts: [1, 4, 2] })), 4);
    assert.equal(maxContainerRestarts(pod()), 0);
  });
});
