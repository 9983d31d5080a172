import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { findResource } from '../api/resources.js';
import type { KubeObject } from '../api/types.js';
import { FakeClock } from '../machinery/clock.js';
import { expired, internalError } from '../machinery/errors.js';
import { createClient } from './client.js';
import { inProcessRequester } from './in-process.js';
import { FakeApiServer } from './testing/fake-api-server.js';
import { Informer } from './informer.js';
import { SharedInformerFactory } from './shared-informer-factory.js';
import { silentLogger } from './logger.js';

const pods = findResource('', 'v1', 'pods')!;
const configmaps = findResource('', 'v1', 'configmaps')!;

const settle = async (): Promise<void> => { for (let i = 0; i < 30; i++) await new Promise((r) => setImmediate(r)); };

const pod = (name: string, extra: Record<string, unknown> = {}): KubeObject => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default' }, ...extra });

interface Harness {
  clock: FakeClock;
  server: FakeApiServer;
  informer: Informer;
  log: string[];
  ctl: AbortController;
  run: Promise<void>;
  stop(): Promise<void>;
  lists(): number;
  watches(): URLSearchParams[];
}

async function harness(opts: { pageSize?: number; seed?: string[]; start?: boolean } = {}): Promise<Harness> {
  const clock = new FakeClock();
  const server = new FakeApiServer({ clock });
  for (const n of opts.seed ?? []) server.put('', 'pods', pod(n));
  const client = createClient(inProcessRequester(server.handler));
  const informer = new Informer(client, pods, { clock, logger: silentLogger, pageSize: opts.pageSize, random: () => 0 });
  const log: string[] = [];
  informer.addEventHandler({
    onAdd: (o, initial) => log.push(`add ${o.metadata.name}${initial ? ' (initial)' : ''}`),
    onUpdate: (a, b) => log.push(`update ${a.metadata.name} ${a.metadata.resourceVersion}->${b.metadata.resourceVersion}`),
    onDelete: (o, unknown) => log.push(`delete ${o.metadata.name}${unknown ? ' (final state unknown)' : ''}`),
  });
  const ctl = new AbortController();
  const run = informer.start(ctl.signal);
  await settle();
  const reqs = (): { method: string; path: string; query: string }[] => server.requests.filter((r) => r.path === '/api/v1/pods');
  return {
    clock, server, informer, log, ctl, run,
    stop: async () => { ctl.abort(); await run; },
    lists: () => reqs().filter((r) => !r.query.includes('watch=true')).length,
    watches: () => reqs().filter((r) => r.query.includes('watch=true')).map((r) => new URLSearchParams(r.query)),
  };
}

