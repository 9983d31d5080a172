import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Cache } from './cache.js';
import { makeNode, makePod, info } from './testing/fixtures.js';

test('Cache assumePod counts the pod on its node until forgotten', () => {
  const cache = new Cache();
  cache.addNode(makeNode('n1'));
  const pi = info(makePod('p', { cpu: '1' })).assumedOn('n1');
  cache.assumePod(pi);
  const ni = cache.snapshot.get('n1')!;
  assert.equal(ni.requested.milliCPU, 1000);
  assert.equal(cache.isAssumed(pi.key), true);
  cache.forgetPod(pi.key);
  assert.equal(ni.requested.milliCPU, 0);
  assert.equal(cache.getPod(pi.key), undefined);
});

test('Cache addPod confirms an assumed pod without counting it twice', () => {
  const cache = new Cache();
  cache.addNode(makeNode('n1'));
  cache.assumePod(info(makePod('p', { cpu: '1' })).assumedOn('n1'));
  cache.addPod(makePod('p', { cpu: '1', node: 'n1' }));
  const ni = cache.snapshot.get('n1')!;
  assert.equal(ni.pods.length, 1);
  assert.equal(ni.requested.milliCPU, 1000);
  assert.equal(cache.isAssumed('default/p'), false);
  assert.equal(cache.forgetPod('default/p'), undefined, 'a confirmed pod is not forgotten');
});

test('Cache updatePod moves a pod bound elsewhere and removePod frees it', () => {
  const cache = new Cache();
  cache.addNode(makeNode('n1'));
  cache.addNode(makeNode('n2'));
  cache.assumePod(info(makePod('p', { cpu: '1' })).assumedOn('n1'));
  cache.addPod(makePod('p', { cpu: '1', node: 'n2' }));
  assert.equal(cache.snapshot.get('n1')!.requested.milliCPU, 0);
  assert.equal(cache.snapshot.get('n2')!.requested.milliCPU, 1000);
  cache.removePod(makePod('p', { node: 'n2' }));
  assert.equal(cache.snapshot.get('n2')!.pods.length, 0);
  assert.equal(cache.snapshot.pods.size, 0);
});

test('Cache keeps pods of a node that is not known yet, and lists only known nodes', () => {
  const cache = new Cache();
  cache.addPod(makePod('p', { node: 'ghost' }));
  assert.equal(cache.snapshot.numNodes, 0);
  cache.addNode(makeNode('ghost'));
  assert.equal(cache.snapshot.get('ghost')!.pods.length, 1);
  cache.removeNode('ghost');
  assert.equal(cache.snapshot.numNodes, 0);
  assert.equal(cache.snapshot.nodeInfos.get('ghost')!.pods.length, 1);
});

test('Snapshot lists nodes interleaved across zones', () => {
  const cache = new Cache();
  const z = (zone: string) => ({ 'topology.kubernetes.io/zone': zone });
  for (const [n, zone] of [['a1', 'a'], ['a2', 'a'], ['a3', 'a'], ['b1', 'b'], ['c1', 'c'], ['c2', 'c']] as const) cache.addNode(makeNode(n, { labels: z(zone) }));
  assert.deepEqual(cache.snapshot.list().map((n) => n.name), ['a1', 'b1', 'c1', 'a2', 'c2', 'a3']);
  cache.updateNode(makeNode('a1', { labels: z('c') }));
  assert.deepEqual(cache.snapshot.list().map((n) => n.name), ['a2', 'b1', 'c1', 'a3', 'c2', 'a1']);
});

test('Snapshot tracks nodes with affinity pods and the terms of existing pods', () => {
  const anti = { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: 'x' } }, topologyKey: 'kubernetes.io/hostname' }] } };
  const cache = new Cache();
  cache.addNode(makeNode('n1'));
  cache.addNode(makeNode('n2'));
  cache.addPod(makePod('p1', { node: 'n1', labels: { app: 'x' }, affinity: anti }));
  cache.addPod(makePod('p2', { node: 'n1', labels: { app: 'x' }, affinity: anti }));
  assert.deepEqual(cache.snapshot.havePodsWithRequiredAntiAffinityList().map((n) => n.name), ['n1']);
  assert.equal(cache.snapshot.requiredAntiAffinity.size, 1, 'equal terms are grouped');
  const hits = [...cache.snapshot.requiredAntiAffinity.candidatesFor({ app: 'x' })];
  assert.equal(hits.length, 1);
  assert.equal(hits[0]!.owners.size, 2);
  assert.equal([...cache.snapshot.requiredAntiAffinity.candidatesFor({ app: 'y' })].length, 0);
  cache.removePod(makePod('p1', { node: 'n1' }));
  cache.removePod(makePod('p2', { node: 'n1' }));
  assert.equal(cache.snapshot.requiredAntiAffinity.size, 0);
  assert.deepEqual(cache.snapshot.havePodsWithRequiredAntiAffinityList(), []);
});
