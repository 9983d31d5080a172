// API server figures, measured from outside: a real `kite server` runs as a separate process and
// this process drives it over HTTPS with kite's own client (mutual TLS, keep-alive, one connection
// per simulated client). Phases, each bounded by a count and a time:
//   create, 1 client and N concurrent clients   (POST ConfigMap; latency = until the 201 arrives)
//   get,    1 client and N concurrent clients   (GET one of the ConfigMaps created above)
//   watch   event latency: from just before a create request to its ADDED event on a separate
//           watch connection (creates issued one at a time)
//   list    full JSON list of `listObjects` ConfigMaps in one namespace (time to the last byte)
// For every phase the server's CPU (utime+stime from /proc/PID/stat) per operation, and the
// client's; at the end the server's resident set (VmRSS, VmHWM).
//   node --import tsx bench/api.ts        (or node dist/bench/api.js, after npm run build)

import { setMaxListeners } from 'node:events';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import type { KubeObject } from '../src/api/types.js';
import { createClient, httpsRequester, loadKubeconfig, type Client, type HttpsRequester, type ResourceRef } from '../src/client/index.js';
import { startKiteServerProcess, type KiteServerProcess } from './kite-server-process.js';
import { summarizeLatencies } from './latency-summary.js';
import { printFigures } from './print-figures.js';
import { readProcessStats } from './process-stats.js';

export interface ApiBenchOptions {
  /** Measured time of each create/get phase (and most of the watch phase). Default 5000 ms. */
  phaseMs?: number;
  /** Most measured operations in a create/get phase. Default 50000. */
  maxOpsPerPhase?: number;
  /** Unmeasured warm-up before each create/get phase (TLS handshakes, JIT). Default 500 ms. */
  warmupMs?: number;
  /** Concurrent clients in the "many clients" phases, one connection each. Default 50. */
  clients?: number;
  /** Most measured watch events. Default 1000. */
  watchEvents?: number;
  /** ConfigMaps in the listed namespace. Default 10000. */
  listObjects?: number;
  /** Full lists timed. Default 10. */
  listRuns?: number;
  /** Give up filling the list namespace after this long (the list is then of what was made). Default 120000 ms. */
  fillTimeoutMs?: number;
  /** Bound on the whole run; requests still in flight then are aborted. Default 280000 ms. */
  timeoutMs?: number;
  /** argv that runs kite (see KiteServerProcessOptions.command). Default: node bin/kite.js. */
  command?: readonly string[];
  /** Progress lines. Default: to stderr. */
  log?: (line: string) => void;
}

/** Flat figures: `<phase>.<metric>`, e.g. `create.50clients.p99Ms`, `server.rssMiB`. */
export type ApiBenchFigures = Record<string, number>;

const CONFIGMAPS: ResourceRef = { group: '', version: 'v1', resource: 'configmaps', namespaced: true };
const NAMESPACES: ResourceRef = { group: '', version: 'v1', resource: 'namespaces', namespaced: false };
const NS_CREATE = 'bench-create';
const NS_WATCH = 'bench-watch';
const NS_LIST = 'bench-list';
const WATCH_EVENT_TIMEOUT_MS = 10_000;

/** A small, typical ConfigMap (~500 bytes of JSON once the server has added its metadata). */
function configMap(namespace: string, name: string): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name, namespace, labels: { app: 'bench', tier: 'web', 'app.kubernetes.io/part-of': 'kite-bench' } },
    data: {
      'app.properties': 'color=blue\nsize=large\nretries=3\ntimeout=30s\n',
      'LOG_LEVEL': 'info',
      'FEATURE_FLAGS': 'search,checkout,recommendations',
    },
  };
}

interface PhaseResult {
  /** Operations that succeeded (latencies has one sample per operation). */
  ops: number;
  /** Operations that failed with a connection reset (tolerated up to MAX_RESETS per phase). */
  resets: number;
  elapsedMs: number;
  latencies: number[];
  serverCpuSeconds: number;
  clientCpuSeconds: number;
}

interface Limits { maxOps: number; maxMs: number }

/** Connection resets tolerated per phase before it fails: counted and reported, never retried. */
const MAX_RESETS = 10;

const round = (x: number, digits: number): number => Number(x.toFixed(digits));

/** A connection the server (or the kernel) reset: ECONNRESET ("socket hang up" included) or EPIPE. */
function isConnectionReset(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return code === 'ECONNRESET' || code === 'EPIPE';
}

