import { test } from 'node:test';
import assert from 'node:assert/strict';
import { selectorFromSet } from '../../../machinery/labels.js';
import { CycleState } from '../../framework/cycle-state.js';
import { info, makeCache, makeNode, makePod } from '../../testing/fixtures.js';
import type { Pod, TopologySpreadConstraint } from '../../api-types.js';
import { PodTopologySpread } from './podtopologyspread.js';

const ZONE = 'topology.kubernetes.io/zone';
const HOST = 'kubernetes.io/hostname';
const nodes = [
  makeNode('a1', { labels: { [ZONE]: 'a' } }),
  makeNode('a2', { labels: { [ZONE]: 'a' } }),
  makeNode('b1', { labels: { [ZONE]: 'b' } }),
  makeNode('c1', { labels: { [ZONE]: 'c', special: 'yes' } }),
  makeNode('nolabel', { labels: {} }),
];
const spread = (key: string, maxSkew = 1, extra: Partial<TopologySpreadConstraint> = {}): TopologySpreadConstraint => ({
  maxSkew, topologyKey: key, whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: 'web' } }, ...extra,
});
const web = (name: string, node: string) => makePod(name, { node, labels: { app: 'web' } });

function filterAll(existing: Pod[], pod: Pod): Record<string, string> {
  const cache = makeCache(nodes, existing);
  const pl = new PodTopologySpread(cache.snapshot);
  const state = new CycleState();
  const pi = info(pod);
  const pre = pl.preFilter(state, pi);
  const out: Record<string, string> = {};
  for (const ni of cache.snapshot.list()) {
    if (pre.isSkip()) { out[ni.name] = 'skip'; continue; }
    const s = pl.filter(state, pi, ni);
    out[ni.name] = s.isSuccess() ? 'ok' : s.reasons[0]!;
  }
  return out;
}

const SKEW = "node(s) didn't match pod topology spread constraints";
const LABEL = "node(s) didn't match pod topology spread constraints (missing required label)";

test('PodTopologySpread filter keeps the zone skew within maxSkew', () => {
  const existing = [web('w1', 'a1'), web('w2', 'a2'), web('w3', 'b1')];
  const got = filterAll(existing, makePod('p', { labels: { app: 'web' }, topologySpreadConstraints: [spread(ZONE)] }));
  assert.deepEqual(got, { a1: SKEW, b1: SKEW, c1: 'ok', a2: SKEW, nolabel: LABEL });
  const loose = filterAll(existing, makePod('p', { labels: { app: 'web' }, topologySpreadConstraints: [spread(ZONE, 2)] }));
  assert.deepEqual(loose, { a1: SKEW, b1: 'ok', c1: 'ok', a2: SKEW, nolabel: LABEL });
});

test('PodTopologySpread filter honours node affinity and minDomains', () => {
  const existing = [web('w1', 'a1'), web('w2', 'b1')];
  // Only zone c is eligible under the node selector, so the minimum is zone c's count.
  const selected = filterAll(existing, makePod('p', { labels: { app: 'web' }, nodeSelector: { special: 'yes' }, topologySpreadConstraints: [spread(ZONE)] }));
  assert.equal(selected['c1'], 'ok');
  // With minDomains above the number of domains the global minimum is 0: every domain with a pod is full.
  const min = filterAll(existing, makePod('p', { labels: { app: 'web' }, topologySpreadConstraints: [spread(ZONE, 1, { minDomains: 5 })] }));
  assert.deepEqual(min, { a1: SKEW, b1: SKEW, c1: 'ok', a2: SKEW, nolabel: LABEL });
});

test('PodTopologySpread filter skips pods without hard constraints and ignores terminating pods', () => {
  assert.equal(filterAll([], makePod('p'))['a1'], 'skip');
  const existing = [makePod('w1', { node: 'c1', labels: { app: 'web' }, deleting: true })];
  const got = filterAll(existing, makePod('p', { labels: { app: 'web' }, topologySpreadConstraints: [spread(ZONE)] }));
  assert.equal(got['c1'], 'ok');
});

test('PodTopologySpread score prefers emptier domains for ScheduleAnyway constraints', () => {
  const cache = makeCache(nodes.slice(0, 4), [web('w1', 'a1'), web('w2', 'a1'), web('w3', 'b1')]);
  const pl = new PodTopologySpread(cache.snapshot);
  const pod = info(makePod('p', { labels: { app: 'web' }, topologySpreadConstraints: [spread(HOST, 1, { whenUnsatisfiable: 'ScheduleAnyway' })] }));
  const state = new CycleState();
  const list = cache.snapshot.list();
  assert.equal(pl.preScore(state, pod, list).code, 'Success');
  const scores = list.map((n) => pl.score(state, pod, n));
  pl.normalizeScore(state, pod, list, scores);
  const byName = Object.fromEntries(list.map((n, i) => [n.name, scores[i]]));
  assert.ok(byName['c1']! > byName['b1']! && byName['b1']! > byName['a1']!, JSON.stringify(byName));
  assert.equal(byName['c1'], 100);
  assert.equal(byName['a2'], 100);
});

test('PodTopologySpread applies the system default constraints through the default selector', () => {
  const cache = makeCache(nodes.slice(0, 4), [web('w1', 'a1'), web('w2', 'a2')]);
  const pl = new PodTopologySpread(cache.snapshot, { defaultSelector: () => selectorFromSet({ app: 'web' }) });
  const pod = info(makePod('p', { labels: { app: 'web' } }));
  const state = new CycleState();
  const list = cache.snapshot.list();
  assert.equal(pl.preFilter(state, pod).code, 'Skip', 'defaults are ScheduleAnyway');
  assert.equal(pl.preScore(state, pod, list).code, 'Success');
  const scores = list.map((n) => pl.score(state, pod, n));
  pl.normalizeScore(state, pod, list, scores);
  const byName = Object.fromEntries(list.map((n, i) => [n.name, scores[i]]));
  assert.ok(byName['b1']! > byName['a1']!, JSON.stringify(byName));
  const none = new PodTopologySpread(cache.snapshot);
  assert.equal(none.preScore(new CycleState(), pod, list).code, 'Skip');
});
