// Scheduler throughput: one process runs an in-memory API server (SQLite ':memory:' or a temp
// file), 1,000 simulated nodes created up front, and the scheduler on the in-process client. Pods
// are then created through the API in concurrent batches; the figure is pods bound per second from
// the first creation to the last successful binding, with the process CPU seconds spent meanwhile.
// No kubelets run: pods are only bound.
//   node --import tsx bench/scheduler.ts [--nodes 1000] [--pods 10000] [--only plain|antiAffinity]

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { ApiServer } from '../src/apiserver/index.js';
import { openSqliteStore } from '../src/storage/index.js';
import { createClient, inProcessRequester, silentLogger, type Client } from '../src/client/index.js';
import { Scheduler } from '../src/scheduler/index.js';
import type { Node, Pod } from '../src/scheduler/index.js';

export type Scenario = 'plain' | 'antiAffinity';

export interface SchedulerBenchOptions {
  /** Default 1000. */
  nodes?: number;
  /** Default 10000. */
  pods?: number;
  /** Pods created concurrently per batch. Default 500. */
  batch?: number;
  /** Pods per anti-affinity group (each group's pods must land on different nodes). Default 10. */
  groupSize?: number;
  /** Default both. */
  scenarios?: Scenario[];
  /** 'memory' (default) or 'file' (a temp-file SQLite database). */
  storage?: 'memory' | 'file';
  /** Give up when no binding succeeds for this long. Default 20 s. */
  stallMs?: number;
  log?: (msg: string) => void;
}

export interface SchedulerFigures {
  /** Pods bound per second, first creation to last binding. */
  podsPerSec: number;
  seconds: number;
  /** Process CPU (user + system) over the same interval. */
  cpuSeconds: number;
  /** CPU milliseconds per pod (API server, scheduler, informers, events together). */
  cpuMsPerPod: number;
  /** When the last pod was created, seconds after the first. */
  createSeconds: number;
  bound: number;
  attempts: number;
  bindErrors: number;
}

const PODS = { group: '', version: 'v1', resource: 'pods', namespaced: true };
const NODES = { group: '', version: 'v1', resource: 'nodes', namespaced: false };

function node(i: number): Node {
  const name = `node-${String(i).padStart(4, '0')}`;
  return {
    apiVersion: 'v1', kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/hostname': name, 'kubernetes.io/os': 'linux', 'topology.kubernetes.io/zone': `zone-${i % 3}` } },
    spec: {},
    status: {
      capacity: { cpu: '32', memory: '128Gi', pods: '110' },
      allocatable: { cpu: '32', memory: '128Gi', pods: '110' },
      conditions: [{ type: 'Ready', status: 'True' }],
    },
  };
}

function pod(scenario: Scenario, i: number, groupSize: number): Pod {
  const p: Pod = {
    apiVersion: 'v1', kind: 'Pod',
    metadata: { name: `bench-${i}`, namespace: 'default', labels: { app: 'bench' } },
    spec: { containers: [{ name: 'app', image: 'registry.example/app:1', resources: { requests: { cpu: '100m', memory: '128Mi' } } }] },
  };
  if (scenario === 'antiAffinity') {
    const group = `g-${Math.floor(i / groupSize)}`;
    p.metadata.labels = { app: 'bench', group };
    p.spec!.affinity = { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { group } }, topologyKey: 'kubernetes.io/hostname' }] } };
  }
  return p;
}

async function createAll(client: Client, objs: Pod[] | Node[], resource: typeof PODS | typeof NODES, batch: number): Promise<void> {
  const rc = client.resource(resource, resource.namespaced ? 'default' : undefined);
  for (let i = 0; i < objs.length; i += batch) {
    await Promise.all(objs.slice(i, i + batch).map((o) => rc.create(o)));
  }
}

