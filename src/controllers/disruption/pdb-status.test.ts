import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { rfc3339 } from '../../machinery/clock.js';
import { conditionsAreUpToDate, disruptionsAllowed, failSafeStatus, nextPdbStatus } from './pdb-status.js';
import type { PodDisruptionBudget, PodDisruptionBudgetStatus } from './types.js';

const NOW = Date.UTC(2026, 0, 1, 12);
const T0 = rfc3339(NOW - 3600_000);

function pdb(generation: number, status?: PodDisruptionBudgetStatus): PodDisruptionBudget {
  return { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'b', namespace: 'ns', generation }, spec: { minAvailable: 2 }, ...(status ? { status } : {}) };
}

describe('disruptionsAllowed', () => {
  const cases: { current: number; desired: number; expected: number; want: number }[] = [
    { current: 3, desired: 2, expected: 3, want: 1 },
    { current: 3, desired: 0, expected: 3, want: 3 },
    { current: 2, desired: 2, expected: 3, want: 0 },
    { current: 1, desired: 2, expected: 3, want: 0 },
    { current: 3, desired: 1, expected: 0, want: 0 },
  ];
  for (const c of cases) {
    test(`disruptionsAllowed(${c.current}, ${c.desired}, ${c.expected}) is ${c.want}`, () => {
      assert.equal(disruptionsAllowed(c.current, c.desired, c.expected), c.want);
    });
  }
});

describe('nextPdbStatus', () => {
  test('nextPdbStatus fills a fresh budget and sets DisruptionAllowed True/SufficientPods', () => {
    const got = nextPdbStatus(pdb(1), { currentHealthy: 3, desiredHealthy: 2, expectedCount: 3, disruptedPods: {} }, NOW);
    assert.deepEqual(got, {
      observedGeneration: 1, disruptionsAllowed: 1, currentHealthy: 3, desiredHealthy: 2, expectedPods: 3,
      conditions: [{ type: 'DisruptionAllowed', status: 'True', reason: 'SufficientPods', message: '', observedGeneration: 1, lastTransitionTime: rfc3339(NOW) }],
    });
  });

  test('nextPdbStatus is undefined when the stored status is current', () => {
    const cur = nextPdbStatus(pdb(1), { currentHealthy: 3, desiredHealthy: 2, expectedCount: 3, disruptedPods: { a: T0 } }, NOW);
    assert.ok(cur);
    assert.equal(nextPdbStatus(pdb(1, cur), { currentHealthy: 3, desiredHealthy: 2, expectedCount: 3, disruptedPods: { a: T0 } }, NOW + 1000), undefined);
  });

  const changes: { name: string; gen: number; counts: { currentHealthy: number; desiredHealthy: number; expectedCount: number; disruptedPods: Record<string, string> } }[] = [
    { name: 'a new generation', gen: 2, counts: { currentHealthy: 3, desiredHealthy: 2, expectedCount: 3, disruptedPods: {} } },
    { name: 'a different healthy count', gen: 1, counts: { currentHealthy: 2, desiredHealthy: 2, expectedCount: 3, disruptedPods: {} } },
    { name: 'a different desired count', gen: 1, counts: { currentHealthy: 3, desiredHealthy: 1, expectedCount: 3, disruptedPods: {} } },
    { name: 'a different expected count', gen: 1, counts: { currentHealthy: 3, desiredHealthy: 2, expectedCount: 4, disruptedPods: {} } },
    { name: 'a pruned disruptedPods', gen: 1, counts: { currentHealthy: 3, desiredHealthy: 2, expectedCount: 3, disruptedPods: { a: T0 } } },
  ];
  for (const c of changes) {
    test(`nextPdbStatus writes on ${c.name}`, () => {
      const stored = nextPdbStatus(pdb(1), { currentHealthy: 3, desiredHealthy: 2, expectedCount: 3, disruptedPods: {} }, NOW);
      assert.ok(stored);
      const got = nextPdbStatus(pdb(c.gen, stored), c.counts, NOW + 1000);
      assert.ok(got);
      assert.equal(got.observedGeneration, c.gen);
    });
  }

  test('nextPdbStatus flips the condition to False/InsufficientPods with a new transition time', () => {
    const stored = nextPdbStatus(pdb(1), { currentHealthy: 3, desiredHealthy: 2, expectedCount: 3, disruptedPods: {} }, NOW);
    assert.ok(stored);
    const got = nextPdbStatus(pdb(1, stored), { currentHealthy: 2, desiredHealthy: 2, expectedCount: 3, disruptedPods: { x: T0 } }, NOW + 5000);
    assert.deepEqual(got?.conditions, [{ type: 'DisruptionAllowed', status: 'False', reason: 'InsufficientPods', message: '', observedGeneration: 1, lastTransitionTime: rfc3339(NOW + 5000) }]);
    assert.equal(got?.disruptionsAllowed, 0);
    assert.deepEqual(got?.disruptedPods, { x: T0 });
  });

  test('nextPdbStatus keeps other conditions and the transition time when the status stays', () => {
    const other = { type: 'Other', status: 'True' as const, reason: 'R', message: 'm', lastTransitionTime: T0 };
    const stale = { type: 'DisruptionAllowed', status: 'False' as const, reason: 'SyncFailed', message: 'boom', lastTransitionTime: T0 };
    const got = nextPdbStatus(pdb(1, { conditions: [other, stale] }), { currentHealthy: 1, desiredHealthy: 2, expectedCount: 3, disruptedPods: {} }, NOW);
    assert.deepEqual(got?.conditions, [other, { type: 'DisruptionAllowed', status: 'False', reason: 'InsufficientPods', message: '', observedGeneration: 1, lastTransitionTime: T0 }]);
  });

  test('nextPdbStatus allows nothing while no pods are expected', () => {
    const got = nextPdbStatus(pdb(1), { currentHealthy: 0, desiredHealthy: 0, expectedCount: 0, disruptedPods: {} }, NOW);
    assert.equal(got?.disruptionsAllowed, 0);
    assert.equal(got?.conditions?.[0]?.reason, 'InsufficientPods');
  });
});

