import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { rfc3339 } from '../../machinery/clock.js';
import type { Condition, Pod } from '../runtime/types.js';
import { STALE_POD_DISRUPTION_TIMEOUT_MS, staleDisruptionCondition } from './stale-disruption-condition.js';

const NOW = Date.UTC(2026, 0, 1, 12);

function pod(cond: Partial<Condition> | undefined, extra: { deleting?: boolean; phase?: string } = {}): Pod {
  return {
    apiVersion: 'v1', kind: 'Pod',
    metadata: { name: 'p', namespace: 'ns', ...(extra.deleting ? { deletionTimestamp: rfc3339(NOW) } : {}) },
    status: { phase: extra.phase ?? 'Running', conditions: cond ? [{ type: 'DisruptionTarget', status: 'True', ...cond }] : [] },
  };
}

describe('staleDisruptionCondition', () => {
  const cases: { name: string; p: Pod; want: number | undefined }[] = [
    { name: 'no condition', p: pod(undefined), want: undefined },
    { name: 'a False condition', p: pod({ status: 'False', lastTransitionTime: rfc3339(NOW) }), want: undefined },
    { name: 'a pod being deleted', p: pod({ lastTransitionTime: rfc3339(NOW) }, { deleting: true }), want: undefined },
    { name: 'a terminal pod', p: pod({ lastTransitionTime: rfc3339(NOW) }, { phase: 'Failed' }), want: undefined },
    { name: 'a kubelet-set condition', p: pod({ reason: 'TerminationByKubelet', lastTransitionTime: rfc3339(NOW) }), want: undefined },
    { name: 'a fresh condition', p: pod({ reason: 'EvictionByEvictionAPI', lastTransitionTime: rfc3339(NOW - 30_000) }), want: STALE_POD_DISRUPTION_TIMEOUT_MS - 30_000 },
    { name: 'an old condition', p: pod({ reason: 'PreemptionByScheduler', lastTransitionTime: rfc3339(NOW - STALE_POD_DISRUPTION_TIMEOUT_MS - 1000) }), want: 0 },
  ];
  for (const c of cases) {
    test(`staleDisruptionCondition of ${c.name} is ${String(c.want)}`, () => {
      assert.equal(staleDisruptionCondition(c.p, NOW), c.want);
    });
  }
});
