import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CycleState } from '../../framework/cycle-state.js';
import type { NodeInfo } from '../../framework/node-info.js';
import type { PodInfo } from '../../framework/pod-info.js';
import type { Status } from '../../framework/status.js';
import { info, makeCache, makeNode, makePod } from '../../testing/fixtures.js';
import type { Affinity, Pod, PodAffinityTerm } from '../../api-types.js';
import { InterPodAffinity } from './interpodaffinity.js';

const HOST = 'kubernetes.io/hostname';
const ZONE = 'topology.kubernetes.io/zone';
const term = (labels: Record<string, string>, topologyKey = HOST, extra: Partial<PodAffinityTerm> = {}): PodAffinityTerm => ({ labelSelector: { matchLabels: labels }, topologyKey, ...extra });
const anti = (...t: PodAffinityTerm[]): Affinity => ({ podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: t } });
const aff = (...t: PodAffinityTerm[]): Affinity => ({ podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: t } });

const nodes = [
  makeNode('a1', { labels: { [ZONE]: 'a' } }),
  makeNode('a2', { labels: { [ZONE]: 'a' } }),
  makeNode('b1', { labels: { [ZONE]: 'b' } }),
];

/** Filter results per node name: 'ok' or the first reason. */
function filterAll(existing: Pod[], pod: Pod, namespaces: Record<string, Record<string, string>> = {}): Record<string, string> {
  const cache = makeCache(nodes, existing);
  for (const [ns, labels] of Object.entries(namespaces)) cache.snapshot.namespaceLabels.set(ns, labels);
  const pl = new InterPodAffinity(cache.snapshot);
  const state = new CycleState();
  const pi = info(pod);
  const pre = pl.preFilter(state, pi);
  const out: Record<string, string> = {};
  for (const ni of cache.snapshot.list()) {
    if (pre.isSkip()) { out[ni.name] = 'skip'; continue; }
    const s = pl.filter(state, pi, ni);
    out[ni.name] = s.isSuccess() ? 'ok' : `${s.code}: ${s.reasons[0]}`;
  }
  return out;
}

const ANTI = "Unschedulable: node(s) didn't match pod anti-affinity rules";
const EXISTING = "Unschedulable: node(s) didn't satisfy existing pods anti-affinity rules";
const AFF = "UnschedulableAndUnresolvable: node(s) didn't match pod affinity rules";

test('InterPodAffinity filter enforces the incoming pod\'s anti-affinity per topology', () => {
  const existing = [makePod('web-1', { node: 'a1', labels: { app: 'web' } })];
  assert.deepEqual(filterAll(existing, makePod('p', { labels: { app: 'web' }, affinity: anti(term({ app: 'web' })) })), { a1: ANTI, a2: 'ok', b1: 'ok' });
  assert.deepEqual(filterAll(existing, makePod('p', { affinity: anti(term({ app: 'web' }, ZONE)) })), { a1: ANTI, b1: 'ok', a2: ANTI });
  assert.deepEqual(filterAll(existing, makePod('p', { namespace: 'other', affinity: anti(term({ app: 'web' })) })), { a1: 'ok', a2: 'ok', b1: 'ok' }, 'other namespace');
  assert.deepEqual(filterAll(existing, makePod('p', { namespace: 'other', affinity: anti(term({ app: 'web' }, HOST, { namespaces: ['default'] })) })), { a1: ANTI, a2: 'ok', b1: 'ok' });
  assert.deepEqual(
    filterAll(existing, makePod('p', { namespace: 'other', affinity: anti(term({ app: 'web' }, HOST, { namespaceSelector: { matchLabels: { team: 'x' } } })) }), { default: { team: 'x' } }),
    { a1: ANTI, a2: 'ok', b1: 'ok' },
    'namespaceSelector',
  );
});

test('InterPodAffinity filter enforces existing pods\' anti-affinity', () => {
  const existing = [makePod('db', { node: 'a1', labels: { app: 'db' }, affinity: anti(term({ app: 'web' }, ZONE)) })];
  assert.deepEqual(filterAll(existing, makePod('p', { labels: { app: 'web' } })), { a1: EXISTING, b1: 'ok', a2: EXISTING });
  assert.deepEqual(filterAll(existing, makePod('p', { labels: { app: 'api' } })), { a1: 'ok', b1: 'ok', a2: 'ok' });
  assert.deepEqual(filterAll([], makePod('p', { labels: { app: 'web' } })), { a1: 'skip', b1: 'skip', a2: 'skip' });
});

