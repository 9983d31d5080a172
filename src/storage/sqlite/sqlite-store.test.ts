import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { FakeClock } from '../../machinery/clock.js';
import { isStorageError } from '../interface.js';
import { runStoreConformance, EventReader } from '../testing/conformance.js';
import { openSqliteStore } from './sqlite-store.js';

const dir = mkdtempSync(join(tmpdir(), 'kite-sqlite-store-'));
after(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const freshPath = () => join(dir, `store-${n++}.db`);
const v = (s: string) => new TextEncoder().encode(s);

runStoreConformance('sqlite', async () => openSqliteStore(freshPath(), { compactIntervalMs: 0 }));
runStoreConformance('sqlite :memory:', async () => openSqliteStore(':memory:', { compactIntervalMs: 0 }));

test('SqliteStore compacts automatically on its clock, keeping compactKeep revisions', async () => {
  const clock = new FakeClock();
  const store = openSqliteStore(freshPath(), { clock, compactIntervalMs: 1000, compactKeep: 5 });
  try {
    let rev = 0;
    for (let i = 0; i < 20; i++) rev = await store.create(`/k/${i}`, v(String(i)));
    assert.equal(store.compactedRevision(), 0);
    clock.advance(999);
    await store.compact(0); // waits for any compaction in flight
    assert.equal(store.compactedRevision(), 0);
    clock.advance(1);
    await store.compact(0);
    assert.equal(store.compactedRevision(), rev - 5);
    assert.equal(clock.pendingTimers(), 1, 'the next compaction is scheduled');
    assert.equal(await store.count('/k/'), 20);
  } finally {
    await store.close();
  }
  assert.equal(clock.pendingTimers(), 0, 'close stops the compaction timer');
});

test('SqliteStore compaction deletes superseded rows and tombstones but keeps the newest row', async () => {
  const path = freshPath();
  const store = openSqliteStore(path, { compactIntervalMs: 0 });
  const r1 = await store.create('/a', v('1'));
  const r2 = await store.update('/a', v('2'), r1);
  await store.update('/a', v('3'), r2);
  const r4 = await store.create('/b', v('b'));
  const { revision: r5 } = await store.delete('/b', r4);
  await store.compact(r5);
  await store.close();

  const db = new Database(path, { readonly: true });
  try {
    const ids = (db.prepare('SELECT id FROM kine ORDER BY id').all() as { id: number }[]).map((r) => r.id);
    assert.deepEqual(ids, [r5 - 2, r5], 'the current row of /a and the tombstone sentinel of /b');
    const indexes = (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'kine'`).all() as { name: string }[]).map((r) => r.name);
    assert.ok(indexes.includes('kine_name_prev_revision_uindex'));
  } finally {
    db.close();
  }
});

test('SqliteStore unique (name, prev_revision) rejects a second write on the same previous revision', async () => {
  const path = freshPath();
  const store = openSqliteStore(path, { compactIntervalMs: 0 });
  const r1 = await store.create('/a', v('1'));
  await store.update('/a', v('2'), r1);
  await store.close();
  const db = new Database(path);
  try {
    assert.throws(
      () => db.prepare('INSERT INTO kine (name, created, deleted, create_revision, prev_revision, value) VALUES (?, 0, 0, ?, ?, ?)').run('/a', r1, r1, Buffer.from('x')),
      (e: unknown) => (e as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE',
    );
  } finally {
    db.close();
  }
});

test('SqliteStore ends a watcher that falls too far behind with Timeout, without blocking writers', async () => {
  const store = openSqliteStore(':memory:', { compactIntervalMs: 0, watchBufferLimit: 10 });
  try {
    const slow = new EventReader(store.watch('/', { afterRevision: 0 }));
    const fast = new EventReader(store.watch('/', { afterRevision: 0 }));
    for (let i = 0; i < 30; i++) {
      const rev = await store.create(`/k/${i}`, v(String(i)));
      const [ev] = await fast.take(1);
      assert.equal(ev?.kv.modRevision, rev);
    }
    const res = await slow.nextResult();
    assert.ok('error' in res && isStorageError(res.error, 'Timeout'), `want Timeout, got ${JSON.stringify(res)}`);
    assert.deepEqual(await slow.nextResult(), { done: true, value: undefined });
    await fast.close();
  } finally {
    await store.close();
  }
});

test('SqliteStore refuses a database file another store holds open', async () => {
  const path = freshPath();
  const store = openSqliteStore(path, { compactIntervalMs: 0 });
  try {
    assert.throws(() => openSqliteStore(path, { compactIntervalMs: 0, busyTimeoutMs: 0 }), (e: unknown) => isStorageError(e, 'Unreachable'));
  } finally {
    await store.close();
  }
});

test('SqliteStore close ends open watches', async () => {
  const store = openSqliteStore(':memory:', { compactIntervalMs: 0 });
  const w = new EventReader(store.watch('/', { afterRevision: 0 }));
  const pending = w.nextResult();
  await store.close();
  assert.deepEqual(await pending, { done: true, value: undefined });
  const late = new EventReader(store.watch('/', { afterRevision: 0 }));
  const res = await late.nextResult();
  assert.ok('error' in res && isStorageError(res.error, 'Unreachable'));
});

test('SqliteStore list rejects a revision in the future', async () => {
  const store = openSqliteStore(':memory:', { compactIntervalMs: 0 });
  try {
    const rev = await store.create('/a', v('1'));
    await assert.rejects(store.list('/', { revision: rev + 1 }), (e: unknown) => isStorageError(e, 'Timeout'));
  } finally {
    await store.close();
  }
});

test('SqliteStore watch replaying history fails with Compacted when compaction overtakes it', async () => {
  const store = openSqliteStore(':memory:', { compactIntervalMs: 0 });
  try {
    const start = await store.create('/h/start', v('s'));
    for (let i = 0; i < 600; i++) await store.create(`/h/${i}`, v(String(i)));
    const w = new EventReader(store.watch('/h/', { afterRevision: start }));
    await w.take(1); // the first history page (512 events) is now in memory
    await store.compact(await store.currentRevision());
    assert.equal((await w.take(511)).length, 511);
    const res = await w.nextResult();
    assert.ok('error' in res && isStorageError(res.error, 'Compacted'), `want Compacted, got ${JSON.stringify(res)}`);
  } finally {
    await store.close();
  }
});