describe('Informer', () => {
  test('Informer delivers add, update and delete in order after the initial list', async () => {
    const h = await harness({ seed: ['a', 'b'] });
    assert.equal(h.informer.hasSynced(), true);
    h.server.put('', 'pods', pod('c'));
    h.server.put('', 'pods', pod('a', { spec: { nodeName: 'n1' } }));
    h.server.remove('', 'pods', 'b', 'default');
    await settle();
    assert.deepEqual(h.log, ['add a (initial)', 'add b (initial)', 'add c', 'update a 1->4', 'delete b']);
    assert.deepEqual(h.informer.list().map((o) => o.metadata.name).sort(), ['a', 'c']);
    assert.equal(h.informer.getByName('a', 'default')?.apiVersion, 'v1', 'list items get apiVersion/kind filled in');
    assert.equal(h.informer.lastSyncResourceVersion(), '5');
    await h.stop();
    assert.equal(h.server.watchCount, 0, 'stopping closes the watch');
  });

  test('Informer pages the list with limit and continue', async () => {
    const h = await harness({ pageSize: 2, seed: ['a', 'b', 'c', 'd', 'e'] });
    const lists = h.server.requests.filter((r) => r.path === '/api/v1/pods' && !r.query.includes('watch'));
    assert.deepEqual(lists.map((r) => new URLSearchParams(r.query).get('limit')), ['2', '2', '2']);
    assert.equal(new URLSearchParams(lists[0]?.query).get('continue'), null);
    assert.ok(new URLSearchParams(lists[1]?.query).get('continue'));
    assert.equal(h.informer.list().length, 5);
    await h.stop();
  });

  test('Informer resumes a normally ended watch from the last resourceVersion', async () => {
    const h = await harness({ seed: ['a'] });
    h.server.put('', 'pods', pod('b'));
    await settle();
    h.clock.advance(60_000);
    h.server.endWatches();
    await settle();
    const ws = h.watches();
    assert.equal(h.lists(), 1, 'no relist');
    assert.deepEqual(ws.map((q) => q.get('resourceVersion')), ['1', '2']);
    assert.equal(ws[0]?.get('allowWatchBookmarks'), 'true');
    h.server.put('', 'pods', pod('c'));
    await settle();
    assert.deepEqual(h.log, ['add a (initial)', 'add b', 'add c']);
    await h.stop();
  });

  test('Informer follows bookmarks', async () => {
    const h = await harness({ seed: ['a'] });
    h.server.put('', 'configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', namespace: 'default' } });
    h.server.sendBookmark();
    await settle();
    assert.equal(h.informer.lastSyncResourceVersion(), '2');
    h.clock.advance(60_000);
    h.server.endWatches();
    await settle();
    assert.equal(h.watches().at(-1)?.get('resourceVersion'), '2');
    await h.stop();
  });

  test('Informer relists on HTTP 410 and reports what changed meanwhile', async () => {
    const h = await harness({ seed: ['a', 'b'] });
    h.clock.advance(60_000);
    h.server.endWatches();
    // Changes the informer's watch misses, then the history is gone.
    h.server.remove('', 'pods', 'b', 'default');
    h.server.put('', 'pods', pod('a', { spec: { x: 1 } }));
    h.server.put('', 'pods', pod('d'));
    h.server.compact();
    await settle();
    assert.equal(h.lists(), 2, 'relisted');
    assert.deepEqual(h.log, ['add a (initial)', 'add b (initial)', 'update a 1->4', 'add d', 'delete b (final state unknown)']);
    assert.equal(h.watches().at(-1)?.get('resourceVersion'), '5', 'watches from the new list');
    await h.stop();
  });

  test('Informer relists on an in-stream 410 ERROR event', async () => {
    const h = await harness({ seed: ['a'] });
    h.server.put('', 'pods', pod('b'));
    await settle();
    h.server.sendWatchError(expired('too old resource version: 1 (2)'));
    h.server.remove('', 'pods', 'a', 'default');
    await settle();
    assert.equal(h.lists(), 2);
    assert.deepEqual(h.log, ['add a (initial)', 'add b', 'delete a (final state unknown)']);
    await h.stop();
  });

  test('Informer backs off after a failed list and then syncs', async () => {
    const clock = new FakeClock();
    const server = new FakeApiServer({ clock });
    server.put('', 'pods', pod('a'));
    server.failNext((r) => r.path === '/api/v1/pods', internalError(new Error('etcd down')), 2);
    const inf = new Informer(createClient(inProcessRequester(server.handler)), pods, { clock, logger: silentLogger, random: () => 0 });
    const ctl = new AbortController();
    const run = inf.start(ctl.signal);
    const synced = inf.waitForSync(ctl.signal);
    await settle();
    assert.equal(inf.hasSynced(), false);
    clock.advance(799); await settle();
    assert.equal(inf.hasSynced(), false, 'still backing off');
    clock.advance(1); await settle();
    assert.equal(inf.hasSynced(), false, 'second failure');
    clock.advance(1600); await settle();
    assert.equal(await synced, true);
    ctl.abort();
    await run;
  });

  test('Informer indexes objects and keeps indexes current', async () => {
    const h = await harness();
    h.informer.addIndexer('node', (o) => { const n = (o['spec'] as { nodeName?: string } | undefined)?.nodeName; return n ? [n] : []; });
    h.server.put('', 'pods', pod('a', { spec: { nodeName: 'n1' } }));
    h.server.put('', 'pods', pod('b', { spec: { nodeName: 'n1' } }));
    await settle();
    assert.deepEqual(h.informer.byIndex('node', 'n1').map((o) => o.metadata.name).sort(), ['a', 'b']);
    h.server.put('', 'pods', pod('b', { spec: { nodeName: 'n2' } }));
    h.server.remove('', 'pods', 'a', 'default');
    await settle();
    assert.deepEqual(h.informer.byIndex('node', 'n1'), []);
    assert.deepEqual(h.informer.byIndex('node', 'n2').map((o) => o.metadata.name), ['b']);
    await h.stop();
  });

  test('Informer cached objects are frozen', async () => {
    const h = await harness({ seed: ['a'] });
    const a = h.informer.getByName('a', 'default')!;
    assert.throws(() => { a.metadata.labels = { x: 'y' }; }, TypeError);
    await h.stop();
  });

  test('Informer replays the cache to a handler added after sync', async () => {
    const h = await harness({ seed: ['a', 'b'] });
    const late: string[] = [];
    const off = h.informer.onAdd((o, initial) => late.push(`${o.metadata.name} ${initial}`));
    assert.deepEqual(late, ['a true', 'b true']);
    off();
    h.server.put('', 'pods', pod('c'));
    await settle();
    assert.deepEqual(late, ['a true', 'b true'], 'unregistered');
    await h.stop();
  });

  test('Informer resync re-delivers cached objects as updates', async () => {
    const clock = new FakeClock();
    const server = new FakeApiServer({ clock });
    server.put('', 'pods', pod('a'));
    const inf = new Informer(createClient(inProcessRequester(server.handler)), pods, { clock, logger: silentLogger, resyncMs: 30_000 });
    const updates: string[] = [];
    inf.onUpdate((o, n) => updates.push(`${o.metadata.name} ${o === n}`));
    const ctl = new AbortController();
    const run = inf.start(ctl.signal);
    await settle();
    clock.advance(30_000);
    assert.deepEqual(updates, ['a true']);
    ctl.abort();
    await run;
  });
});

