import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Pod } from '../runtime/types.js';
import { getPodsToDelete, POD_DELETION_COST_ANNOTATION } from './pod-ranking.js';

const NOW = Date.UTC(2026, 0, 1, 12);
const iso = (ms: number): string => new Date(ms).toISOString().replace('.000Z', 'Z');
const HOUR = 3600_000;

interface P { name: string; node?: string; phase?: string; ready?: boolean; readyAgo?: number; cost?: number; restarts?: number; createdAgo?: number }

function pod(p: P): Pod {
  return {
    apiVersion: 'v1', kind: 'Pod',
    metadata: {
      name: p.name, namespace: 'ns', uid: `uid-${p.name}`,
      creationTimestamp: iso(NOW - (p.createdAgo ?? HOUR)),
      ...(p.cost !== undefined ? { annotations: { [POD_DELETION_COST_ANNOTATION]: String(p.cost) } } : {}),
    },
    spec: p.node ? { nodeName: p.node } : {},
    status: {
      phase: p.phase ?? 'Running',
      conditions: [{ type: 'Ready', status: p.ready === false ? 'False' : 'True', lastTransitionTime: iso(NOW - (p.readyAgo ?? HOUR)) }],
      containerStatuses: [{ restartCount: p.restarts ?? 0 }],
    },
  };
}

describe('getPodsToDelete', () => {
  const cases: { name: string; pods: P[]; related?: P[]; diff: number; want: string[] }[] = [
    { name: 'prefers unassigned pods', pods: [{ name: 'a', node: 'n1' }, { name: 'b' }], diff: 1, want: ['b'] },
    { name: 'prefers pending over running', pods: [{ name: 'a', node: 'n1' }, { name: 'b', node: 'n1', phase: 'Pending' }], diff: 1, want: ['b'] },
    { name: 'prefers not ready', pods: [{ name: 'a', node: 'n1' }, { name: 'b', node: 'n1', ready: false }], diff: 1, want: ['b'] },
    { name: 'prefers lower deletion cost', pods: [{ name: 'a', node: 'n1', cost: 5 }, { name: 'b', node: 'n2', cost: -1 }], diff: 1, want: ['b'] },
    { name: 'prefers pods doubled up on a node', pods: [{ name: 'a', node: 'n1' }, { name: 'b', node: 'n2' }, { name: 'c', node: 'n2' }], diff: 1, want: ['b'] },
    { name: 'prefers pods ready for less time (log buckets)', pods: [{ name: 'a', node: 'n1', readyAgo: 10 * HOUR }, { name: 'b', node: 'n2', readyAgo: HOUR / 10 }], diff: 1, want: ['b'] },
    { name: 'prefers more restarts', pods: [{ name: 'a', node: 'n1' }, { name: 'b', node: 'n2', restarts: 3 }], diff: 1, want: ['b'] },
    { name: 'prefers newer pods', pods: [{ name: 'a', node: 'n1', createdAgo: 100 * HOUR }, { name: 'b', node: 'n2', createdAgo: HOUR / 100 }], diff: 1, want: ['b'] },
    { name: 'returns all when deleting all', pods: [{ name: 'a' }, { name: 'b' }], diff: 2, want: ['a', 'b'] },
    { name: 'counts related pods of sibling sets', pods: [{ name: 'a', node: 'n1' }, { name: 'b', node: 'n2' }], related: [{ name: 'x', node: 'n1' }, { name: 'y', node: 'n1' }], diff: 1, want: ['a'] },
  ];
  for (const c of cases) {
    test(`getPodsToDelete ${c.name}`, () => {
      const pods = c.pods.map(pod);
      const related = [...pods, ...(c.related ?? []).map(pod)];
      assert.deepEqual(getPodsToDelete(pods, related, c.diff, NOW).map((p) => p.metadata.name), c.want);
    });
  }
});
