import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createClient, silentLogger, type Requester } from '../client/index.js';
import { CycleState } from './framework/cycle-state.js';
import type { FilterPlugin, Plugin, ScorePlugin } from './framework/interfaces.js';
import { SUCCESS, Status } from './framework/status.js';
import { Scheduler } from './scheduler.js';
import { makeNode, makePod } from './testing/fixtures.js';
import { defaultPlugins } from './plugins/registry.js';

const offline: Requester = {
  request: () => Promise.reject(new Error('offline')),
  stream: () => Promise.reject(new Error('offline')),
};

function withNodes(n: number, plugins: () => Plugin[], opts: { percentageOfNodesToScore?: number } = {}): Scheduler {
  const s = new Scheduler(createClient(offline), { logger: silentLogger, plugins: () => plugins(), random: () => 0.5, ...opts });
  for (let i = 0; i < n; i++) s.onNodeAdd(makeNode(`n${String(i).padStart(3, '0')}`));
  return s;
}

test('Scheduler filters only the adaptive share of nodes, starting where the last cycle stopped', () => {
  const seen: string[][] = [];
  const counter: FilterPlugin = { name: 'Counter', filter: (_s, _p, ni) => { seen[seen.length - 1]!.push(ni.name); return SUCCESS; } };
  const flat: ScorePlugin = { name: 'Flat', score: () => 0 };
  const s = withNodes(300, () => [counter, flat], { percentageOfNodesToScore: 50 });
  for (let i = 0; i < 2; i++) {
    seen.push([]);
    const out = s.schedulePod(new CycleState(), s.newPodInfo(makePod(`p${i}`)));
    assert.equal(out.kind, 'scheduled');
  }
  assert.equal(seen[0]!.length, 150);
  assert.equal(seen[1]!.length, 150);
  assert.equal(seen[0]![0], 'n000');
  assert.equal(seen[1]![0], 'n150');
});

test('Scheduler picks the highest total score and reports a FitError with every reason', () => {
  const pickBig: ScorePlugin = { name: 'PickBig', score: (_s, _p, ni) => (ni.name === 'n002' ? 100 : 10) };
  const s = withNodes(3, () => [pickBig]);
  assert.deepEqual(s.schedulePod(new CycleState(), s.newPodInfo(makePod('p'))), { kind: 'scheduled', node: 'n002' });

  const reject: FilterPlugin = { name: 'Reject', filter: (_s, _p, ni) => new Status('Unschedulable', [ni.name === 'n000' ? 'no A' : 'no B']) };
  const r = withNodes(3, () => [reject]);
  const out = r.schedulePod(new CycleState(), r.newPodInfo(makePod('p')));
  assert.equal(out.kind, 'fit');
  if (out.kind === 'fit') {
    assert.equal(out.error.message(), '0/3 nodes are available: 1 no A, 2 no B.');
    assert.deepEqual([...out.error.diagnosis.unschedulablePlugins], ['Reject']);
  }
});

test('Scheduler with the default plugins schedules by resources, taints and affinity', () => {
  const s = new Scheduler(createClient(offline), { logger: silentLogger, random: () => 0 });
  s.onNodeAdd(makeNode('small', { cpu: '1' }));
  s.onNodeAdd(makeNode('tainted', { cpu: '8', taints: [{ key: 'dedicated', value: 'db', effect: 'NoSchedule' }] }));
  s.onNodeAdd(makeNode('big', { cpu: '8' }));
  const place = (name: string, o: Parameters<typeof makePod>[1]) => {
    const out = s.schedulePod(new CycleState(), s.newPodInfo(makePod(name, o)));
    return out.kind === 'scheduled' ? out.node : out.kind === 'fit' ? out.error.message() : out.message;
  };
  assert.equal(place('a', { cpu: '2' }), 'big');
  assert.equal(place('b', { cpu: '2', tolerations: [{ key: 'dedicated', operator: 'Exists' }], nodeSelector: { 'kubernetes.io/hostname': 'tainted' } }), 'tainted');
  assert.equal(
    place('c', { cpu: '9' }),
    '0/3 nodes are available: 1 node(s) had untolerated taint {dedicated: db}, 2 Insufficient cpu. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.',
  );
  const none = new Scheduler(createClient(offline), { logger: silentLogger, plugins: (h) => defaultPlugins(h) });
  assert.deepEqual(none.schedulePod(new CycleState(), none.newPodInfo(makePod('p'))), { kind: 'error', message: 'no nodes available to schedule pods', unresolvable: true });
});
