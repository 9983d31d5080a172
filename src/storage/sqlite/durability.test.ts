import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isStorageError } from '../interface.js';
import { EventReader } from '../testing/conformance.js';
import { openSqliteStore } from './sqlite-store.js';

const dir = mkdtempSync(join(tmpdir(), 'kite-durability-'));
after(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const freshPath = () => join(dir, `store-${n++}.db`);
const v = (s: string) => new TextEncoder().encode(s);
const text = (u: Uint8Array | undefined) => (u ? new TextDecoder().decode(u) : undefined);
const noCompaction = { compactIntervalMs: 0 };

test('SqliteStore reopened keeps values, revisions and the compacted revision', async () => {
  const path = freshPath();
  const first = openSqliteStore(path, noCompaction);
  const ra = await first.create('/r/a', v('a1'));
  const ra2 = await first.update('/r/a', v('a2'), ra);
  const rb = await first.create('/r/b', v('b1'));
  const { revision: rbDel } = await first.delete('/r/b', rb);
  await first.compact(ra2);
  await first.close();

  const second = openSqliteStore(path, noCompaction);
  try {
    assert.equal(await second.currentRevision(), rbDel);
    assert.equal(second.compactedRevision(), ra2);
    const kv = await second.get('/r/a');
    assert.deepEqual({ ...kv, value: text(kv?.value) }, { key: '/r/a', value: 'a2', createRevision: ra, modRevision: ra2 });
    assert.equal(await second.get('/r/b'), undefined);
    const w = new EventReader(second.watch('/r/', { afterRevision: ra2 }));
    assert.deepEqual((await w.take(2)).map((e) => [e.type, e.kv.modRevision]), [['put', rb], ['delete', rbDel]]);
    const res = await new EventReader(second.watch('/r/', { afterRevision: ra })).nextResult();
    assert.ok('error' in res && isStorageError(res.error, 'Compacted'));
    const rc = await second.create('/r/c', v('c'));
    assert.ok(rc > rbDel);
    assert.deepEqual((await w.take(1)).map((e) => e.kv.modRevision), [rc]);
    await w.close();
  } finally {
    await second.close();
  }
});

test('SqliteStore revision never goes back, even when compaction empties the log', async () => {
  const path = freshPath();
  const first = openSqliteStore(path, noCompaction);
  let rev = 0;
  for (let i = 0; i < 5; i++) rev = (await first.delete(`/e/${i}`, await first.create(`/e/${i}`, v('x')))).revision;
  await first.compact(rev);
  await first.close();

  const second = openSqliteStore(path, noCompaction);
  try {
    assert.equal(await second.currentRevision(), rev);
    assert.deepEqual((await second.list('/e/')).kvs, []);
    assert.ok((await second.create('/e/new', v('y'))) > rev);
  } finally {
    await second.close();
  }
});

test('SqliteStore keeps every acknowledged write when its process is killed', async () => {
  const path = freshPath();
  const compiled = fileURLToPath(import.meta.url).endsWith('.js');
  const script = fileURLToPath(new URL(`./testdata/crash-writer.${compiled ? 'js' : 'ts'}`, import.meta.url));
  const args = compiled ? [script, path] : ['--import', 'tsx', script, path];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });

  const acked: string[] = [];
  let partial = '';
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (d: string) => { stderr += d; });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on('close', (code, signal) => resolve({ code, signal }));
  });
  const guard = setTimeout(() => child.kill('SIGKILL'), 30_000);
  child.stdout.setEncoding('utf8').on('data', (d: string) => {
    const lines = (partial + d).split('\n');
    partial = lines.pop() ?? '';
    acked.push(...lines);
    if (acked.length >= 300 && child.exitCode === null && !child.killed) child.kill('SIGKILL');
  });
  const { signal } = await exited;
  clearTimeout(guard);
  assert.equal(signal, 'SIGKILL', `writer should be killed mid-run; stderr: ${stderr}`);
  assert.ok(acked.length >= 300, `writer acknowledged only ${acked.length} writes; stderr: ${stderr}`);

  const store = openSqliteStore(path, noCompaction);
  try {
    const missing: string[] = [];
    for (const key of acked) {
      const kv = await store.get(key);
      if (text(kv?.value) !== key) missing.push(key);
    }
    assert.deepEqual(missing, [], `${missing.length} of ${acked.length} acknowledged writes lost`);
    assert.ok((await store.count('/crash/')) >= acked.length);
    assert.ok((await store.currentRevision()) >= acked.length);
  } finally {
    await store.close();
  }
});