async function runScenario(scenario: Scenario, o: Required<Omit<SchedulerBenchOptions, 'scenarios' | 'log'>> & { log: (m: string) => void }): Promise<SchedulerFigures> {
  const dir = o.storage === 'file' ? mkdtempSync(join(tmpdir(), 'kite-bench-sched-')) : undefined;
  const store = openSqliteStore(dir ? join(dir, 'state.db') : ':memory:', { compactIntervalMs: 0 });
  const api = new ApiServer({ store, log: () => {} });
  const ac = new AbortController();
  let running: Promise<void> | undefined;
  try {
    await api.start();
    const client = createClient(inProcessRequester(api.handler));
    await createAll(client, Array.from({ length: o.nodes }, (_, i) => node(i)), NODES, 200);

    let bound = 0;
    let doneAt = 0;
    let finish: () => void = () => {};
    const finished = new Promise<void>((r) => { finish = r; });
    const scheduler = new Scheduler(client, {
      logger: silentLogger,
      onBound: () => {
        if (++bound === o.pods) { doneAt = performance.now(); finish(); }
      },
    });
    running = scheduler.run(ac.signal);
    await scheduler.whenSynced();
    o.log(`scheduler bench ${scenario}: ${o.nodes} nodes ready, creating ${o.pods} pods`);

    const pods = Array.from({ length: o.pods }, (_, i) => pod(scenario, i, o.groupSize));
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    await createAll(client, pods, PODS, o.batch);
    const createdAt = performance.now();
    // Wait for the last binding, giving up when bindings stop coming.
    let stalled = false;
    let last = -1;
    let timer: NodeJS.Timeout | undefined;
    const stall = new Promise<void>((resolve) => {
      const check = (): void => {
        if (bound === last) { stalled = true; resolve(); return; }
        last = bound;
        timer = setTimeout(check, o.stallMs);
      };
      check();
    });
    await Promise.race([finished, stall]);
    clearTimeout(timer);
    const cpu = process.cpuUsage(cpu0);
    if (stalled && bound < o.pods) {
      throw new Error(`scheduler bench ${scenario}: only ${bound}/${o.pods} pods bound, none in the last ${o.stallMs} ms (queue ${JSON.stringify(scheduler.queue.counts())}, stats ${JSON.stringify(scheduler.stats)})`);
    }
    const list = await client.resource<Pod>(PODS, 'default').list();
    const withNode = list.items.filter((p) => p.spec?.nodeName).length;
    if (withNode < o.pods) {
      throw new Error(`scheduler bench ${scenario}: ${bound} bindings succeeded but only ${withNode}/${o.pods} pods have spec.nodeName (does the API server apply pods/binding?)`);
    }
    const seconds = (doneAt - t0) / 1000;
    const cpuSeconds = (cpu.user + cpu.system) / 1e6;
    return {
      podsPerSec: Math.round(o.pods / seconds),
      seconds: Number(seconds.toFixed(2)),
      cpuSeconds: Number(cpuSeconds.toFixed(2)),
      cpuMsPerPod: Number(((cpuSeconds * 1000) / o.pods).toFixed(3)),
      createSeconds: Number(((createdAt - t0) / 1000).toFixed(2)),
      bound,
      attempts: scheduler.stats.attempts,
      bindErrors: scheduler.stats.bindErrors,
    };
  } finally {
    ac.abort();
    await running?.catch(() => {});
    await api.stop();
    await store.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
}

export async function runSchedulerBench(opts: SchedulerBenchOptions = {}): Promise<Record<string, SchedulerFigures>> {
  const o = {
    nodes: opts.nodes ?? 1000,
    pods: opts.pods ?? 10_000,
    batch: opts.batch ?? 500,
    groupSize: opts.groupSize ?? 10,
    storage: opts.storage ?? 'memory',
    stallMs: opts.stallMs ?? 20_000,
    log: opts.log ?? ((m: string) => console.error(m)),
  } as const;
  const out: Record<string, SchedulerFigures> = {};
  for (const s of opts.scenarios ?? (['plain', 'antiAffinity'] as Scenario[])) out[s] = await runScenario(s, o);
  return out;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values } = parseArgs({
    options: { nodes: { type: 'string' }, pods: { type: 'string' }, batch: { type: 'string' }, only: { type: 'string' }, file: { type: 'boolean' } },
  });
  const scenarios = values.only ? [values.only as Scenario] : undefined;
  const out = await runSchedulerBench({
    nodes: values.nodes ? Number(values.nodes) : undefined,
    pods: values.pods ? Number(values.pods) : undefined,
    batch: values.batch ? Number(values.batch) : undefined,
    storage: values.file ? 'file' : 'memory',
    scenarios,
  });
  console.log('scheduler (in-process API server; pods bound per second from first creation to last binding)');
  console.table(out);
}
