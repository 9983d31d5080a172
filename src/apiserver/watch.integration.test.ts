// Integration: watch from resourceVersion 0, N and too old (410 Expired), selectors on watches,
// bookmarks, watch-list (sendInitialEvents) and ListOptions validation.

import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Harness, assertStatus, configMap, ns, pod } from './testing/harness.js';

const P = '/api/v1/namespaces/w/configmaps';

function evNames(evs: { type: string; object: { metadata: { name?: string } } }[]): string[] {
  return evs.map((e) => `${e.type} ${e.object.metadata.name ?? ''}`);
}

describe('apiserver watch', () => {
  let h: Harness;
  before(async () => {
    h = await Harness.start({ watchCacheCapacity: 8, bookmarkIntervalMs: 20 });
    await h.create('/api/v1/namespaces', ns('w'));
    await h.create(P, configMap('a'));
    await h.create(P, configMap('b'));
  });
  after(async () => { await h.stop(); });

  test('a watch without resourceVersion starts with the current state, then streams changes', async () => {
    const w = await h.watch(P);
    assert.equal(w.status, 200);
    assert.equal(w.headers['content-type'], 'application/json');
    assert.deepEqual(evNames(await w.next(2)), ['ADDED a', 'ADDED b']);
    await h.create(P, configMap('c'));
    await h.patch(`${P}/a`, 'merge', { data: { x: '1' } });
    await h.delete(`${P}/c`);
    const live = await w.next(3);
    assert.deepEqual(evNames(live), ['ADDED c', 'MODIFIED a', 'DELETED c']);
    assert.deepEqual(live[1]!.object.data, { a: '1', x: '1' });
    w.close();
  });

  test('resourceVersion=0 also starts with the current state', async () => {
    const w = await h.watch(P, { query: { resourceVersion: '0' } });
    assert.deepEqual(evNames(await w.next(2)), ['ADDED a', 'ADDED b']);
    w.close();
  });

  test('resourceVersion=N streams only the changes after N', async () => {
    const list = await h.get(P);
    const rv = (list.obj.metadata as { resourceVersion: string }).resourceVersion;
    await h.create(P, configMap('after-n'));
    const w = await h.watch(P, { query: { resourceVersion: rv } });
    assert.deepEqual(evNames(await w.next(1)), ['ADDED after-n']);
    assert.equal(w.pending.length, 0);
    await h.delete(`${P}/after-n`);
    assert.deepEqual(evNames(await w.next(1)), ['DELETED after-n']);
    w.close();
  });

  test('a resourceVersion older than the watch cache window is an ERROR event with 410 Expired', async () => {
    const first = (await h.get(P)).obj.metadata as { resourceVersion: string };
    for (let i = 0; i < 12; i++) await h.patch(`${P}/b`, 'merge', { data: { n: String(i) } });
    await h.settle();
    const w = await h.watch(P, { query: { resourceVersion: first.resourceVersion } });
    assert.equal(w.status, 200);
    const [ev] = await w.next(1);
    assert.equal(ev!.type, 'ERROR');
    const status = ev!.object as unknown as { kind: string; code: number; reason: string; message: string };
    assert.equal(status.kind, 'Status');
    assert.equal(status.code, 410);
    assert.equal(status.reason, 'Expired');
    assert.match(status.message, new RegExp(`^too old resource version: ${first.resourceVersion} \\(\\d+\\)$`));
  });

  test('a label-selected watch sees objects enter and leave the selection', async () => {
    const w = await h.watch(P, { query: { labelSelector: 'tier=web' } });
    await h.create(P, configMap('sel', {}, { tier: 'db' }));
    await h.patch(`${P}/sel`, 'merge', { metadata: { labels: { tier: 'web' } } });
    await h.patch(`${P}/sel`, 'merge', { data: { q: '1' } });
    await h.patch(`${P}/sel`, 'merge', { metadata: { labels: { tier: 'db' } } });
    assert.deepEqual(evNames(await w.next(3)), ['ADDED sel', 'MODIFIED sel', 'DELETED sel']);
    w.close();
  });

  test('a watch on spec.nodeName sees pods bound to that node only', async () => {
    const PODS = '/api/v1/namespaces/w/pods';
    const w = await h.watch('/api/v1/pods', { query: { fieldSelector: 'spec.nodeName=node-9' } });
    const unscheduled = await h.watch(PODS, { query: { fieldSelector: 'spec.nodeName=' } });
    await h.create(PODS, pod('elsewhere', { nodeName: 'node-1' }));
    await h.create(PODS, pod('pending'));
    await h.create(PODS, pod('here', { nodeName: 'node-9' }));
    assert.deepEqual(evNames(await w.next(1)), ['ADDED here']);
    assert.deepEqual(evNames(await unscheduled.next(1)), ['ADDED pending']);
    // Binding the pending pod moves it out of the unscheduled watch and into node-9's.
    const b = await h.post(`${PODS}/pending/binding`, { apiVersion: 'v1', kind: 'Binding', metadata: { name: 'pending' }, target: { kind: 'Node', name: 'node-9' } });
    assert.equal(b.status, 201, b.text);
    assert.deepEqual(evNames(await w.next(1)), ['ADDED pending']);
    assert.deepEqual(evNames(await unscheduled.next(1)), ['DELETED pending']);
    w.close();
    unscheduled.close();
  });

  test('allowWatchBookmarks sends BOOKMARK events with the current resourceVersion', async () => {
    const w = await h.watch(P, { query: { resourceVersion: (await h.get(P)).obj.metadata.resourceVersion, allowWatchBookmarks: 'true' } });
    const [bm] = await w.next(1);
    assert.equal(bm!.type, 'BOOKMARK');
    assert.equal(bm!.object.kind, 'ConfigMap');
    assert.equal(bm!.object.apiVersion, 'v1');
    const rv = Number(bm!.object.metadata.resourceVersion);
    assert.ok(rv >= Number((await h.get(P)).obj.metadata.resourceVersion));
    assert.deepEqual(Object.keys(bm!.object.metadata), ['resourceVersion']);
    w.close();
  });

  test('a watch without allowWatchBookmarks gets no bookmarks', async () => {
    const w = await h.watch(P, { query: { resourceVersion: (await h.get(P)).obj.metadata.resourceVersion } });
    await new Promise((r) => setTimeout(r, 80));
    assert.equal(w.pending.length, 0);
    w.close();
  });

  test('sendInitialEvents=true streams the state then the initial-events-end bookmark', async () => {
    const w = await h.watch(P, { query: { sendInitialEvents: 'true', resourceVersionMatch: 'NotOlderThan', allowWatchBookmarks: 'true', resourceVersion: '' } });
    const current = (await h.get(P)).obj.items as { metadata: { name: string } }[];
    const initial = await w.next(current.length + 1);
    assert.deepEqual(initial.slice(0, -1).map((e) => `${e.type} ${e.object.metadata.name}`), current.map((i) => `ADDED ${i.metadata.name}`));
    const end = initial.at(-1)!;
    assert.equal(end.type, 'BOOKMARK');
    assert.deepEqual(end.object.metadata.annotations, { 'k8s.io/initial-events-end': 'true' });
    assert.match(end.object.metadata.resourceVersion ?? '', /^\d+$/);
    await h.create(P, configMap('after-list'));
    const next = await w.next(1, 1000).catch(() => undefined) ?? [];
    // Periodic bookmarks may interleave; the new object must arrive.
    const all = [...next, ...(next.some((e) => e.type === 'ADDED') ? [] : await w.next(1))];
    assert.ok(all.some((e) => e.type === 'ADDED' && e.object.metadata.name === 'after-list'));
    w.close();
  });

  test('sendInitialEvents=false with NotOlderThan streams only changes', async () => {
    const rv = (await h.get(P)).obj.metadata.resourceVersion;
    const w = await h.watch(P, { query: { sendInitialEvents: 'false', resourceVersionMatch: 'NotOlderThan', resourceVersion: rv } });
    await h.create(P, configMap('nie'));
    assert.deepEqual(evNames(await w.next(1)), ['ADDED nie']);
    w.close();
  });

  const invalid: [Record<string, string>, string][] = [
    [{ sendInitialEvents: 'true', allowWatchBookmarks: 'true' }, 'ListOptions.meta.k8s.io "" is invalid: resourceVersionMatch: Forbidden: sendInitialEvents requires setting resourceVersionMatch to NotOlderThan'],
    [{ resourceVersionMatch: 'NotOlderThan', resourceVersion: '1' }, 'ListOptions.meta.k8s.io "" is invalid: resourceVersionMatch: Forbidden: resourceVersionMatch is forbidden for watch unless sendInitialEvents is provided'],
    [{ sendInitialEvents: 'true', allowWatchBookmarks: 'true', resourceVersionMatch: 'Exact' }, 'ListOptions.meta.k8s.io "" is invalid: [resourceVersionMatch: Forbidden: sendInitialEvents requires setting resourceVersionMatch to NotOlderThan, resourceVersionMatch: Unsupported value: "Exact": supported values: "NotOlderThan"]'],
  ];
  for (const [query, message] of invalid) {
    test(`watch with ${new URLSearchParams(query)} is 422 Invalid`, async () => {
      assertStatus(await h.get(P, { query: { watch: 'true', ...query } }), 422, 'Invalid', message);
    });
  }

  const badRv: [string, number, string, string][] = [
    ['abc', 400, 'BadRequest', 'invalid resource version: "abc"'],
    ['-1', 400, 'BadRequest', 'invalid resource version: "-1"'],
    ['1.5', 400, 'BadRequest', 'invalid resource version: "1.5"'],
    ['99999999999999999999', 400, 'BadRequest', 'invalid resource version: "99999999999999999999"'],
  ];
  for (const [rv, code, reason, message] of badRv) {
    test(`watch with resourceVersion=${rv} is ${code} ${reason}`, async () => {
      assertStatus(await h.get(P, { query: { watch: 'true', resourceVersion: rv } }), code, reason, message);
    });
  }

  test('a closed watch is dropped from the cache', async () => {
    const cache = h.api.cacher.resource('/registry/core/configmaps/');
    const before = cache.watcherCount;
    const w = await h.watch(P);
    assert.equal(cache.watcherCount, before + 1);
    w.close();
    await h.create(P, configMap('after-close'));
    await h.settle();
    assert.equal(cache.watcherCount, before);
  });

  test('timeoutSeconds ends the watch', async () => {
    const w = await h.watch(P, { query: { timeoutSeconds: '0' } });
    await new Promise((r) => setTimeout(r, 30));
    assert.equal(w.ended, true);
  });
});