/**
 * Runs `workers` loops, each awaiting one `op` at a time, until maxOps operations have been issued
 * or maxMs has passed. The first error other than a tolerated connection reset stops every loop.
 */
async function runLoops(label: string, workers: number, limits: Limits, signal: AbortSignal, op: (worker: number) => Promise<void>, latencies?: number[]): Promise<{ ops: number; resets: number }> {
  const end = performance.now() + limits.maxMs;
  let issued = 0;
  let ops = 0;
  let resets = 0;
  const failure = new AbortController();
  await Promise.all(Array.from({ length: workers }, async (_, w) => {
    while (issued < limits.maxOps && performance.now() < end) {
      signal.throwIfAborted();
      if (failure.signal.aborted) return;
      const i = issued++;
      const t0 = performance.now();
      try {
        await op(w);
      } catch (e) {
        if (failure.signal.aborted || signal.aborted) throw e;
        if (isConnectionReset(e) && ++resets <= MAX_RESETS) continue;
        const err = new Error(`${label}, client ${w}, operation ${i}: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
        failure.abort(err);
        throw err;
      }
      ops++;
      latencies?.push(performance.now() - t0);
    }
  }));
  return { ops, resets };
}

/** A measured phase: server and client CPU around the loops. */
async function measure(label: string, pid: number, workers: number, limits: Limits, signal: AbortSignal, op: (worker: number) => Promise<void>): Promise<PhaseResult> {
  const latencies: number[] = [];
  const server0 = readProcessStats(pid).cpuSeconds;
  const client0 = process.cpuUsage();
  const t0 = performance.now();
  const { ops, resets } = await runLoops(label, workers, limits, signal, op, latencies);
  const elapsedMs = performance.now() - t0;
  const client = process.cpuUsage(client0);
  return {
    ops, resets, elapsedMs, latencies,
    serverCpuSeconds: readProcessStats(pid).cpuSeconds - server0,
    clientCpuSeconds: (client.user + client.system) / 1e6,
  };
}

/** `<prefix>.{ops,opsPerSec,p50Ms,p99Ms,serverCpuUsPerOp,clientCpuUsPerOp}`; latencies default to the phase's own. */
function phaseFigures(prefix: string, r: PhaseResult, out: ApiBenchFigures, latencies: readonly number[] = r.latencies): void {
  const s = summarizeLatencies(latencies);
  out[`${prefix}.ops`] = r.ops;
  out[`${prefix}.opsPerSec`] = Math.round((r.ops * 1000) / r.elapsedMs);
  out[`${prefix}.p50Ms`] = s.p50Ms;
  out[`${prefix}.p99Ms`] = s.p99Ms;
  out[`${prefix}.serverCpuUsPerOp`] = round((r.serverCpuSeconds * 1e6) / Math.max(1, r.ops), 1);
  out[`${prefix}.clientCpuUsPerOp`] = round((r.clientCpuSeconds * 1e6) / Math.max(1, r.ops), 1);
  out[`${prefix}.resets`] = r.resets;
}

function describe(prefix: string, out: ApiBenchFigures): string {
  const f = (k: string): number | undefined => out[`${prefix}.${k}`];
  const resets = f('resets') ? `, ${f('resets')} connection resets` : '';
  return `${prefix}: ${f('ops')} ops, ${f('opsPerSec')}/s, p50 ${f('p50Ms')} ms, p99 ${f('p99Ms')} ms, server CPU ${f('serverCpuUsPerOp')} us/op${resets}`;
}

/** Resolves with performance.now() when the watch delivers ADDED for a name; rejects if the watch ends. */
class WatchTimer {
  private readonly waiting = new Map<string, { resolve: (t: number) => void; reject: (e: unknown) => void }>();
  private ended: unknown;
  /** Resolves once the watch has ended (quietly or with an error); never rejects. */
  readonly done: Promise<void>;

  constructor(client: Client, namespace: string, signal: AbortSignal) {
    const events = client.resource(CONFIGMAPS, namespace).watch({ signal });
    this.done = (async () => {
      try {
        for await (const ev of events) {
          const t = performance.now();
          if (ev.type === 'ERROR') throw new Error(`watch error event: ${JSON.stringify(ev.object)}`);
          if (ev.type !== 'ADDED') continue;
          const name = ev.object.metadata.name ?? '';
          const w = this.waiting.get(name);
          if (w) { this.waiting.delete(name); w.resolve(t); }
        }
        this.finish(new Error('the watch ended'));
      } catch (e) {
        this.finish(signal.aborted ? signal.reason : e);
      }
    })();
  }

  private finish(reason: unknown): void {
    this.ended ??= reason;
    for (const w of this.waiting.values()) w.reject(this.ended);
    this.waiting.clear();
  }

  /** Call before the create request: the event may arrive before the create's response. */
  arrival(name: string, timeoutMs: number): Promise<number> {
    if (this.ended !== undefined) return Promise.reject(this.ended);
    return new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(name);
        reject(new Error(`no watch event for ${name} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiting.set(name, {
        resolve: (t) => { clearTimeout(timer); resolve(t); },
        reject: (e) => { clearTimeout(timer); reject(e); },
      });
    });
  }

  /** Stops waiting for `name` (its create failed): its arrival promise resolves with NaN. */
  forget(name: string): void {
    this.waiting.get(name)?.resolve(Number.NaN);
    this.waiting.delete(name);
  }
}

export async function runApiBench(opts: ApiBenchOptions = {}): Promise<ApiBenchFigures> {
  const phaseMs = opts.phaseMs ?? 5000;
  const maxOps = opts.maxOpsPerPhase ?? 50_000;
  const warmupMs = opts.warmupMs ?? 500;
  const clientCount = opts.clients ?? 50;
  const watchEvents = opts.watchEvents ?? 1000;
  const listObjects = opts.listObjects ?? 10_000;
  const listRuns = opts.listRuns ?? 10;
  const fillTimeoutMs = opts.fillTimeoutMs ?? 120_000;
  const log = opts.log ?? ((line: string) => console.error(line));

  const run = new AbortController();
  setMaxListeners(10_000, run.signal);
  const overall = setTimeout(() => run.abort(new Error(`api bench: gave up after ${opts.timeoutMs ?? 280_000} ms`)), opts.timeoutMs ?? 280_000);
  const signal = run.signal;
  const requesters: HttpsRequester[] = [];
  let server: KiteServerProcess | undefined;
  try {
    const tStart = performance.now();
    server = await startKiteServerProcess({ command: opts.command });
    const startupMs = performance.now() - tStart;
    const onServerExit = (): void => run.abort(server?.exited.reason);
    server.exited.addEventListener('abort', onServerExit, { once: true });
    const pid = server.pid;
    log(`api: kite server pid ${pid} at ${server.url} (started in ${Math.round(startupMs)} ms)`);

    const cfg = loadKubeconfig(server.kubeconfigPath);
    const newClient = (): Client => {
      const r = httpsRequester({ ...cfg, maxSockets: 1 });
      requesters.push(r);
      return createClient(r, { userAgent: 'kite-bench' });
    };
    const clients = Array.from({ length: Math.max(1, clientCount) }, newClient);
    const first = clients[0] as Client;
    const out: ApiBenchFigures = {};

    for (const name of [NS_CREATE, NS_WATCH, NS_LIST]) {
      await first.resource(NAMESPACES).create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } }, { signal });
    }

    // create
    const created: string[] = [];
    let seq = 0;
    const createIn = (namespace: string, record: boolean) => async (w: number): Promise<void> => {
      const name = `cm-${seq++}`;
      await (clients[w] as Client).resource(CONFIGMAPS, namespace).create(configMap(namespace, name), { signal });
      if (record) created.push(name);
    };
    for (const [label, workers] of [['create.1client', 1], [`create.${clientCount}clients`, clientCount]] as const) {
      await runLoops(`${label} warm-up`, workers, { maxOps, maxMs: warmupMs }, signal, createIn(NS_CREATE, true));
      phaseFigures(label, await measure(label, pid, workers, { maxOps, maxMs: phaseMs }, signal, createIn(NS_CREATE, true)), out);
      log(`api: ${describe(label, out)}`);
    }

    // get
    const getOne = async (w: number): Promise<void> => {
      const name = created[Math.floor(Math.random() * created.length)] as string;
      await (clients[w] as Client).resource(CONFIGMAPS, NS_CREATE).get(name, { signal });
    };
    for (const [label, workers] of [['get.1client', 1], [`get.${clientCount}clients`, clientCount]] as const) {
      await runLoops(`${label} warm-up`, workers, { maxOps, maxMs: warmupMs }, signal, getOne);
      phaseFigures(label, await measure(label, pid, workers, { maxOps, maxMs: phaseMs }, signal, getOne), out);
      log(`api: ${describe(label, out)}`);
    }

    // watch event latency: one watcher on its own connection, creates one at a time
    const watchStop = new AbortController();
    const onRunAbort = (): void => watchStop.abort(signal.reason);
    signal.addEventListener('abort', onRunAbort, { once: true });
    const watcher = new WatchTimer(newClient(), NS_WATCH, watchStop.signal);
    try {
      const writer = first.resource(CONFIGMAPS, NS_WATCH);
      const createAndSee = async (name: string): Promise<number> => {
        const t0 = performance.now();
        const seen = watcher.arrival(name, WATCH_EVENT_TIMEOUT_MS);
        seen.catch(() => undefined); // awaited below; not an unhandled rejection while the create is in flight
        try {
          await writer.create(configMap(NS_WATCH, name), { signal });
        } catch (e) {
          watcher.forget(name);
          throw e;
        }
        return (await seen) - t0;
      };
      // The watch request goes out with the first next(); a watch without a resourceVersion starts
      // with ADDED for what exists, so the first warm-up event arrives even if it races the watch.
      for (let i = 0; i < 50; i++) await createAndSee(`warm-${i}`);
      let n = 0;
      const eventLatencies: number[] = [];
      const r = await measure('watch', pid, 1, { maxOps: watchEvents, maxMs: phaseMs }, signal, async () => {
        eventLatencies.push(await createAndSee(`ev-${n++}`));
      });
      phaseFigures('watch', r, out, eventLatencies);
      log(`api: ${describe('watch', out)} (latency: create request sent to ADDED event received)`);
    } finally {
      watchStop.abort();
      signal.removeEventListener('abort', onRunAbort);
      await watcher.done;
    }

    // list: fill one namespace, then time full lists (request to the last byte of the body)
    let made = 0;
    const fillOne = async (w: number): Promise<void> => {
      const name = `cm-${made++}`;
      await (clients[w] as Client).resource(CONFIGMAPS, NS_LIST).create(configMap(NS_LIST, name), { signal });
    };
    const fill = await measure('list.fill', pid, clientCount, { maxOps: listObjects, maxMs: fillTimeoutMs }, signal, fillOne);
    phaseFigures('list.fill', fill, out);
    log(`api: ${describe('list.fill', out)}${fill.ops + fill.resets < listObjects ? ` (stopped at the ${fillTimeoutMs} ms bound)` : ''}`);
    const lister = first.resource(CONFIGMAPS, NS_LIST);
    const check = await lister.list({ signal });
    // A create whose connection was reset may or may not have been stored.
    if (check.items.length < fill.ops || check.items.length > fill.ops + fill.resets) {
      throw new Error(`list of ${NS_LIST} returned ${check.items.length} items, expected ${fill.ops}${fill.resets ? ` to ${fill.ops + fill.resets}` : ''}`);
    }
    let bytes = 0;
    const rl = await measure('list', pid, 1, { maxOps: listRuns, maxMs: Number.POSITIVE_INFINITY }, signal, async () => {
      const res = await first.request({ path: lister.path(), signal });
      bytes = res.body.length;
    });
    phaseFigures('list', rl, out);
    out['list.size.objects'] = check.items.length;
    out['list.size.MiB'] = round(bytes / 1048576, 2);
    log(`api: ${describe('list', out)} (${check.items.length} ConfigMaps, ${out['list.size.MiB']} MiB, time to the last byte)`);

    const stats = readProcessStats(pid);
    out['server.startupMs'] = Math.round(startupMs);
    out['server.cpuSeconds'] = round(stats.cpuSeconds, 2);
    out['server.rssMiB'] = round(stats.rssBytes / 1048576, 1);
    out['server.peakRssMiB'] = round(stats.peakRssBytes / 1048576, 1);
    server.exited.removeEventListener('abort', onServerExit);
    return out;
  } catch (e) {
    const err = signal.aborted && signal.reason instanceof Error ? signal.reason : e;
    if (!server || server.exited.aborted) throw err; // the exit error carries the stderr tail already
    const msg = err instanceof Error ? err.message : String(err);
    throw new Error(`${msg}\n(kite server stderr, last lines:\n${server.stderrTail()})`, { cause: err });
  } finally {
    clearTimeout(overall);
    run.abort(new Error('api bench finished'));
    for (const r of requesters) r.close();
    await server?.stop();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  printFigures('api (kite server over HTTPS, ConfigMaps)', await runApiBench());
}