test('InterPodAffinity filter enforces required affinity, allowing the first pod of a self-affine group', () => {
  const existing = [makePod('cache', { node: 'b1', labels: { app: 'cache' } })];
  assert.deepEqual(filterAll(existing, makePod('p', { affinity: aff(term({ app: 'cache' }, ZONE)) })), { a1: AFF, b1: 'ok', a2: AFF });
  assert.deepEqual(filterAll([], makePod('p', { affinity: aff(term({ app: 'cache' }, ZONE)) })), { a1: AFF, b1: AFF, a2: AFF });
  assert.deepEqual(filterAll([], makePod('p', { labels: { app: 'cache' }, affinity: aff(term({ app: 'cache' }, ZONE)) })), { a1: 'ok', b1: 'ok', a2: 'ok' });
  assert.deepEqual(filterAll([], makePod('p', { labels: { app: 'cache' }, affinity: aff(term({ app: 'cache' }, 'no-such-key')) })), { a1: AFF, b1: AFF, a2: AFF });
});

test('InterPodAffinity preFilterExtensions add and remove pods from the counts', () => {
  const cache = makeCache(nodes, [makePod('web-1', { node: 'a1', labels: { app: 'web' } })]);
  const pl = new InterPodAffinity(cache.snapshot);
  const state = new CycleState();
  const pod = info(makePod('p', { affinity: anti(term({ app: 'web' })) }));
  pl.preFilter(state, pod);
  const a1 = cache.snapshot.get('a1')! as NodeInfo;
  const existing = a1.pods[0] as PodInfo;
  assert.equal((pl.filter(state, pod, a1) as Status).code, 'Unschedulable');
  pl.preFilterExtensions.removePod(state, pod, existing, a1);
  assert.equal(pl.filter(state, pod, a1).code, 'Success');
  const b1 = cache.snapshot.get('b1')!;
  pl.preFilterExtensions.addPod(state, pod, info(makePod('web-2', { node: 'b1', labels: { app: 'web' } })), b1);
  assert.equal(pl.filter(state, pod, b1).code, 'Unschedulable');
});

test('InterPodAffinity score favours preferred affinity and disfavours preferred anti-affinity', () => {
  const cache = makeCache(nodes, [makePod('cache', { node: 'a1', labels: { app: 'cache' } }), makePod('noisy', { node: 'b1', labels: { app: 'noisy' } })]);
  const pl = new InterPodAffinity(cache.snapshot);
  const pod = info(makePod('p', { affinity: {
    podAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 10, podAffinityTerm: term({ app: 'cache' }, ZONE) }] },
    podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 5, podAffinityTerm: term({ app: 'noisy' }) }] },
  } }));
  const state = new CycleState();
  const list = cache.snapshot.list();
  assert.equal(pl.preScore(state, pod, list).code, 'Success');
  const scores = list.map((n) => pl.score(state, pod, n));
  assert.deepEqual(Object.fromEntries(list.map((n, i) => [n.name, scores[i]])), { a1: 10, b1: -5, a2: 10 });
  pl.normalizeScore(state, pod, list, scores);
  assert.deepEqual(Object.fromEntries(list.map((n, i) => [n.name, scores[i]])), { a1: 100, b1: 0, a2: 100 });
});

test('InterPodAffinity score counts existing pods\' required affinity towards the incoming pod', () => {
  const cache = makeCache(nodes, [makePod('follower', { node: 'b1', labels: { app: 'f' }, affinity: aff(term({ app: 'leader' })) })]);
  const pl = new InterPodAffinity(cache.snapshot);
  const pod = info(makePod('leader', { labels: { app: 'leader' } }));
  const state = new CycleState();
  const list = cache.snapshot.list();
  assert.equal(pl.preScore(state, pod, list).code, 'Success');
  assert.deepEqual(list.map((n) => pl.score(state, pod, n)), [0, 1, 0]);
  assert.equal(pl.preScore(new CycleState(), info(makePod('x', { labels: { app: 'x' } })), list).code, 'Skip');
});
