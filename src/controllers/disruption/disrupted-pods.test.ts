import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { rfc3339 } from '../../machinery/clock.js';
import type { Pod } from '../runtime/types.js';
import { buildDisruptedPodMap, DELETION_TIMEOUT_MS } from './disrupted-pods.js';
import { countHealthyPods } from './count-healthy-pods.js';

const NOW = Date.UTC(2026, 0, 1, 12);

function pod(name: string, ready: boolean, deleting = false): Pod {
  return {
    apiVersion: 'v1', kind: 'Pod',
    metadata: { name, namespace: 'ns', ...(deleting ? { deletionTimestamp: rfc3339(NOW) } : {}) },
    status: { phase: 'Running', conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }] },
  };
}

describe('buildDisruptedPodMap', () => {
  test('buildDisruptedPodMap keeps fresh entries and drops gone, terminating and expired ones', () => {
    const fresh = rfc3339(NOW - 30_000);
    const older = rfc3339(NOW - 60_000);
    const expired = rfc3339(NOW - DELETION_TIMEOUT_MS - 1000);
    const pods = [pod('fresh', true), pod('older', true), pod('expired', true), pod('terminating', true, true), pod('untouched', true)];
    const got = buildDisruptedPodMap(pods, { fresh, older, expired, terminating: fresh, gone: fresh }, NOW);
    assert.deepEqual(got.disruptedPods, { fresh, older });
    assert.equal(got.recheckAt, NOW - 60_000 + DELETION_TIMEOUT_MS);
    assert.deepEqual(got.notDeleted.map((p) => p.metadata.name), ['expired']);
  });

  test('buildDisruptedPodMap of nothing recorded is empty with no recheck', () => {
    assert.deepEqual(buildDisruptedPodMap([pod('a', true)], undefined, NOW), { disruptedPods: {}, recheckAt: undefined, notDeleted: [] });
  });

  test('buildDisruptedPodMap honours a custom timeout', () => {
    const at = rfc3339(NOW - 10_000);
    assert.deepEqual(buildDisruptedPodMap([pod('a', true)], { a: at }, NOW, 5_000).disruptedPods, {});
    assert.deepEqual(buildDisruptedPodMap([pod('a', true)], { a: at }, NOW, 20_000).disruptedPods, { a: at });
  });
});

describe('countHealthyPods', () => {
  const cases: { name: string; pods: Pod[]; disrupted: Record<string, string>; want: number }[] = [
    { name: 'counts Ready pods', pods: [pod('a', true), pod('b', true), pod('c', false)], disrupted: {}, want: 2 },
    { name: 'skips pods being deleted', pods: [pod('a', true), pod('b', true, true)], disrupted: {}, want: 1 },
    { name: 'skips pods pending deletion after an eviction', pods: [pod('a', true), pod('b', true)], disrupted: { b: rfc3339(NOW - 1000) }, want: 1 },
    { name: 'counts pods whose eviction entry expired', pods: [pod('a', true), pod('b', true)], disrupted: { b: rfc3339(NOW - DELETION_TIMEOUT_MS - 1000) }, want: 2 },
    { name: 'counts a pod without status as unhealthy', pods: [{ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'x' } }], disrupted: {}, want: 0 },
  ];
  for (const c of cases) {
    test(`countHealthyPods ${c.name}`, () => {
      assert.equal(countHealthyPods(c.pods, c.disrupted, NOW), c.want);
    });
  }
});
