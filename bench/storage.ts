// Storage write throughput and latency: SqliteStore with one sequential writer, with 50
// concurrent writers (group commit), and the raw better-sqlite3 floor (one transaction per write,
// and 100 writes per transaction) measured in the same run on the same disk.
//   node --import tsx bench/storage.ts        (or node dist/bench/storage.js)

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import { openSqliteStore } from '../src/storage/index.js';

interface Figures {
  writesPerSec: number;
  p50Ms: number;
  p99Ms: number;
  cpuUsPerWrite: number;
}

const VALUE = new TextEncoder().encode(JSON.stringify({
  apiVersion: 'v1', kind: 'Pod',
  metadata: { name: 'bench', namespace: 'default', labels: { app: 'bench', tier: 'web' }, uid: '6f1c2f0e-8d4b-4c7e-9a51-2b7d0c3e4f5a' },
  spec: { nodeName: 'node-1', containers: [{ name: 'app', image: 'registry.example/app:1.2.3', ports: [{ containerPort: 8080 }], resources: { requests: { cpu: '100m', memory: '128Mi' } } }] },
  status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }], podIP: '10.0.0.12' },
}).padEnd(700, ' '));

function figures(latencies: number[], elapsedMs: number, cpuUs: number): Figures {
  const sorted = Float64Array.from(latencies).sort();
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  const round = (x: number, digits: number) => Number(x.toFixed(digits));
  return {
    writesPerSec: Math.round((latencies.length * 1000) / elapsedMs),
    p50Ms: round(at(0.5), 3),
    p99Ms: round(at(0.99), 3),
    cpuUsPerWrite: round(cpuUs / Math.max(1, latencies.length), 1),
  };
}

/** Runs `writers` loops, each awaiting one write at a time, for durationMs. */
async function measureStore(path: string, writers: number, durationMs: number): Promise<Figures> {
  const store = openSqliteStore(path, { compactIntervalMs: 0 });
  try {
    let seq = 0;
    const run = async (ms: number, latencies: number[] | undefined) => {
      const end = performance.now() + ms;
      await Promise.all(Array.from({ length: writers }, async () => {
        while (performance.now() < end) {
          const t0 = performance.now();
          await store.create(`/registry/core/pods/bench/p-${seq++}`, VALUE);
          latencies?.push(performance.now() - t0);
        }
      }));
    };
    await run(200, undefined); // warm up
    const latencies: number[] = [];
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    await run(durationMs, latencies);
    const elapsed = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    return figures(latencies, elapsed, cpu.user + cpu.system);
  } finally {
    await store.close();
  }
}

/** The floor: plain inserts into a WAL, synchronous=FULL database, perTxn writes per transaction. */
function measureRaw(path: string, perTxn: number, durationMs: number): Figures {
  const db = new Database(path);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.exec('CREATE TABLE kv (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL, value BLOB)');
    const insert = db.prepare('INSERT INTO kv (name, value) VALUES (?, ?)');
    let seq = 0;
    const txn = db.transaction(() => {
      for (let i = 0; i < perTxn; i++) insert.run(`/registry/core/pods/bench/p-${seq++}`, VALUE);
    });
    const run = (ms: number, latencies: number[] | undefined) => {
      const end = performance.now() + ms;
      while (performance.now() < end) {
        const t0 = performance.now();
        txn.immediate();
        const dt = performance.now() - t0;
        if (latencies) for (let i = 0; i < perTxn; i++) latencies.push(dt);
      }
    };
    run(200, undefined);
    const latencies: number[] = [];
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    run(durationMs, latencies);
    const elapsed = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    return figures(latencies, elapsed, cpu.user + cpu.system);
  } finally {
    db.close();
  }
}

export async function runStorageBench(): Promise<Record<string, number>> {
  const dir = mkdtempSync(join(tmpdir(), 'kite-bench-storage-'));
  try {
    const results: Record<string, Figures> = {
      'raw.txnPerWrite': measureRaw(join(dir, 'raw1.db'), 1, 2000),
      'raw.100PerTxn': measureRaw(join(dir, 'raw100.db'), 100, 1000),
      'store.sequential': await measureStore(join(dir, 'seq.db'), 1, 3000),
      'store.concurrent50': await measureStore(join(dir, 'c50.db'), 50, 4000),
    };
    const out: Record<string, number> = {};
    for (const [name, f] of Object.entries(results)) {
      for (const [k, value] of Object.entries(f)) out[`${name}.${k}`] = value;
    }
    const floor = results['raw.txnPerWrite']!.writesPerSec;
    out['store.sequential.vsRawFloor'] = Number((results['store.sequential']!.writesPerSec / floor).toFixed(2));
    out['store.concurrent50.vsRawFloor'] = Number((results['store.concurrent50']!.writesPerSec / floor).toFixed(2));
    return out;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const out = await runStorageBench();
  const rows = new Map<string, Record<string, number>>();
  for (const [k, value] of Object.entries(out)) {
    const i = k.lastIndexOf('.');
    const name = k.slice(0, i);
    rows.set(name, { ...rows.get(name), [k.slice(i + 1)]: value });
  }
  console.log('storage (SQLite WAL, synchronous=FULL)');
  console.table(Object.fromEntries(rows));
}