describe('conditionsAreUpToDate', () => {
  const cases: { name: string; b: PodDisruptionBudget; want: boolean }[] = [
    { name: 'no condition', b: pdb(1, { observedGeneration: 1, disruptionsAllowed: 1 }), want: false },
    { name: 'True/SufficientPods with disruptions', b: pdb(1, { observedGeneration: 1, disruptionsAllowed: 1, conditions: [{ type: 'DisruptionAllowed', status: 'True', reason: 'SufficientPods' }] }), want: true },
    { name: 'True/SufficientPods without disruptions', b: pdb(1, { observedGeneration: 1, disruptionsAllowed: 0, conditions: [{ type: 'DisruptionAllowed', status: 'True', reason: 'SufficientPods' }] }), want: false },
    { name: 'False/SyncFailed without disruptions', b: pdb(1, { observedGeneration: 1, disruptionsAllowed: 0, conditions: [{ type: 'DisruptionAllowed', status: 'False', reason: 'SyncFailed' }] }), want: false },
    { name: 'an old generation', b: pdb(2, { observedGeneration: 1, disruptionsAllowed: 0, conditions: [{ type: 'DisruptionAllowed', status: 'False', reason: 'InsufficientPods' }] }), want: false },
  ];
  for (const c of cases) {
    test(`conditionsAreUpToDate is ${c.want} for ${c.name}`, () => {
      assert.equal(conditionsAreUpToDate(c.b), c.want);
    });
  }
});

describe('failSafeStatus', () => {
  test('failSafeStatus zeroes disruptionsAllowed and says SyncFailed, keeping observedGeneration', () => {
    const stored = nextPdbStatus(pdb(1), { currentHealthy: 3, desiredHealthy: 2, expectedCount: 3, disruptedPods: { a: T0 } }, NOW);
    assert.ok(stored);
    const got = failSafeStatus(pdb(2, stored), 'found no controllers for pod "a"', NOW + 1000);
    assert.deepEqual(got, {
      ...stored,
      disruptionsAllowed: 0,
      conditions: [{ type: 'DisruptionAllowed', status: 'False', reason: 'SyncFailed', message: 'found no controllers for pod "a"', observedGeneration: 1, lastTransitionTime: rfc3339(NOW + 1000) }],
    });
    assert.equal(failSafeStatus(pdb(2, got), 'found no controllers for pod "a"', NOW + 2000), undefined);
  });

  test('failSafeStatus of a fresh budget writes the required counts', () => {
    const got = failSafeStatus(pdb(1), 'boom', NOW);
    assert.deepEqual(got, {
      disruptionsAllowed: 0, currentHealthy: 0, desiredHealthy: 0, expectedPods: 0,
      conditions: [{ type: 'DisruptionAllowed', status: 'False', reason: 'SyncFailed', message: 'boom', lastTransitionTime: rfc3339(NOW) }],
    });
  });
});