describe('Informer edge cases', () => {
  test('Informer backs off when watches end at once with nothing received', async () => {
    const h = await harness({ seed: ['a'] });
    h.server.endWatches(); // the clock has not moved: a "very short watch"
    await settle();
    assert.equal(h.lists(), 1, 'no immediate relist');
    h.clock.advance(800);
    await settle();
    assert.equal(h.lists(), 2, 'relisted after the back-off');
    assert.deepEqual(h.log, ['add a (initial)']);
    await h.stop();
  });

  test('Informer passes its selectors to list and watch and caches only matches', async () => {
    const clock = new FakeClock();
    const server = new FakeApiServer({ clock });
    server.put('', 'pods', pod('a', { spec: { nodeName: 'n1' } }));
    server.put('', 'pods', pod('b', { spec: { nodeName: 'n2' } }));
    const inf = new Informer(createClient(inProcessRequester(server.handler)), pods, { clock, logger: silentLogger, fieldSelector: 'spec.nodeName=n1', namespace: 'default' });
    const ctl = new AbortController();
    const run = inf.start(ctl.signal);
    await settle();
    server.put('', 'pods', pod('c', { spec: { nodeName: 'n1' } }));
    server.put('', 'pods', pod('d', { spec: { nodeName: 'n2' } }));
    await settle();
    assert.deepEqual(inf.list().map((o) => o.metadata.name).sort(), ['a', 'c']);
    assert.ok(server.requests.every((r) => r.path === '/api/v1/namespaces/default/pods' && new URLSearchParams(r.query).get('fieldSelector') === 'spec.nodeName=n1'));
    ctl.abort();
    await run;
  });
});

describe('SharedInformerFactory', () => {
  test('SharedInformerFactory shares one informer per resource and selection', async () => {
    const clock = new FakeClock();
    const server = new FakeApiServer({ clock });
    server.put('', 'pods', pod('a'));
    const f = new SharedInformerFactory(createClient(inProcessRequester(server.handler)), { clock, logger: silentLogger });
    const p1 = f.informerFor(pods);
    assert.equal(f.informerFor(pods), p1);
    assert.notEqual(f.informerFor(pods, { namespace: 'x' }), p1);
    const ctl = new AbortController();
    f.start(ctl.signal);
    const cms = f.informerFor(configmaps); // made after start: starts at once
    assert.equal(await f.waitForCacheSync(ctl.signal), true);
    assert.equal(cms.hasSynced(), true);
    assert.equal(p1.list().length, 1);
    ctl.abort();
    await f.stopped();
  });
});
