import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { maxSurge, maxUnavailable, resolveFenceposts } from './fenceposts.js';
import { scaledValueFromIntOrPercent } from './int-or-percent.js';
import { deployment } from './test-fixtures.js';
import type { IntOrString } from '../runtime/types.js';

describe('fenceposts', () => {
  const scaled: [IntOrString, number, boolean, number][] = [
    [3, 10, true, 3], ['25%', 10, true, 3], ['25%', 10, false, 2], ['0%', 10, true, 0], ['100%', 3, false, 3], ['1%', 1, true, 1], ['1%', 1, false, 0],
  ];
  for (const [v, total, up, want] of scaled) {
    test(`scaledValueFromIntOrPercent ${JSON.stringify(v)} of ${total} rounded ${up ? 'up' : 'down'} is ${want}`, () => {
      assert.equal(scaledValueFromIntOrPercent(v, total, up), want);
    });
  }
  test('scaledValueFromIntOrPercent rejects a string that is not a percentage', () => {
    assert.throws(() => scaledValueFromIntOrPercent('3', 10, true), /not a percentage/);
  });

  // The upstream ResolveFenceposts examples.
  const cases: [IntOrString, IntOrString, number, { surge: number; unavailable: number }][] = [
    ['0%', '1%', 2, { surge: 0, unavailable: 1 }],
    ['0%', '1%', 1, { surge: 0, unavailable: 1 }],
    ['1%', '25%', 2, { surge: 1, unavailable: 0 }],
    ['1%', '25%', 1, { surge: 1, unavailable: 0 }],
    ['1%', '0%', 2, { surge: 1, unavailable: 0 }],
    ['25%', '25%', 10, { surge: 3, unavailable: 2 }],
    [0, 0, 5, { surge: 0, unavailable: 1 }],
  ];
  for (const [s, u, desired, want] of cases) {
    test(`resolveFenceposts surge ${s} unavailable ${u} of ${desired}`, () => assert.deepEqual(resolveFenceposts(s, u, desired), want));
  }

  test('maxSurge and maxUnavailable are 0 for Recreate', () => {
    const d = deployment({ recreate: true });
    assert.deepEqual([maxSurge(d), maxUnavailable(d)], [0, 0]);
  });
  test('maxUnavailable is capped at spec.replicas and 0 for 0 replicas', () => {
    assert.equal(maxUnavailable(deployment({ replicas: 2, maxUnavailable: 5, maxSurge: 0 })), 2);
    assert.equal(maxUnavailable(deployment({ replicas: 0 })), 0);
  });
});
