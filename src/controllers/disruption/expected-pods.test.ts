import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { OwnerReference } from '../../api/types.js';
import type { Pod } from '../runtime/types.js';
import { expectedPodCount, needsControllerScale, type ControllerScaleFinder, type ExpectedPods } from './expected-pods.js';
import type { PodDisruptionBudgetSpec } from './types.js';

function pod(name: string, ownerUid?: string): Pod {
  const ownerReferences: OwnerReference[] | undefined = ownerUid
    ? [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: `rs-${ownerUid}`, uid: ownerUid, controller: true }]
    : undefined;
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'ns', ownerReferences } };
}

/** Controllers by uid -> scale; unknown uids are not found. */
function finder(scales: Record<string, number>, calls: string[] = []): ControllerScaleFinder {
  return async (ref) => {
    calls.push(ref.uid);
    return ref.uid in scales ? { uid: ref.uid, scale: scales[ref.uid] ?? 0 } : undefined;
  };
}

describe('expectedPodCount', () => {
  const three = [pod('a', 'rs1'), pod('b', 'rs1'), pod('c', 'rs1')];
  const cases: { name: string; spec: PodDisruptionBudgetSpec; pods: Pod[]; scales: Record<string, number>; want: ExpectedPods }[] = [
    { name: 'int minAvailable counts the selected pods', spec: { minAvailable: 2 }, pods: three, scales: {}, want: { expectedCount: 3, desiredHealthy: 2, unmanagedPods: [] } },
    { name: 'int minAvailable ignores controllers', spec: { minAvailable: 2 }, pods: [pod('x')], scales: {}, want: { expectedCount: 1, desiredHealthy: 2, unmanagedPods: [] } },
    { name: 'percentage minAvailable takes the scale, rounding up', spec: { minAvailable: '50%' }, pods: three, scales: { rs1: 5 }, want: { expectedCount: 5, desiredHealthy: 3, unmanagedPods: [] } },
    { name: 'percentage minAvailable of 100% wants every replica', spec: { minAvailable: '100%' }, pods: three, scales: { rs1: 3 }, want: { expectedCount: 3, desiredHealthy: 3, unmanagedPods: [] } },
    { name: 'int maxUnavailable subtracts from the scale', spec: { maxUnavailable: 1 }, pods: three, scales: { rs1: 3 }, want: { expectedCount: 3, desiredHealthy: 2, unmanagedPods: [] } },
    { name: 'percentage maxUnavailable rounds the unavailable count up', spec: { maxUnavailable: '34%' }, pods: three, scales: { rs1: 3 }, want: { expectedCount: 3, desiredHealthy: 1, unmanagedPods: [] } },
    { name: 'maxUnavailable above the scale wants none', spec: { maxUnavailable: 5 }, pods: three, scales: { rs1: 3 }, want: { expectedCount: 3, desiredHealthy: 0, unmanagedPods: [] } },
    { name: 'maxUnavailable wins over minAvailable', spec: { maxUnavailable: 0, minAvailable: 1 }, pods: three, scales: { rs1: 3 }, want: { expectedCount: 3, desiredHealthy: 3, unmanagedPods: [] } },
    { name: 'scales of distinct controllers add up', spec: { maxUnavailable: '10%' }, pods: [pod('a', 'rs1'), pod('b', 'rs2')], scales: { rs1: 4, rs2: 6 }, want: { expectedCount: 10, desiredHealthy: 9, unmanagedPods: [] } },
    { name: 'pods without a controller are listed apart', spec: { minAvailable: '50%' }, pods: [pod('a', 'rs1'), pod('lone')], scales: { rs1: 2 }, want: { expectedCount: 2, desiredHealthy: 1, unmanagedPods: ['lone'] } },
    { name: 'no pods and a percentage expect nothing', spec: { minAvailable: '50%' }, pods: [], scales: {}, want: { expectedCount: 0, desiredHealthy: 0, unmanagedPods: [] } },
    { name: 'neither field expects nothing', spec: {}, pods: three, scales: {}, want: { expectedCount: 0, desiredHealthy: 0, unmanagedPods: [] } },
  ];
  for (const c of cases) {
    test(`expectedPodCount ${c.name}`, async () => {
      assert.deepEqual(await expectedPodCount(c.spec, c.pods, finder(c.scales)), c.want);
    });
  }

  test('expectedPodCount asks once per controller', async () => {
    const calls: string[] = [];
    await expectedPodCount({ maxUnavailable: 1 }, three, finder({ rs1: 3 }, calls));
    assert.deepEqual(calls, ['rs1']);
  });

  test('expectedPodCount fails when a pod\'s controller is not found', async () => {
    await assert.rejects(expectedPodCount({ minAvailable: '50%' }, [pod('a', 'gone')], finder({})), { message: 'found no controllers for pod "a"' });
  });

  test('expectedPodCount fails on a malformed percentage', async () => {
    await assert.rejects(expectedPodCount({ maxUnavailable: '1' }, three, finder({ rs1: 3 })), /not a percentage/);
  });

  const needs: { spec: PodDisruptionBudgetSpec | undefined; want: boolean }[] = [
    { spec: { minAvailable: 1 }, want: false },
    { spec: { minAvailable: '10%' }, want: true },
    { spec: { maxUnavailable: 1 }, want: true },
    { spec: {}, want: false },
    { spec: undefined, want: false },
  ];
  for (const n of needs) {
    test(`needsControllerScale is ${n.want} for ${JSON.stringify(n.spec)}`, () => {
      assert.equal(needsControllerScale(n.spec), n.want);
    });
  }
});
