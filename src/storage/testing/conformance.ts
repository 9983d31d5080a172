// The behaviour every Store must show, after kubernetes' storage/testing/store_tests.go. Backend
// agnostic: each test opens a store with `open`, works under a fresh random key prefix, and asserts
// revisions only relative to each other, so a shared backend (etcd) runs it as well as a fresh one.

import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { isStorageError, type KeyValue, type StorageErrorCode, type StorageEvent, type Store } from '../interface.js';

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const v = (s: string): Uint8Array => encoder.encode(s);
const text = (kv: KeyValue | undefined): string | undefined => (kv ? decoder.decode(kv.value) : undefined);

/** Bounds how long a test waits for events, so a missing event fails instead of hanging. */
const EVENT_WAIT_MS = 10_000;

/** Pulls events from a watch, a few at a time. */
export class EventReader {
  private readonly it: AsyncIterator<StorageEvent>;
  constructor(watch: AsyncIterable<StorageEvent>) {
    this.it = watch[Symbol.asyncIterator]();
  }

  /** The next n events; fails if the watch ends or errs first. */
  async take(n: number): Promise<StorageEvent[]> {
    const out: StorageEvent[] = [];
    while (out.length < n) {
      const r = await this.nextWithin();
      if (r.done) assert.fail(`watch ended after ${out.length} of ${n} events`);
      out.push(r.value);
    }
    return out;
  }

  /** The next pull's outcome: an event, the end, or the error it rejected with. */
  async nextResult(): Promise<IteratorResult<StorageEvent> | { error: unknown }> {
    try {
      return await this.nextWithin();
    } catch (error) {
      return { error };
    }
  }

  async close(): Promise<void> {
    await this.it.return?.();
  }

