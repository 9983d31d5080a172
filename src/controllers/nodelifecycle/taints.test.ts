import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Node, Taint, Toleration } from '../runtime/types.js';
import { matchingTolerations, minTolerationMs, noScheduleTaintsFor, swapTaints, taintSetDiff, toleratesTaint, UNREACHABLE_NO_EXECUTE, NOT_READY_NO_EXECUTE } from './taints.js';

const unreachable: Taint = { key: 'node.kubernetes.io/unreachable', effect: 'NoExecute' };

describe('taints and tolerations', () => {
  const tolerates: [string, Toleration, boolean][] = [
    ['exact key, Exists', { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' }, true],
    ['empty key, Exists: everything', { operator: 'Exists' }, true],
    ['other effect', { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoSchedule' }, false],
    ['other key', { key: 'node.kubernetes.io/not-ready', operator: 'Exists' }, false],
    ['Equal with the empty value', { key: 'node.kubernetes.io/unreachable', operator: 'Equal', value: '' }, true],
    ['Equal with another value', { key: 'node.kubernetes.io/unreachable', value: 'x' }, false],
  ];
  for (const [name, t, want] of tolerates) test(`toleratesTaint ${name}: ${want}`, () => assert.equal(toleratesTaint(t, unreachable), want));

  test('matchingTolerations needs every taint tolerated', () => {
    const t: Toleration = { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 };
    assert.deepEqual(matchingTolerations([unreachable], [t]), { all: true, used: [t] });
    assert.deepEqual(matchingTolerations([unreachable, NOT_READY_NO_EXECUTE], [t]), { all: false, used: [] });
  });

  const minTimes: [string, Toleration[], number][] = [
    ['none', [], 0],
    ['forever', [{ operator: 'Exists' }], -1],
    ['smallest seconds', [{ operator: 'Exists', tolerationSeconds: 300 }, { operator: 'Exists', tolerationSeconds: 30 }], 30_000],
    ['zero means now', [{ operator: 'Exists', tolerationSeconds: 0 }], 0],
  ];
  for (const [name, ts, want] of minTimes) test(`minTolerationMs ${name}`, () => assert.equal(minTolerationMs(ts), want));

  test('noScheduleTaintsFor maps conditions and unschedulable', () => {
    const node: Node = {
      apiVersion: 'v1', kind: 'Node', metadata: { name: 'n' }, spec: { unschedulable: true },
      status: { conditions: [{ type: 'Ready', status: 'Unknown' }, { type: 'MemoryPressure', status: 'False' }, { type: 'DiskPressure', status: 'True' }] },
    };
    assert.deepEqual(noScheduleTaintsFor(node).map((t) => t.key), ['node.kubernetes.io/unreachable', 'node.kubernetes.io/disk-pressure', 'node.kubernetes.io/unschedulable']);
  });

  test('taintSetDiff and swapTaints', () => {
    const have: Taint[] = [{ key: 'a', effect: 'NoSchedule' }, { key: 'user', effect: 'NoSchedule' }];
    assert.deepEqual(taintSetDiff([{ key: 'b', effect: 'NoSchedule' }], [have[0]!]), { toAdd: [{ key: 'b', effect: 'NoSchedule' }], toRemove: [have[0]] });
    assert.deepEqual(swapTaints(have, [UNREACHABLE_NO_EXECUTE], [have[0]!], 'T'), [{ key: 'user', effect: 'NoSchedule' }, { ...UNREACHABLE_NO_EXECUTE, timeAdded: 'T' }]);
    assert.equal(swapTaints([{ ...UNREACHABLE_NO_EXECUTE, timeAdded: 'old' }], [UNREACHABLE_NO_EXECUTE], [], 'T'), undefined, 'an existing taint is kept as is');
  });
});