describe('apiserver list resourceVersion semantics', () => {
  let h: Harness;
  before(async () => {
    h = await Harness.start({ watchCacheCapacity: 4 });
    await h.create('/api/v1/namespaces', ns('w'));
    await h.create(P, configMap('a'));
  });
  after(async () => { await h.stop(); });

  test('resourceVersion=0 and NotOlderThan a past revision answer from the cache', async () => {
    const cur = (await h.get(P)).obj.metadata.resourceVersion!;
    for (const q of [{ resourceVersion: '0' }, { resourceVersion: '1', resourceVersionMatch: 'NotOlderThan' }, { resourceVersion: cur }]) {
      const r = await h.get(P, { query: q });
      assert.equal(r.status, 200, r.text);
      assert.ok(Number(r.obj.metadata.resourceVersion) >= Number(cur));
    }
  });

  test('a get at resourceVersion=0 answers from the cache', async () => {
    const r = await h.get(`${P}/a`, { query: { resourceVersion: '0' } });
    assert.equal(r.status, 200);
  });

  const invalid: [Record<string, string>, number, string, string][] = [
    [{ resourceVersion: 'abc' }, 400, 'BadRequest', 'invalid resource version: "abc"'],
    [{ resourceVersionMatch: 'Foo', resourceVersion: '1' }, 422, 'Invalid', 'ListOptions.meta.k8s.io "" is invalid: resourceVersionMatch: Unsupported value: "Foo": supported values: "Exact", "NotOlderThan", ""'],
    [{ resourceVersionMatch: 'Exact' }, 422, 'Invalid', 'ListOptions.meta.k8s.io "" is invalid: resourceVersionMatch: Forbidden: resourceVersionMatch is forbidden unless resourceVersion is provided'],
    [{ resourceVersionMatch: 'Exact', resourceVersion: '0' }, 422, 'Invalid', 'ListOptions.meta.k8s.io "" is invalid: resourceVersionMatch: Forbidden: resourceVersionMatch "exact" is forbidden for resourceVersion "0"'],
    [{ sendInitialEvents: 'true' }, 422, 'Invalid', 'ListOptions.meta.k8s.io "" is invalid: sendInitialEvents: Forbidden: sendInitialEvents is forbidden for list'],
  ];
  for (const [query, code, reason, message] of invalid) {
    test(`list with ${new URLSearchParams(query)} is ${code} ${reason}`, async () => {
      assertStatus(await h.get(P, { query }), code, reason, message);
    });
  }

  test('an Exact resourceVersion that is no longer current is 410 Expired', async () => {
    const old = (await h.get(P)).obj.metadata.resourceVersion!;
    for (let i = 0; i < 6; i++) await h.patch(`${P}/a`, 'merge', { data: { i: String(i) } });
    await h.settle();
    assertStatus(await h.get(P, { query: { resourceVersion: old, resourceVersionMatch: 'Exact' } }), 410, 'Expired');
  });

  test('get with an invalid resourceVersion is 400 BadRequest', async () => {
    assertStatus(await h.get(`${P}/a`, { query: { resourceVersion: 'x1' } }), 400, 'BadRequest', 'invalid resource version: "x1"');
  });
});