  private nextWithin(): Promise<IteratorResult<StorageEvent>> {
    let timer: NodeJS.Timeout | undefined;
    const guard = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no watch event within ${EVENT_WAIT_MS} ms`)), EVENT_WAIT_MS);
    });
    return Promise.race([this.it.next(), guard]).finally(() => clearTimeout(timer));
  }
}

async function rejectsWith(p: Promise<unknown>, code: StorageErrorCode): Promise<unknown> {
  try {
    await p;
  } catch (err) {
    assert.ok(isStorageError(err, code), `want StorageError ${code}, got ${String(err)}`);
    return err;
  }
  return assert.fail(`want StorageError ${code}, got success`);
}

/** A compact view of an event for deep-equal assertions. */
function summary(ev: StorageEvent): Record<string, unknown> {
  return {
    type: ev.type,
    key: ev.kv.key,
    value: text(ev.kv),
    rev: ev.kv.modRevision,
    created: ev.created,
    prev: ev.prevKv ? { value: text(ev.prevKv), rev: ev.prevKv.modRevision } : undefined,
  };
}

export function runStoreConformance(name: string, open: () => Promise<Store>): void {
  /** A test with its own store (closed afterwards) and its own key prefix ending in '/'. */
  const it = (title: string, fn: (store: Store, p: string) => Promise<void>): void => {
    test(title, async () => {
      const store = await open();
      try {
        await fn(store, `/conformance/${randomUUID()}/`);
      } finally {
        await store.close();
      }
    });
  };

  describe(`${name} store conformance`, () => {
    it('create then get returns the value at the create revision', async (store, p) => {
      const rev = await store.create(`${p}a`, v('one'));
      const kv = await store.get(`${p}a`);
      assert.deepEqual({ ...kv, value: text(kv) }, { key: `${p}a`, value: 'one', createRevision: rev, modRevision: rev });
    });

    it('create round-trips empty and binary values', async (store, p) => {
      const binary = Uint8Array.from({ length: 256 }, (_, i) => i);
      for (const [key, value] of [[`${p}empty`, new Uint8Array(0)], [`${p}binary`, binary]] as const) {
        await store.create(key, value);
        const kv = await store.get(key);
        assert.deepEqual(Array.from(kv?.value ?? []), Array.from(value));
      }
    });

    it('create of an existing key fails with KeyExists and keeps the value', async (store, p) => {
      const rev = await store.create(`${p}a`, v('one'));
      await rejectsWith(store.create(`${p}a`, v('two')), 'KeyExists');
      const kv = await store.get(`${p}a`);
      assert.equal(text(kv), 'one');
      assert.equal(kv?.modRevision, rev);
    });

    it('get of a missing key returns undefined', async (store, p) => {
      assert.equal(await store.get(`${p}missing`), undefined);
    });

    it('update with the current revision replaces the value', async (store, p) => {
      const created = await store.create(`${p}a`, v('one'));
      const updated = await store.update(`${p}a`, v('two'), created);
      assert.ok(updated > created, `update revision ${updated} must exceed ${created}`);
      const kv = await store.get(`${p}a`);
      assert.deepEqual({ ...kv, value: text(kv) }, { key: `${p}a`, value: 'two', createRevision: created, modRevision: updated });
      const again = await store.update(`${p}a`, v('two'), updated);
      assert.ok(again > updated, 'an update to the same value still gets a new revision');
    });

    it('update fails as a compare-and-swap should', async (store, p) => {
      const r1 = await store.create(`${p}a`, v('one'));
      const r2 = await store.update(`${p}a`, v('two'), r1);
      await store.create(`${p}gone`, v('x')).then((r) => store.delete(`${p}gone`, r));
      const cases: { title: string; key: string; expected: number; code: StorageErrorCode }[] = [
        { title: 'stale revision', key: `${p}a`, expected: r1, code: 'Conflict' },
        { title: 'future revision', key: `${p}a`, expected: r2 + 1000, code: 'Conflict' },
        { title: 'missing key', key: `${p}missing`, expected: r1, code: 'KeyNotFound' },
        { title: 'deleted key', key: `${p}gone`, expected: r1, code: 'KeyNotFound' },
      ];
      for (const c of cases) {
        const err = await rejectsWith(store.update(c.key, v('three'), c.expected), c.code);
        assert.ok(isStorageError(err) && err.key === c.key, `${c.title}: error names the key`);
      }
      assert.equal(text(await store.get(`${p}a`)), 'two');
    });

    it('delete without an expected revision removes the key and returns it', async (store, p) => {
      const created = await store.create(`${p}a`, v('one'));
      const { revision, prev } = await store.delete(`${p}a`);
      assert.ok(revision > created);
      assert.deepEqual({ ...prev, value: text(prev) }, { key: `${p}a`, value: 'one', createRevision: created, modRevision: created });
      assert.equal(await store.get(`${p}a`), undefined);
      await rejectsWith(store.delete(`${p}a`), 'KeyNotFound');
    });

    it('delete with an expected revision is a compare-and-swap', async (store, p) => {
      const r1 = await store.create(`${p}a`, v('one'));
      const r2 = await store.update(`${p}a`, v('two'), r1);
      await rejectsWith(store.delete(`${p}a`, r1), 'Conflict');
      assert.equal(text(await store.get(`${p}a`)), 'two');
      await rejectsWith(store.delete(`${p}missing`, r1), 'KeyNotFound');
      const { revision, prev } = await store.delete(`${p}a`, r2);
      assert.ok(revision > r2);
      assert.equal(prev.modRevision, r2);
      assert.equal(await store.get(`${p}a`), undefined);
    });

    it('create after delete starts a new life with a new create revision', async (store, p) => {
      const r1 = await store.create(`${p}a`, v('one'));
      await store.delete(`${p}a`);
      const r3 = await store.create(`${p}a`, v('again'));
      const kv = await store.get(`${p}a`);
      assert.deepEqual({ ...kv, value: text(kv) }, { key: `${p}a`, value: 'again', createRevision: r3, modRevision: r3 });
      assert.ok(r3 > r1);
    });

    it('revisions increase strictly across keys and kinds of writes', async (store, p) => {
      const revs: number[] = [];
      revs.push(await store.create(`${p}a`, v('1')));
      revs.push(await store.create(`${p}b`, v('1')));
      revs.push(await store.update(`${p}a`, v('2'), revs[0]!));
      revs.push((await store.delete(`${p}b`)).revision);
      revs.push(await store.create(`${p}c`, v('1')));
      for (let i = 1; i < revs.length; i++) assert.ok(revs[i]! > revs[i - 1]!, `revisions ${revs.join(',')} must increase`);
      assert.ok((await store.currentRevision()) >= revs[revs.length - 1]!);
    });

    it('list returns only keys under the prefix, ordered by key', async (store, p) => {
      for (const k of ['a/3', 'a/1', 'ab/1', 'a', 'b/1', 'a/2/deep', 'a/2']) await store.create(`${p}${k}`, v(k));
      await store.create(`${p}a/gone`, v('x'));
      await store.delete(`${p}a/gone`);
      const res = await store.list(`${p}a/`);
      assert.deepEqual(res.kvs.map((kv) => kv.key), ['a/1', 'a/2', 'a/2/deep', 'a/3'].map((k) => `${p}${k}`));
      assert.deepEqual(res.kvs.map(text), ['a/1', 'a/2', 'a/2/deep', 'a/3']);
      assert.equal(res.more, false);
      assert.ok(res.revision >= Math.max(...res.kvs.map((kv) => kv.modRevision)));
      assert.deepEqual((await store.list(`${p}none/`)).kvs, []);
    });

    it('list with limit and startKey pages through every key once', async (store, p) => {
      const keys = Array.from({ length: 7 }, (_, i) => `${p}items/${String(i).padStart(2, '0')}`);
      for (const k of [...keys].reverse()) await store.create(k, v(k));
      const cases = [1, 2, 3, 7, 10];
      for (const limit of cases) {
        const seen: string[] = [];
        let startKey: string | undefined;
        let pages = 0;
        for (;;) {
          const res = await store.list(`${p}items/`, { limit, startKey });
          pages++;
          assert.ok(res.kvs.length <= limit);
          seen.push(...res.kvs.map((kv) => kv.key));
          if (!res.more) break;
          startKey = `${res.kvs[res.kvs.length - 1]!.key}\x00`;
        }
        assert.deepEqual(seen, keys, `limit ${limit}`);
        assert.equal(pages, Math.max(1, Math.ceil(keys.length / limit)), `limit ${limit}: 'more' is false on the last full page`);
      }
    });

    it('list at a past revision sees the keys as they were', async (store, p) => {
      const r1 = await store.create(`${p}x/a`, v('a1'));
      const r2 = await store.update(`${p}x/a`, v('a2'), r1);
      const r3 = await store.create(`${p}x/b`, v('b1'));
      const r4 = (await store.delete(`${p}x/a`)).revision;
      const cases: { at: number | undefined; want: string[] }[] = [
        { at: r1, want: ['a=a1'] },
        { at: r2, want: ['a=a2'] },
        { at: r3, want: ['a=a2', 'b=b1'] },
        { at: r4, want: ['b=b1'] },
        { at: undefined, want: ['b=b1'] },
      ];
      for (const c of cases) {
        const res = await store.list(`${p}x/`, { revision: c.at });
        assert.deepEqual(res.kvs.map((kv) => `${kv.key.slice(p.length + 2)}=${text(kv)}`), c.want, `at ${c.at}`);
        if (c.at !== undefined) assert.equal(res.revision, c.at);
      }
    });

    it('list pages at a fixed revision form one consistent snapshot', async (store, p) => {
      let rev = 0;
      for (const k of ['a', 'b', 'c', 'd']) rev = await store.create(`${p}s/${k}`, v('old'));
      const first = await store.list(`${p}s/`, { limit: 2 });
      const snapshot = first.revision;
      await store.update(`${p}s/c`, v('new'), (await store.get(`${p}s/c`))!.modRevision);
      await store.delete(`${p}s/d`);
      await store.create(`${p}s/e`, v('new'));
      const second = await store.list(`${p}s/`, { limit: 2, revision: snapshot, startKey: `${first.kvs[1]!.key}\x00` });
      assert.ok(snapshot >= rev);
      assert.deepEqual(second.kvs.map((kv) => `${kv.key.slice(p.length + 2)}=${text(kv)}`), ['c=old', 'd=old']);
      assert.equal(second.more, false);
    });

    it('count counts live keys under the prefix only', async (store, p) => {
      for (const k of ['a/1', 'a/2', 'a/3', 'ab/1', 'b/1']) await store.create(`${p}${k}`, v(k));
      await store.delete(`${p}a/2`);
      const cases: { prefix: string; want: number }[] = [
        { prefix: `${p}a/`, want: 2 },
        { prefix: `${p}ab/`, want: 1 },
        { prefix: `${p}`, want: 4 },
        { prefix: `${p}none/`, want: 0 },
      ];
      for (const c of cases) assert.equal(await store.count(c.prefix), c.want, c.prefix);
    });

    it('watch from 0 delivers only writes made after it started', async (store, p) => {
      await store.create(`${p}before`, v('x'));
      const ac = new AbortController();
      const w = new EventReader(store.watch(p, { afterRevision: 0, signal: ac.signal }));
      const r1 = await store.create(`${p}after1`, v('1'));
      const r2 = await store.create(`${p}after2`, v('2'));
      const evs = await w.take(2);
      assert.deepEqual(evs.map((e) => [e.kv.key, e.kv.modRevision]), [[`${p}after1`, r1], [`${p}after2`, r2]]);
      ac.abort();
    });

    it('watch from a revision replays exactly the later events, then live ones', async (store, p) => {
      const r1 = await store.create(`${p}a`, v('a1'));
      const r2 = await store.update(`${p}a`, v('a2'), r1);
      const r3 = await store.create(`${p}b`, v('b1'));
      const r4 = (await store.delete(`${p}a`)).revision;
      const w = new EventReader(store.watch(p, { afterRevision: r1 }));
      const replayed = await w.take(3);
      assert.deepEqual(replayed.map(summary), [
        { type: 'put', key: `${p}a`, value: 'a2', rev: r2, created: false, prev: { value: 'a1', rev: r1 } },
        { type: 'put', key: `${p}b`, value: 'b1', rev: r3, created: true, prev: undefined },
        { type: 'delete', key: `${p}a`, value: 'a2', rev: r4, created: false, prev: { value: 'a2', rev: r2 } },
      ]);
      const r5 = await store.create(`${p}c`, v('c1'));
      assert.deepEqual((await w.take(1)).map(summary), [{ type: 'put', key: `${p}c`, value: 'c1', rev: r5, created: true, prev: undefined }]);
      await w.close();
    });

    it('watch carries prevKv and the created flag on live events', async (store, p) => {
      const w = new EventReader(store.watch(p, { afterRevision: 0 }));
      const r1 = await store.create(`${p}a`, v('one'));
      const r2 = await store.update(`${p}a`, v('two'), r1);
      const { revision: r3 } = await store.delete(`${p}a`, r2);
      const r4 = await store.create(`${p}a`, v('three'));
      const evs = await w.take(4);
      assert.deepEqual(evs.map(summary), [
        { type: 'put', key: `${p}a`, value: 'one', rev: r1, created: true, prev: undefined },
        { type: 'put', key: `${p}a`, value: 'two', rev: r2, created: false, prev: { value: 'one', rev: r1 } },
        { type: 'delete', key: `${p}a`, value: 'two', rev: r3, created: false, prev: { value: 'two', rev: r2 } },
        { type: 'put', key: `${p}a`, value: 'three', rev: r4, created: true, prev: undefined },
      ]);
      assert.deepEqual(evs.map((e) => e.kv.createRevision), [r1, r1, r1, r4]);
      assert.equal(evs[2]!.prevKv?.createRevision, r1);
      await w.close();
    });

    it('watch on a prefix sees only keys under it', async (store, p) => {
      const w = new EventReader(store.watch(`${p}a/`, { afterRevision: 0 }));
      for (const k of ['ab/1', 'a/1', 'a', 'b/1', 'a/2']) await store.create(`${p}${k}`, v(k));
      assert.deepEqual((await w.take(2)).map((e) => e.kv.key), [`${p}a/1`, `${p}a/2`]);
      await w.close();
    });

    it('watch replays history and live writes in order without gaps or duplicates', async (store, p) => {
      const start = await store.create(`${p}start`, v('s'));
      const historyRevs: number[] = [];
      for (let i = 0; i < 600; i++) historyRevs.push(await store.create(`${p}h/${i}`, v(String(i))));
      const w = new EventReader(store.watch(p, { afterRevision: start }));
      const liveRevs = await Promise.all(Array.from({ length: 100 }, (_, i) => store.create(`${p}l/${i}`, v(String(i)))));
      const evs = await w.take(700);
      const got = evs.map((e) => e.kv.modRevision);
      assert.deepEqual(got, [...historyRevs, ...liveRevs].sort((a, b) => a - b));
      await w.close();
    });

    it('watch ends when its signal aborts', async (store, p) => {
      const ac = new AbortController();
      const watch = store.watch(p, { afterRevision: 0, signal: ac.signal });
      const w = new EventReader(watch);
      await store.create(`${p}a`, v('1'));
      assert.equal((await w.take(1))[0]!.kv.key, `${p}a`);
      const pending = w.nextResult();
      ac.abort();
      assert.deepEqual(await pending, { done: true, value: undefined });
      await store.create(`${p}b`, v('2'));
      assert.deepEqual(await w.nextResult(), { done: true, value: undefined });
    });

    it('watch from before the compacted revision fails with Compacted', async (store, p) => {
      const r1 = await store.create(`${p}a`, v('1'));
      const r2 = await store.update(`${p}a`, v('2'), r1);
      const r3 = await store.update(`${p}a`, v('3'), r2);
      const r4 = await store.create(`${p}b`, v('b'));
      const { revision: r5 } = await store.delete(`${p}b`);
      await store.compact(r3);

      const w = new EventReader(store.watch(p, { afterRevision: r1 }));
      const res = await w.nextResult();
      assert.ok('error' in res && isStorageError(res.error, 'Compacted'), `want Compacted, got ${JSON.stringify(res)}`);
      assert.equal(res.error.revision, r3);
      await rejectsWith(store.list(p, { revision: r1 }), 'Compacted');

      // Current values and history after the compacted revision survive.
      assert.equal(text(await store.get(`${p}a`)), '3');
      assert.deepEqual((await store.list(p, { revision: r3 })).kvs.map(text), ['3']);
      const after = new EventReader(store.watch(p, { afterRevision: r3 }));
      assert.deepEqual((await after.take(2)).map((e) => [e.type, e.kv.modRevision]), [['put', r4], ['delete', r5]]);
      await after.close();
    });

    it('compaction keeps the revision counter and current values', async (store, p) => {
      await store.create(`${p}keep`, v('k'));
      const r1 = await store.create(`${p}a`, v('1'));
      const { revision: r2 } = await store.delete(`${p}a`, r1);
      await store.compact(r2);
      assert.ok((await store.currentRevision()) >= r2, 'the revision never goes back');
      assert.equal(await store.get(`${p}a`), undefined);
      assert.deepEqual((await store.list(p)).kvs.map((kv) => [kv.key, text(kv)]), [[`${p}keep`, 'k']]);
      const r3 = await store.create(`${p}a`, v('new'));
      assert.ok(r3 > r2);
    });

    it('concurrent updates with the same expected revision: exactly one wins', async (store, p) => {
      const rev = await store.create(`${p}a`, v('0'));
      const results = await Promise.allSettled(Array.from({ length: 20 }, (_, i) => store.update(`${p}a`, v(String(i + 1)), rev)));
      const won = results.flatMap((r, i) => (r.status === 'fulfilled' ? [{ i, rev: r.value }] : []));
      assert.equal(won.length, 1, `one update must win, got ${won.length}`);
      for (const r of results) {
        if (r.status === 'rejected') assert.ok(isStorageError(r.reason, 'Conflict'), `losers fail with Conflict, got ${String(r.reason)}`);
      }
      const kv = await store.get(`${p}a`);
      assert.equal(text(kv), String(won[0]!.i + 1));
      assert.equal(kv?.modRevision, won[0]!.rev);
    });

    it('1000 concurrent creates all succeed and are all readable', async (store, p) => {
      const keys = Array.from({ length: 1000 }, (_, i) => `${p}many/${String(i).padStart(4, '0')}`);
      const revs = await Promise.all(keys.map((k) => store.create(k, v(k))));
      assert.equal(new Set(revs).size, 1000, 'every create gets its own revision');
      const res = await store.list(`${p}many/`);
      assert.deepEqual(res.kvs.map((kv) => kv.key), keys);
      assert.deepEqual(res.kvs.map(text), keys);
      assert.equal(await store.count(`${p}many/`), 1000);
      for (const k of [keys[0]!, keys[499]!, keys[999]!]) assert.equal(text(await store.get(k)), k);
    });

    it('concurrent creates of one key: exactly one wins', async (store, p) => {
      const results = await Promise.allSettled(Array.from({ length: 10 }, (_, i) => store.create(`${p}a`, v(String(i)))));
      assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
      for (const r of results) if (r.status === 'rejected') assert.ok(isStorageError(r.reason, 'KeyExists'));
    });

    it('close makes further operations fail', async (store, p) => {
      await store.create(`${p}a`, v('1'));
      await store.close();
      await assert.rejects(store.create(`${p}b`, v('2')));
      await assert.rejects(store.get(`${p}a`));
    });
  });
}
