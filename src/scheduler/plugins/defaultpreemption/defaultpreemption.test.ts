import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CycleState } from '../../framework/cycle-state.js';
import { Framework } from '../../framework/framework.js';
import { NodeToStatus } from '../../framework/node-to-status.js';
import { PodInfo } from '../../framework/pod-info.js';
import type { Cache } from '../../cache.js';
import { makeCache, makeNode, makePod } from '../../testing/fixtures.js';
import type { Pod, PodDisruptionBudget, Taint } from '../../api-types.js';
import { Fit } from '../noderesources/fit.js';
import { TaintToleration } from '../tainttoleration/tainttoleration.js';
import { DefaultPreemption, type PreemptionHandle } from './defaultpreemption.js';
import { filterPodsWithPDBViolation, pickOneNode } from './victims.js';

interface Setup { pl: DefaultPreemption; fw: Framework; cache: Cache; evicted: string[]; activated: string[] }

function setup(nodes: ReturnType<typeof makeNode>[], pods: Pod[], pdbs: PodDisruptionBudget[] = []): Setup {
  const cache = makeCache(nodes, pods);
  const evicted: string[] = [];
  const activated: string[] = [];
  let fw: Framework | undefined;
  const h: PreemptionHandle = {
    snapshot: cache.snapshot,
    framework: () => fw!,
    nominator: { nominatedPodsForNode: () => [] },
    currentPod: () => undefined,
    pdbs: () => pdbs,
    executor: {
      preemptVictim: async (_p, v, node) => { evicted.push(`${v.name}@${node}`); },
      clearNominatedNodeName: async () => {},
    },
    activate: (p) => activated.push(p.name),
    now: () => Date.UTC(2026, 0, 1),
    random: () => 0,
  };
  const pl = new DefaultPreemption(h);
  fw = new Framework([new TaintToleration(), new Fit(), pl]);
  return { pl, fw, cache, evicted, activated };
}

/** Runs the filters on every node, then PostFilter. */
function preempt(s: Setup, pod: Pod) {
  const pi = new PodInfo(pod);
  const state = new CycleState();
  s.fw.runPreFilterPlugins(state, pi);
  const m = new NodeToStatus();
  for (const ni of s.cache.snapshot.list()) {
    const st = s.fw.runFilterPlugins(state, pi, ni);
    if (!st.isSuccess()) m.set(ni.name, st);
  }
  return s.fw.runPostFilterPlugins(state, pi, m);
}

const low = (name: string, node: string, cpu = '2', priority = 1) => makePod(name, { node, cpu, priority });

test('DefaultPreemption reports no victims when nothing has lower priority', () => {
  const s = setup([makeNode('n1', { cpu: '2' }), makeNode('n2', { cpu: '2' })], [low('a', 'n1', '2', 0), low('b', 'n2', '2', 0)]);
  const r = preempt(s, makePod('p', { cpu: '1' }));
  assert.equal(r.status.code, 'Unschedulable');
  assert.equal(r.status.message(), 'preemption: 0/2 nodes are available: 2 No preemption victims found for incoming pod.');
  assert.equal(r.nominatedNodeName, '');
});

test('DefaultPreemption says preemption does not help on unresolvable nodes', () => {
  const taint: Taint = { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' };
  const s = setup([makeNode('cp', { cpu: '2', taints: [taint] }), makeNode('n1', { cpu: '2' })], [low('a', 'n1', '2', 5)]);
  const r = preempt(s, makePod('p', { cpu: '1', priority: 5 }));
  assert.equal(r.status.message(), 'preemption: 0/2 nodes are available: 1 No preemption victims found for incoming pod, 1 Preemption is not helpful for scheduling.');
});

test('DefaultPreemption picks the node whose victims matter least and evicts them', async () => {
  const s = setup([makeNode('n1', { cpu: '2' }), makeNode('n2', { cpu: '2' })], [low('a', 'n1', '2', 5), low('b', 'n2', '1', 1), low('c', 'n2', '1', 1)]);
  const r = preempt(s, makePod('p', { cpu: '1', priority: 10 }));
  assert.equal(r.status.code, 'Success');
  assert.equal(r.nominatedNodeName, 'n2', 'lowest highest-priority victim');
  await new Promise((res) => setImmediate(res));
  assert.equal(s.evicted.length, 1, 'one victim is enough on n2');
  assert.match(s.evicted[0]!, /^[bc]@n2$/);
  assert.equal(s.pl.preEnqueue(makePod('p')).code, 'Success', 'preemption finished');
});

test('DefaultPreemption respects preemptionPolicy Never', () => {
  const s = setup([makeNode('n1', { cpu: '2' })], [low('a', 'n1')]);
  const r = preempt(s, makePod('p', { cpu: '1', priority: 10, preemptionPolicy: 'Never' }));
  assert.equal(r.status.message(), 'preemption: not eligible due to preemptionPolicy=Never.');
  assert.equal(r.nominatedNodeName, undefined);
});

test('DefaultPreemption reports what still does not fit after removing every victim', () => {
  const s = setup([makeNode('n1', { cpu: '2' })], [low('a', 'n1', '1', 1), makePod('big', { node: 'n1', cpu: '1', priority: 100 })]);
  const r = preempt(s, makePod('p', { cpu: '2', priority: 10 }));
  assert.equal(r.status.message(), 'preemption: 0/1 nodes are available: 1 Insufficient cpu.');
});

test('filterPodsWithPDBViolation counts down each budget in order', () => {
  const pdb: PodDisruptionBudget = { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'b', namespace: 'default' }, spec: { selector: { matchLabels: { app: 'x' } } }, status: { disruptionsAllowed: 1 } };
  const pods = ['a', 'b', 'c'].map((n) => new PodInfo(makePod(n, { labels: { app: 'x' } })));
  const other = new PodInfo(makePod('d', { labels: { app: 'y' } }));
  const r = filterPodsWithPDBViolation([...pods, other], [pdb]);
  assert.deepEqual(r.violating.map((p) => p.name), ['b', 'c']);
  assert.deepEqual(r.nonViolating.map((p) => p.name), ['a', 'd']);
});

test('pickOneNode prefers fewer PDB violations, then lower priorities, then fewer victims', () => {
  const v = (name: string, priority: number) => new PodInfo(makePod(name, { priority }), priority);
  const now = Date.UTC(2026, 0, 1);
  assert.equal(pickOneNode([{ nodeName: 'x', victims: [v('a', 1)], numPDBViolations: 1 }, { nodeName: 'y', victims: [v('b', 9)], numPDBViolations: 0 }], now)?.nodeName, 'y');
  assert.equal(pickOneNode([{ nodeName: 'x', victims: [v('a', 5)], numPDBViolations: 0 }, { nodeName: 'y', victims: [v('b', 3), v('c', 3)], numPDBViolations: 0 }], now)?.nodeName, 'y');
  assert.equal(pickOneNode([{ nodeName: 'x', victims: [v('a', 3), v('b', 1)], numPDBViolations: 0 }, { nodeName: 'y', victims: [v('c', 3), v('d', 2)], numPDBViolations: 0 }], now)?.nodeName, 'x');
  assert.equal(pickOneNode([{ nodeName: 'x', victims: [v('a', 3), v('b', 3)], numPDBViolations: 0 }, { nodeName: 'y', victims: [v('c', 3)], numPDBViolations: 0 }], now)?.nodeName, 'y');
});
