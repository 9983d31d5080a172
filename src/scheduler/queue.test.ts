import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FakeClock } from '../machinery/clock.js';
import { SchedulingQueue } from './queue.js';
import { Status } from './framework/status.js';
import { PodInfo } from './framework/pod-info.js';
import { makeNode, makePod } from './testing/fixtures.js';
import type { ClusterEventWithHint } from './framework/interfaces.js';

const pi = (name: string, priority = 0) => new PodInfo(makePod(name, { priority }), priority);

test('SchedulingQueue pops by priority, then in arrival order', () => {
  const q = new SchedulingQueue({ clock: new FakeClock() });
  q.add(pi('a'));
  q.add(pi('b', 10));
  q.add(pi('c'));
  q.add(pi('d', 10));
  assert.deepEqual([q.pop(), q.pop(), q.pop(), q.pop()].map((x) => x?.pi.name), ['b', 'd', 'a', 'c']);
  assert.equal(q.pop(), undefined);
});

test('SchedulingQueue backoffDuration doubles from 1s up to 10s', () => {
  const q = new SchedulingQueue();
  assert.deepEqual([1, 2, 3, 4, 5, 6].map((n) => q.backoffDuration(n)), [1000, 2000, 4000, 8000, 10_000, 10_000]);
});

test('SchedulingQueue retries a pod that failed with an error after its back-off', () => {
  const clock = new FakeClock();
  const q = new SchedulingQueue({ clock });
  q.add(pi('a'));
  const first = q.pop()!;
  q.addUnschedulableIfNotPresent(first, false);
  assert.deepEqual(q.counts(), { active: 0, backoff: 1, unschedulable: 0, inFlight: 0 });
  clock.advance(999);
  assert.equal(q.pop(), undefined);
  clock.advance(2);
  assert.equal(q.pop()?.pi.name, 'a');
});

test('SchedulingQueue moves an unschedulable pod only on an event its rejecting plugin says may help', () => {
  const clock = new FakeClock();
  const hints = new Map<string, ClusterEventWithHint[]>([
    ['NodeResourcesFit', [{ resource: 'Node', actions: ['Add'], hint: (_p, ev) => ((ev.newObj?.metadata.labels ?? {})['big'] ? 'Queue' : 'Skip') }]],
  ]);
  const q = new SchedulingQueue({ clock, hints });
  q.add(pi('a'));
  const e = q.pop()!;
  e.unschedulablePlugins = new Set(['NodeResourcesFit']);
  q.addUnschedulableIfNotPresent(e, true);
  q.moveAllToActiveOrBackoffQueue({ resource: 'AssignedPod', actions: new Set(['Delete']) });
  q.moveAllToActiveOrBackoffQueue({ resource: 'Node', actions: new Set(['Add']), newObj: makeNode('small') });
  assert.equal(q.counts().unschedulable, 1);
  clock.advance(5000);
  q.moveAllToActiveOrBackoffQueue({ resource: 'Node', actions: new Set(['Add']), newObj: makeNode('big', { labels: { big: 'yes' } }) });
  assert.equal(q.pop()?.pi.name, 'a');
});

test('SchedulingQueue sends a pod moved during its back-off to the backoff queue', () => {
  const clock = new FakeClock();
  const q = new SchedulingQueue({ clock });
  q.add(pi('a'));
  const e = q.pop()!;
  q.addUnschedulableIfNotPresent(e, true);
  assert.equal(q.counts().backoff, 1, 'no rejecting plugins: back-off');
  clock.advance(2000);
  const again = q.pop()!;
  again.unschedulablePlugins = new Set(['X']);
  q.addUnschedulableIfNotPresent(again, true);
  q.moveAllToActiveOrBackoffQueue({ resource: 'Node', actions: new Set(['Add']) }, () => true);
  assert.equal(q.counts().unschedulable, 1, 'X registered no events');
});

test('SchedulingQueue flushes pods left unschedulable for 5 minutes', () => {
  const clock = new FakeClock();
  const q = new SchedulingQueue({ clock });
  q.run();
  q.add(pi('a'));
  const e = q.pop()!;
  e.unschedulablePlugins = new Set(['X']);
  q.addUnschedulableIfNotPresent(e, true);
  clock.advance(4 * 60_000);
  assert.equal(q.counts().unschedulable, 1);
  clock.advance(90_000);
  assert.equal(q.counts().active, 1);
  q.close();
});

test('SchedulingQueue holds gated pods until an update lets them through', () => {
  const q = new SchedulingQueue({ clock: new FakeClock(), preEnqueue: (p) => (p.pod.spec?.schedulingGates?.length ? new Status('UnschedulableAndUnresolvable', ['gated'], 'SchedulingGates') : new Status('Success')) });
  const gated = makePod('a', { spec: { schedulingGates: [{ name: 'g' }] } });
  q.add(new PodInfo(gated));
  assert.deepEqual(q.counts(), { active: 0, backoff: 0, unschedulable: 1, inFlight: 0 });
  q.moveAllToActiveOrBackoffQueue({ resource: 'Node', actions: new Set(['Add']) });
  assert.equal(q.counts().unschedulable, 1);
  q.update(gated, new PodInfo(makePod('a')));
  assert.equal(q.pop()?.pi.name, 'a');
});

test('SchedulingQueue waitForPods resolves when a pod arrives', async () => {
  const q = new SchedulingQueue({ clock: new FakeClock() });
  const waiting = q.waitForPods();
  q.add(pi('a'));
  await waiting;
  assert.equal(q.pop()?.pi.name, 'a');
});

test('SchedulingQueue remembers nominated pods per node', () => {
  const q = new SchedulingQueue({ clock: new FakeClock() });
  const a = pi('a', 5);
  q.addNominatedPod(a, 'n1');
  assert.deepEqual(q.nominatedPodsForNode('n1').map((p) => p.name), ['a']);
  q.addNominatedPod(a, 'n2');
  assert.deepEqual(q.nominatedPodsForNode('n1'), []);
  q.addNominatedPod(a, '');
  assert.deepEqual(q.nominatedPodsForNode('n2'), []);
  q.add(new PodInfo(makePod('b', { nominatedNodeName: 'n3' })));
  assert.deepEqual(q.nominatedPodsForNode('n3').map((p) => p.name), ['b']);
  q.delete('default/b');
  assert.deepEqual(q.nominatedPodsForNode('n3'), []);
});
