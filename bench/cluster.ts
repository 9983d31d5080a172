// Cluster-scale figures, measured the way a user would run kite: `kite server` and `kite sim`
// (1,000 simulated nodes) run as two separate processes, and this process drives them over HTTPS
// with kite's own client, as kubectl would.
//   deployment  a Deployment of `replicas` pods (cpu 10m): seconds from its creation until
//               status.availableReplicas == replicas (watched), with the pods' own milestones
//               (all created, all bound, all Running) from a pod watch
//   fill        more Deployments until the cluster holds `totalPods` pods: seconds until every pod
//               has been bound and Running (field-selected pod watches), then until the
//               Deployments report them all available (a shortfall is reported, not fatal)
//   memory      the server's resident set (VmRSS) with totalPods pods Running, again after a quiet
//               spell, its CPU seconds, and the sim's and this process's
//   verify      a paged list of every pod: phase, readiness, pods per node
// Progress lines every 10 s also show how stale the nodes' Leases are (heartbeats under load).
// Every wait is bounded: a phase that does not finish in time fails the bench with a census of
// the pods, Deployments, ReplicaSets and events. Both processes are stopped (and the server's data
// directory removed) at the end and on error. With `serverCpuProfDir` the server runs under
// `node --cpu-prof` and the top self-time functions and folders of its profile are printed.
//   node --import tsx bench/cluster.ts [--nodes 1000] [--replicas 1000] [--pods 30000]
//        [--per-deployment 1000] [--fill-timeout SECONDS] [--cpu-prof DIR]
//   (or node dist/bench/cluster.js, after npm run build)

import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { KubeObject } from '../src/api/types.js';
import { createClient, httpsRequester, loadKubeconfig, type Client, type HttpsRequester, type ResourceRef } from '../src/client/index.js';
import { repoRoot, startKiteServerProcess, type KiteServerProcess } from './kite-server-process.js';
import { printFigures } from './print-figures.js';
import { readProcessStats } from './process-stats.js';

export interface ClusterBenchOptions {
  /** Simulated nodes (`kite sim --nodes`). Default 1000. */
  nodes?: number;
  /** Replicas of the first Deployment, timed to full availability. Default 1000. */
  replicas?: number;
  /** Pods in the cluster for the fill and memory phases (0 skips them). Default 30000. */
  totalPods?: number;
  /** Replicas of each Deployment added in the fill phase. Default `replicas`. */
  podsPerDeployment?: number;
  /** Bound on `kite sim` registering its nodes. Default 300000 ms. */
  simStartTimeoutMs?: number;
  /** Bound on the first Deployment becoming available. Default 300000 ms. */
  deploymentTimeoutMs?: number;
  /** Bound on the fill phase: every pod Running (else the bench fails). Default 900000 ms (about 560 s were needed on the 2-core machine). */
  fillTimeoutMs?: number;
  /** After all pods are Running, how long to wait for the Deployments to report them all available before noting the shortfall (it does not fail the bench). Default 60000 ms. */
  availableGraceMs?: number;
  /** Quiet time after the fill before the "settled" memory reading. Default 10000 ms. */
  settleMs?: number;
  /** A progress line (available pods, RSS, CPU) this often. Default 10000 ms. */
  progressIntervalMs?: number;
  /** Run the server under `node --cpu-prof --cpu-prof-dir=DIR` (the profile is written when it stops). */
  serverCpuProfDir?: string;
  /** Rows of the profile summary (functions, folders). Default 30. */
  profileTop?: number;
  /** After SIGTERM, wait this long before SIGKILL. Default 10000 ms (120000 ms when profiling: the profile is written on exit). */
  stopTimeoutMs?: number;
  /** Progress lines. Default: to stderr. */
  log?: (line: string) => void;
}

/** Flat figures `<row>.<metric>`, e.g. `deployment.availableSeconds`, `server.rssMiB`. */
export type ClusterBenchFigures = Record<string, number | string>;

const NAMESPACES: ResourceRef = { group: '', version: 'v1', resource: 'namespaces', namespaced: false };
const DEPLOYMENTS: ResourceRef = { group: 'apps', version: 'v1', resource: 'deployments', namespaced: true };
const REPLICASETS: ResourceRef = { group: 'apps', version: 'v1', resource: 'replicasets', namespaced: true };
const NODES: ResourceRef = { group: '', version: 'v1', resource: 'nodes', namespaced: false };
const EVENTS: ResourceRef = { group: '', version: 'v1', resource: 'events', namespaced: true };
const LEASES: ResourceRef = { group: 'coordination.k8s.io', version: 'v1', resource: 'leases', namespaced: true };
const PODS: ResourceRef = { group: '', version: 'v1', resource: 'pods', namespaced: true };
const NAMESPACE = 'bench-cluster';
const FIRST = 'web';
const MiB = 1048576;
const TAIL_LINES = 40;

const round = (x: number, digits: number): number => Number(x.toFixed(digits));
const mib = (bytes: number): number => round(bytes / MiB, 1);
const secondsSince = (t0: number): number => round((performance.now() - t0) / 1000, 2);
const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));

interface DeploymentObject extends KubeObject {
  spec?: { replicas?: number; [field: string]: unknown };
  status?: { replicas?: number; updatedReplicas?: number; readyReplicas?: number; availableReplicas?: number; observedGeneration?: number };
}

interface PodObject extends KubeObject {
  spec?: { nodeName?: string };
  status?: { phase?: string; conditions?: Array<{ type: string; status: string }> };
}

interface ReplicaSetObject extends KubeObject {
  spec?: { replicas?: number };
  status?: { replicas?: number; readyReplicas?: number; availableReplicas?: number; observedGeneration?: number };
}

/** A bench phase that did not finish in time, or a check that failed; carries the figures measured so far. */
export class ClusterBenchError extends Error {
  override readonly name = 'ClusterBenchError';
  constructor(message: string, readonly figures: ClusterBenchFigures, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** A wait that reached its deadline (as opposed to a process that exited). */
class PhaseTimeout extends Error {
  override readonly name = 'PhaseTimeout';
}

function deployment(name: string, replicas: number): DeploymentObject {
  const labels = { app: name, 'app.kubernetes.io/part-of': 'kite-bench' };
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: NAMESPACE, labels },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels },
        spec: {
          containers: [{ name: 'app', image: 'registry.example/bench/web:1.0', resources: { requests: { cpu: '10m', memory: '16Mi' } } }],
        },
      },
    },
  };
}

// ---------------------------------------------------------------------------------------------
// `kite sim` as a process

export interface SimProcess {
  readonly pid: number;
  /** What `kite sim` printed: nodes registered and the seconds it took. */
  readonly registered: number;
  readonly registerSeconds: number;
  /** Aborted (reason: an Error with the output tail) if the process exits before stop(). */
  readonly exited: AbortSignal;
  outputTail(): string;
  /** SIGTERM, then SIGKILL after stopTimeoutMs; idempotent. */
  stop(): Promise<void>;
}

export interface SimProcessOptions {
  kubeconfigPath: string;
  nodes: number;
  /** Default 300000 ms. */
  startTimeoutMs?: number;
  /** Default 10000 ms. */
  stopTimeoutMs?: number;
}

/** The line `kite sim` prints once every node is registered (src/cli/sim.ts). */
export const SIM_REGISTERED = /^(\d+) simulated nodes registered \(.*\) in ([\d.]+)s/;

/** Starts `node bin/kite.js sim --kubeconfig K --nodes N` and waits for its "registered" line. */
export async function startSimProcess(opts: SimProcessOptions): Promise<SimProcess> {
  const root = repoRoot();
  const child = spawn(process.execPath, [join(root, 'bin', 'kite.js'), 'sim', '--kubeconfig', opts.kubeconfigPath, '--nodes', String(opts.nodes)], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const tail: string[] = [];
  const waiters = new Set<(line: string) => void>();
  const follow = (stream: NodeJS.ReadableStream): void => {
    let partial = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      const parts = (partial + chunk).split('\n');
      partial = parts.pop() ?? '';
      for (const line of parts) {
        tail.push(line);
        if (tail.length > TAIL_LINES) tail.shift();
        for (const w of waiters) w(line);
      }
    });
  };
  follow(child.stdout);
  follow(child.stderr);
  const outputTail = (): string => tail.filter((l) => l !== '').join('\n');

  const exitController = new AbortController();
  let exited = false;
  let stopping = false;
  const exitedPromise = new Promise<void>((res) => {
    child.once('exit', (code, signal) => {
      exited = true;
      if (!stopping) exitController.abort(new Error(`kite sim (pid ${child.pid}) exited with ${signal ?? `code ${code}`}:\n${outputTail()}`));
      res();
    });
  });
  const spawnError = new Promise<never>((_, reject) => child.once('error', reject));
  const onExit = (): void => { if (!exited) child.kill('SIGKILL'); };
  process.once('exit', onExit);

  let stopped: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopped ??= (async () => {
      stopping = true;
      if (!exited && child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        let timer: NodeJS.Timeout | undefined;
        const killed = new Promise<void>((res) => {
          timer = setTimeout(() => { child.kill('SIGKILL'); res(); }, opts.stopTimeoutMs ?? 10_000);
        });
        await Promise.race([exitedPromise, killed]);
        clearTimeout(timer);
        await exitedPromise;
      }
      process.off('exit', onExit);
    })();
    return stopped;
  };

  let timer: NodeJS.Timeout | undefined;
  try {
    const m = await Promise.race([
      new Promise<RegExpExecArray>((res) => {
        const w = (line: string): void => {
          const hit = SIM_REGISTERED.exec(line);
          if (hit) { waiters.delete(w); res(hit); }
        };
        waiters.add(w);
      }),
      spawnError,
      exitedPromise.then(() => { throw exitController.signal.reason as Error; }),
      new Promise<never>((_, reject) => {
        const ms = opts.startTimeoutMs ?? 300_000;
        timer = setTimeout(() => reject(new Error(`kite sim did not register its ${opts.nodes} nodes within ${ms} ms:\n${outputTail()}`)), ms);
      }),
    ]);
    if (child.pid === undefined) throw new Error('kite sim has no pid');
    return {
      pid: child.pid, registered: Number(m[1]), registerSeconds: Number(m[2]),
      exited: exitController.signal, outputTail, stop,
    };
  } catch (e) {
    await stop();
    throw e;
  } finally {
    clearTimeout(timer);
  }
}

// ---------------------------------------------------------------------------------------------
// Watch-backed views of Deployments and pods (list, then watch from its resourceVersion; re-list
// when the watch ends or fails)

type ChangeType = 'ADDED' | 'MODIFIED' | 'DELETED';

interface FollowOptions<T> {
  labelSelector?: string;
  fieldSelector?: string;
  signal: AbortSignal;
  /** Everything listed (at the start, and again after a watch ended or failed). */
  onList: (items: readonly T[]) => void;
  onEvent: (type: ChangeType, obj: T) => void;
  onError?: (e: unknown) => void;
}

/**
 * Lists one resource in the bench namespace, then watches from the list's resourceVersion, until
 * `signal` aborts; when the watch ends or fails (after a second), lists again.
 */
function follow<T extends KubeObject>(client: Client, ref: ResourceRef, opts: FollowOptions<T>): Promise<void> {
  const rc = client.resource<T>(ref, NAMESPACE);
  const { signal, labelSelector, fieldSelector } = opts;
  return (async () => {
    while (!signal.aborted) {
      try {
        const list = await rc.list({ labelSelector, fieldSelector, signal });
        opts.onList(list.items);
        let rv = list.metadata?.resourceVersion;
        for await (const ev of rc.watch({ resourceVersion: rv, labelSelector, fieldSelector, allowWatchBookmarks: true, signal })) {
          if (ev.type === 'ERROR') break;
          const obj = ev.object as T;
          rv = obj.metadata?.resourceVersion ?? rv;
          if (ev.type === 'BOOKMARK') continue;
          opts.onEvent(ev.type as ChangeType, obj);
        }
      } catch (e) {
        if (signal.aborted) return;
        opts.onError?.(e);
        await new Promise((r) => setTimeout(r, 1000));
      }
    }
  })();
}

interface DeploymentTotals { deployments: number; desired: number; replicas: number; ready: number; available: number }

function deploymentTotals(items: Map<string, DeploymentObject>): DeploymentTotals {
  const t: DeploymentTotals = { deployments: items.size, desired: 0, replicas: 0, ready: 0, available: 0 };
  for (const d of items.values()) {
    t.desired += d.spec?.replicas ?? 0;
    t.replicas += d.status?.replicas ?? 0;
    t.ready += d.status?.readyReplicas ?? 0;
    t.available += d.status?.availableReplicas ?? 0;
  }
  return t;
}

/** First-seen times (ms since `t0`) of the pods of one Deployment reaching created, bound and Running. */
class PodMilestones {
  private readonly created = new Map<string, number>();
  private readonly bound = new Map<string, number>();
  private readonly running = new Map<string, number>();
  constructor(private readonly t0: number) {}

  see(p: PodObject): void {
    const name = p.metadata.name ?? '';
    if (p.metadata.deletionTimestamp) return;
    const now = performance.now() - this.t0;
    if (!this.created.has(name)) this.created.set(name, now);
    if (p.spec?.nodeName && !this.bound.has(name)) this.bound.set(name, now);
    if (p.status?.phase === 'Running' && !this.running.has(name)) this.running.set(name, now);
  }

  counts(): { created: number; bound: number; running: number } {
    return { created: this.created.size, bound: this.bound.size, running: this.running.size };
  }

  /** Seconds until the n-th pod reached each milestone (NaN if fewer did). */
  secondsToNth(n: number): { created: number; bound: number; running: number } {
    const nth = (m: Map<string, number>): number => {
      if (m.size < n) return Number.NaN;
      const times = [...m.values()].sort((a, b) => a - b);
      return round((times[n - 1] as number) / 1000, 2);
    };
    return { created: nth(this.created), bound: nth(this.bound), running: nth(this.running) };
  }
}

// ---------------------------------------------------------------------------------------------
// Census: every pod of the namespace (paged list), by phase, readiness, node and Deployment

interface PodCounts { pods: number; running: number; ready: number; unbound: number; terminating: number }

interface Census {
  all: PodCounts;
  phases: Record<string, number>;
  /** By the pods' `app` label (= Deployment name). */
  byApp: Map<string, PodCounts>;
  perNode: Map<string, number>;
  seconds: number;
}

const noPods = (): PodCounts => ({ pods: 0, running: 0, ready: 0, unbound: 0, terminating: 0 });

async function takeCensus(client: Client, signal: AbortSignal): Promise<Census> {
  const t0 = performance.now();
  const c: Census = { all: noPods(), phases: {}, byApp: new Map(), perNode: new Map(), seconds: 0 };
  const pods = client.resource<PodObject>(PODS, NAMESPACE);
  let cont: string | undefined;
  do {
    const page = await pods.list({ limit: 1000, continue: cont, signal });
    for (const p of page.items) {
      const app = p.metadata.labels?.['app'] ?? '(none)';
      let byApp = c.byApp.get(app);
      if (!byApp) { byApp = noPods(); c.byApp.set(app, byApp); }
      const phase = p.status?.phase ?? '(none)';
      c.phases[phase] = (c.phases[phase] ?? 0) + 1;
      const ready = p.status?.conditions?.some((x) => x.type === 'Ready' && x.status === 'True') ?? false;
      for (const k of [c.all, byApp]) {
        k.pods++;
        if (phase === 'Running') k.running++;
        if (ready) k.ready++;
        if (!p.spec?.nodeName) k.unbound++;
        if (p.metadata.deletionTimestamp) k.terminating++;
      }
      if (p.spec?.nodeName) c.perNode.set(p.spec.nodeName, (c.perNode.get(p.spec.nodeName) ?? 0) + 1);
    }
    cont = page.metadata?.continue || undefined;
  } while (cont);
  c.seconds = secondsSince(t0);
  return c;
}

const countsText = (k: PodCounts): string =>
  `${k.pods} pods, ${k.running} Running, ${k.ready} Ready, ${k.unbound} unbound, ${k.terminating} terminating`;

/**
 * What the cluster looks like when a phase did not finish: the pods by phase, and for every
 * Deployment short of its replicas its status, its ReplicaSets' status and its pods.
 */
async function diagnose(client: Client, signal: AbortSignal): Promise<string> {
  const lines: string[] = [];
  const c = await takeCensus(client, signal);
  lines.push(`pods: ${countsText(c.all)}; by phase ${JSON.stringify(c.phases)}; on ${c.perNode.size} nodes`);
  const nodes = (await client.resource<KubeObject>(NODES).list({ signal })).items;
  const notReady = nodes.filter((n) => !((n['status'] as PodObject['status'])?.conditions ?? []).some((x) => x.type === 'Ready' && x.status === 'True'));
  lines.push(`nodes: ${nodes.length}, ${notReady.length} not Ready${notReady.length ? ` (${notReady.slice(0, 10).map((n) => n.metadata.name).join(', ')}${notReady.length > 10 ? ', ...' : ''})` : ''}`);
  for (const ns of [NAMESPACE, 'default']) {
    const reasons: Record<string, number> = {};
    for (const ev of (await client.resource<KubeObject>(EVENTS, ns).list({ signal })).items) {
      const r = `${String((ev['involvedObject'] as { kind?: string } | undefined)?.kind)}/${String(ev['reason'])}`;
      reasons[r] = (reasons[r] ?? 0) + 1;
    }
    lines.push(`events in ${ns} by object kind/reason: ${JSON.stringify(reasons)}`);
  }
  const deps = (await client.resource<DeploymentObject>(DEPLOYMENTS, NAMESPACE).list({ signal })).items;
  const rss = (await client.resource<ReplicaSetObject>(REPLICASETS, NAMESPACE).list({ signal })).items;
  const short = deps.filter((d) => (d.status?.availableReplicas ?? 0) < (d.spec?.replicas ?? 0));
  lines.push(`${short.length} of ${deps.length} Deployments short of their replicas${short.length > 10 ? ' (first 10)' : ''}:`);
  for (const d of short.slice(0, 10)) {
    const name = d.metadata.name ?? '';
    const st = d.status ?? {};
    lines.push(`  Deployment ${name}: spec.replicas ${d.spec?.replicas}, status replicas ${st.replicas} ready ${st.readyReplicas} available ${st.availableReplicas}, generation ${d.metadata.generation} observed ${st.observedGeneration}`);
    for (const rs of rss.filter((r) => r.metadata.ownerReferences?.some((o) => o.kind === 'Deployment' && o.name === name))) {
      const rt = rs.status ?? {};
      lines.push(`    ReplicaSet ${rs.metadata.name}: spec.replicas ${rs.spec?.replicas}, status replicas ${rt.replicas} ready ${rt.readyReplicas} available ${rt.availableReplicas}, generation ${rs.metadata.generation} observed ${rt.observedGeneration}`);
    }
    lines.push(`    its pods: ${countsText(c.byApp.get(name) ?? noPods())}`);
  }
  return lines.join('\n');
}

// ---------------------------------------------------------------------------------------------
// Heartbeats: how old the nodes' Leases are (a node whose Lease is older than the node lifecycle
// controller's grace period, 50 s, is marked NotReady and its pods Ready=False)

interface LeaseObject extends KubeObject { spec?: { renewTime?: string } }

interface HeartbeatSample {
  /** Round trip of the Lease list, ms: a rough API latency under the current load. */
  listMs: number;
  leases: number;
  /** Seconds since the oldest renewTime. */
  oldestSeconds: number;
  /** Leases older than 40 s. */
  stale: number;
}

async function sampleHeartbeats(client: Client, signal: AbortSignal): Promise<HeartbeatSample> {
  const t0 = performance.now();
  const list = await client.resource<LeaseObject>(LEASES, 'kube-node-lease').list({ signal });
  const listMs = Math.round(performance.now() - t0);
  const now = Date.now();
  let oldest = 0;
  let stale = 0;
  for (const l of list.items) {
    const renewed = Date.parse(l.spec?.renewTime ?? '');
    if (!Number.isFinite(renewed)) continue;
    const age = (now - renewed) / 1000;
    if (age > oldest) oldest = age;
    if (age > 40) stale++;
  }
  return { listMs, leases: list.items.length, oldestSeconds: round(oldest, 1), stale };
}

// ---------------------------------------------------------------------------------------------
// Bounded waits

class Waiter {
  private readonly pending = new Set<{ check: () => boolean; resolve: () => void }>();

  /** Re-checks every pending condition (call after each change). */
  poke(): void {
    for (const p of this.pending) if (p.check()) { this.pending.delete(p); p.resolve(); }
  }

  /**
   * Resolves once `check()` holds; rejects after `timeoutMs` (with `describe()` in the message) or
   * when `signal` aborts (with its reason).
   */
  until(what: string, check: () => boolean, timeoutMs: number, signal: AbortSignal, describe: () => string): Promise<void> {
    if (check()) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const entry = {
        check,
        resolve: () => { cleanup(); resolve(); },
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new PhaseTimeout(`${what}: not reached within ${Math.round(timeoutMs / 1000)} s (${describe()})`));
      }, timeoutMs);
      const onAbort = (): void => { cleanup(); reject(signal.reason instanceof Error ? signal.reason : new Error(String(signal.reason))); };
      const cleanup = (): void => {
        clearTimeout(timer);
        this.pending.delete(entry);
        signal.removeEventListener('abort', onAbort);
      };
      if (signal.aborted) { onAbort(); return; }
      signal.addEventListener('abort', onAbort, { once: true });
      this.pending.add(entry);
    });
  }
}

// ---------------------------------------------------------------------------------------------
// CPU profile summary

export interface ProfileEntry {
  /** `function file:line`, or a folder. */
  name: string;
  selfMs: number;
  /** Share of the busy (not idle) sampled time, percent. */
  busyPercent: number;
}

export interface ProfileSummary {
  /** All sampled time, idle included. */
  totalMs: number;
  idleMs: number;
  /** Self time by function, largest first. */
  functions: ProfileEntry[];
  /** Self time by source folder (`dist/src/client`, `node_modules/yaml`, ...), largest first. */
  folders: ProfileEntry[];
}

interface CpuProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

export interface CpuProfile {
  nodes: CpuProfileNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

/** Shortens a profile URL to a path from the repository root (or from node_modules/). */
function shortUrl(url: string, root: string): string {
  const path = url.startsWith('file://') ? decodeURIComponent(url.slice('file://'.length)) : url;
  const nm = path.lastIndexOf('/node_modules/');
  if (nm >= 0) return path.slice(nm + 1);
  if (root && path.startsWith(root + '/')) return path.slice(root.length + 1);
  return path;
}

/** The folder a short URL counts under: its directory, or `node_modules/<package>`. */
function folderOf(where: string): string {
  if (where.startsWith('node_modules/')) {
    const parts = where.split('/');
    return parts.slice(0, parts[1]?.startsWith('@') ? 3 : 2).join('/');
  }
  const slash = where.lastIndexOf('/');
  return slash > 0 ? where.slice(0, slash) : where;
}

/**
 * Self time per function (`function file:line`) and per source folder from a V8 .cpuprofile
 * (node --cpu-prof), largest first. A sample's time is the delta to the next sample.
 */
export function summarizeCpuProfile(profile: CpuProfile, opts: { top?: number; root?: string } = {}): ProfileSummary {
  const top = opts.top ?? 30;
  const root = opts.root ?? '';
  const byId = new Map<number, CpuProfileNode>();
  for (const n of profile.nodes) byId.set(n.id, n);
  const selfUs = new Map<number, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  if (samples.length > 0) {
    for (let i = 0; i < samples.length; i++) {
      const id = samples[i] as number;
      selfUs.set(id, (selfUs.get(id) ?? 0) + Math.max(0, deltas[i + 1] ?? 0));
    }
  } else {
    // No sample list: spread the profile's duration over the hit counts.
    const hits = profile.nodes.reduce((s, n) => s + (n.hitCount ?? 0), 0);
    const us = hits > 0 ? (profile.endTime - profile.startTime) / hits : 0;
    for (const n of profile.nodes) selfUs.set(n.id, (n.hitCount ?? 0) * us);
  }
  const fn = new Map<string, number>();
  const folder = new Map<string, number>();
  let total = 0;
  let idle = 0;
  for (const [id, us] of selfUs) {
    const n = byId.get(id);
    if (!n) continue;
    total += us;
    const cf = n.callFrame;
    if (cf.functionName === '(idle)') { idle += us; continue; }
    const where = cf.url ? shortUrl(cf.url, root) : '';
    const name = `${cf.functionName || '(anonymous)'}${where ? ` ${where}:${cf.lineNumber + 1}` : ''}`;
    fn.set(name, (fn.get(name) ?? 0) + us);
    const folderKey = where ? folderOf(where) : cf.functionName || '(unknown)';
    folder.set(folderKey, (folder.get(folderKey) ?? 0) + us);
  }
  const busy = total - idle;
  const entries = (m: Map<string, number>): ProfileEntry[] => [...m.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([name, us]) => ({ name, selfMs: Math.round(us / 1000), busyPercent: busy > 0 ? round((100 * us) / busy, 1) : 0 }));
  return { totalMs: Math.round(total / 1000), idleMs: Math.round(idle / 1000), functions: entries(fn), folders: entries(folder) };
}

/** The newest .cpuprofile in `dir`, or undefined. */
function newestProfile(dir: string): string | undefined {
  if (!existsSync(dir)) return undefined;
  const files = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile')).map((f) => join(dir, f));
  files.sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
  return files[0];
}

// ---------------------------------------------------------------------------------------------
// The bench

export async function runClusterBench(opts: ClusterBenchOptions = {}): Promise<ClusterBenchFigures> {
  const nodes = opts.nodes ?? 1000;
  const replicas = opts.replicas ?? 1000;
  const totalPods = opts.totalPods ?? 30_000;
  const perDeployment = opts.podsPerDeployment ?? replicas;
  const progressMs = opts.progressIntervalMs ?? 10_000;
  const log = opts.log ?? ((line: string) => console.error(line));
  const profDir = opts.serverCpuProfDir === undefined ? undefined : resolve(opts.serverCpuProfDir);
  const stopTimeoutMs = opts.stopTimeoutMs ?? (profDir ? 120_000 : 10_000);
  for (const [name, v] of [['nodes', nodes], ['replicas', replicas], ['podsPerDeployment', perDeployment]] as const) {
    if (!Number.isInteger(v) || v <= 0) throw new Error(`${name} must be a positive integer, got ${v}`);
  }
  if (!Number.isInteger(totalPods) || totalPods < 0) throw new Error(`totalPods must be a non-negative integer, got ${totalPods}`);

  const root = repoRoot();
  const out: ClusterBenchFigures = {};
  const run = new AbortController(); // aborted when either process exits early, and at the end
  const clientCpu0 = process.cpuUsage();
  let server: KiteServerProcess | undefined;
  let sim: SimProcess | undefined;
  let requester: HttpsRequester | undefined;
  let client: Client | undefined;
  let progress: NodeJS.Timeout | undefined;
  const watches: Promise<void>[] = [];
  /** The processes' CPU and memory now, into `out`. */
  const recordProcesses = (): void => {
    if (server) {
      const s = readProcessStats(server.pid);
      out['server.cpuSeconds'] = round(s.cpuSeconds, 1);
      out['server.rssMiB'] = mib(s.rssBytes);
      out['server.peakRssMiB'] = mib(s.peakRssBytes);
    }
    if (sim) {
      const m = readProcessStats(sim.pid);
      out['sim.cpuSeconds'] = round(m.cpuSeconds, 1);
      out['sim.rssMiB'] = mib(m.rssBytes);
      out['sim.peakRssMiB'] = mib(m.peakRssBytes);
    }
    const c = process.cpuUsage(clientCpu0);
    out['client.cpuSeconds'] = round((c.user + c.system) / 1e6, 1);
    out['client.rssMiB'] = mib(process.memoryUsage().rss);
  };
  try {
    // 1. the server
    const command = [process.execPath];
    if (profDir) {
      mkdirSync(profDir, { recursive: true });
      command.push('--cpu-prof', `--cpu-prof-dir=${profDir}`);
    }
    command.push(join(root, 'bin', 'kite.js'));
    let t = performance.now();
    server = await startKiteServerProcess({ command, stopTimeoutMs });
    const srv = server;
    out['server.startSeconds'] = secondsSince(t);
    srv.exited.addEventListener('abort', () => run.abort(srv.exited.reason), { once: true });
    log(`cluster: kite server pid ${srv.pid} at ${srv.url}${profDir ? ` (under --cpu-prof, profile to ${profDir})` : ''}`);

    // 2. the simulated nodes
    t = performance.now();
    sim = await startSimProcess({ kubeconfigPath: srv.kubeconfigPath, nodes, startTimeoutMs: opts.simStartTimeoutMs, stopTimeoutMs });
    const sm = sim;
    sm.exited.addEventListener('abort', () => run.abort(sm.exited.reason), { once: true });
    out['sim.nodes'] = sm.registered;
    out['sim.registerSeconds'] = sm.registerSeconds;
    out['sim.startSeconds'] = secondsSince(t);
    log(`cluster: kite sim pid ${sm.pid}: ${sm.registered} nodes registered in ${sm.registerSeconds} s`);

    // 3. the client: watch the namespace's Deployments (and the first Deployment's pods)
    const signal = run.signal;
    requester = httpsRequester(loadKubeconfig(srv.kubeconfigPath));
    client = createClient(requester, { userAgent: 'kite-bench-cluster' });
    await client.resource(NAMESPACES).create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: NAMESPACE } }, { signal });
    const waiter = new Waiter();
    let totals = deploymentTotals(new Map());
    const deploymentsByName = new Map<string, DeploymentObject>();
    watches.push(follow<DeploymentObject>(client, DEPLOYMENTS, {
      signal,
      onList: (items) => {
        deploymentsByName.clear();
        for (const d of items) deploymentsByName.set(d.metadata.name ?? '', d);
        totals = deploymentTotals(deploymentsByName);
        waiter.poke();
      },
      onEvent: (type, d) => {
        if (type === 'DELETED') deploymentsByName.delete(d.metadata.name ?? '');
        else deploymentsByName.set(d.metadata.name ?? '', d);
        totals = deploymentTotals(deploymentsByName);
        waiter.poke();
      },
      onError: (e) => log(`cluster: Deployment watch failed (${message(e)}); re-listing`),
    }));
    // Every pod of the namespace that has been bound to a node, and that has been Running: two
    // watches filtered on fields, so that each pod's event reaches this process once or twice.
    const everBound = new Set<string>();
    const everRunning = new Set<string>();
    const seeRunning = (p: PodObject): void => {
      if (p.status?.phase !== 'Running') return;
      everRunning.add(p.metadata.name ?? '');
      everBound.add(p.metadata.name ?? '');
      waiter.poke();
    };
    const seeBound = (p: PodObject): void => {
      if (p.spec?.nodeName) { everBound.add(p.metadata.name ?? ''); waiter.poke(); }
    };
    watches.push(follow<PodObject>(client, PODS, {
      fieldSelector: 'spec.nodeName!=,status.phase=Pending', signal,
      onList: (items) => { for (const p of items) seeBound(p); },
      onEvent: (type, p) => { if (type !== 'DELETED') seeBound(p); },
      onError: (e) => log(`cluster: bound-pod watch failed (${message(e)}); re-listing`),
    }));
    watches.push(follow<PodObject>(client, PODS, {
      fieldSelector: 'status.phase=Running', signal,
      onList: (items) => { for (const p of items) seeRunning(p); },
      onEvent: (type, p) => { if (type !== 'DELETED') seeRunning(p); },
      onError: (e) => log(`cluster: Running-pod watch failed (${message(e)}); re-listing`),
    }));
    // The first Deployment's pods, during its phase only: created, bound and Running times.
    let milestones: PodMilestones | undefined;
    const podWatch = new AbortController();
    const onRunAbort = (): void => podWatch.abort();
    signal.addEventListener('abort', onRunAbort, { once: true });
    watches.push(follow<PodObject>(client, PODS, {
      labelSelector: `app=${FIRST}`, signal: podWatch.signal,
      onList: (items) => { for (const p of items) milestones?.see(p); waiter.poke(); },
      onEvent: (type, p) => { if (type !== 'DELETED') milestones?.see(p); waiter.poke(); },
      onError: (e) => log(`cluster: pod watch failed (${message(e)}); re-listing`),
    }));
    const describeTotals = (): string =>
      `${totals.deployments} Deployments, ${totals.desired} desired, ${totals.replicas} created, ${totals.ready} ready, ${totals.available} available; pods ${everBound.size} bound, ${everRunning.size} Running`;
    const stats = (): string => {
      const s = readProcessStats(srv.pid);
      const m = readProcessStats(sm.pid);
      return `server ${mib(s.rssBytes)} MiB ${round(s.cpuSeconds, 1)} cpu-s; sim ${mib(m.rssBytes)} MiB ${round(m.cpuSeconds, 1)} cpu-s`;
    };
    let phaseStart = performance.now();
    let phaseName = '';
    let worstHeartbeat: HeartbeatSample | undefined;
    let sampling = false;
    progress = setInterval(() => {
      if (sampling) return; // the last sample is still in flight
      sampling = true;
      const pods = milestones && phaseName === 'deployment' ? `; pods ${JSON.stringify(milestones.counts())}` : '';
      const line = `cluster: ${phaseName} +${secondsSince(phaseStart).toFixed(0)} s: ${describeTotals()}${pods}; ${stats()}`;
      sampleHeartbeats(client as Client, signal).then((h) => {
        if (!worstHeartbeat || h.oldestSeconds > worstHeartbeat.oldestSeconds) {
          worstHeartbeat = h;
          out['heartbeat.oldestLeaseSeconds'] = h.oldestSeconds;
          out['heartbeat.staleLeases'] = h.stale;
        }
        out['heartbeat.maxLeaseListMs'] = Math.max(Number(out['heartbeat.maxLeaseListMs'] ?? 0), h.listMs);
        log(`${line}; leases: oldest ${h.oldestSeconds} s, ${h.stale} older than 40 s, listed in ${h.listMs} ms`);
      }, (e: unknown) => {
        log(`${line}; leases: ${signal.aborted ? 'stopped' : `list failed: ${message(e)}`}`);
      }).finally(() => { sampling = false; });
    }, progressMs);
    progress.unref();

    // 4. one Deployment of `replicas` pods, until available
    phaseName = 'deployment';
    let serverCpu0 = readProcessStats(srv.pid).cpuSeconds;
    let simCpu0 = readProcessStats(sm.pid).cpuSeconds;
    phaseStart = performance.now();
    milestones = new PodMilestones(phaseStart);
    await client.resource<DeploymentObject>(DEPLOYMENTS, NAMESPACE).create(deployment(FIRST, replicas), { signal });
    const firstAvailable = (): boolean => {
      // The watched Deployments are the whole namespace; only FIRST exists in this phase.
      return totals.deployments >= 1 && totals.available >= replicas;
    };
    await waiter.until(`Deployment ${FIRST} (${replicas} replicas) available`, firstAvailable, opts.deploymentTimeoutMs ?? 300_000, signal, describeTotals);
    out['deployment.replicas'] = replicas;
    out['deployment.availableSeconds'] = secondsSince(phaseStart);
    const ms = milestones.secondsToNth(replicas);
    out['deployment.podsCreatedSeconds'] = ms.created;
    out['deployment.podsBoundSeconds'] = ms.bound;
    out['deployment.podsRunningSeconds'] = ms.running;
    out['deployment.serverCpuSeconds'] = round(readProcessStats(srv.pid).cpuSeconds - serverCpu0, 2);
    out['deployment.simCpuSeconds'] = round(readProcessStats(sm.pid).cpuSeconds - simCpu0, 2);
    podWatch.abort();
    signal.removeEventListener('abort', onRunAbort);
    log(`cluster: Deployment ${FIRST} available (${replicas}/${replicas}) in ${out['deployment.availableSeconds']} s; all pods created ${ms.created} s, bound ${ms.bound} s, Running ${ms.running} s; ${stats()}`);

    // 5. fill the cluster to totalPods pods
    const more = Math.max(0, Math.ceil((totalPods - replicas) / perDeployment));
    if (totalPods > replicas) {
      phaseName = 'fill';
      serverCpu0 = readProcessStats(srv.pid).cpuSeconds;
      simCpu0 = readProcessStats(sm.pid).cpuSeconds;
      phaseStart = performance.now();
      let toCreate = totalPods - replicas;
      const dc = client.resource<DeploymentObject>(DEPLOYMENTS, NAMESPACE);
      for (let i = 1; i <= more; i++) {
        const n = Math.min(perDeployment, toCreate);
        toCreate -= n;
        await dc.create(deployment(`fill-${String(i).padStart(3, '0')}`, n), { signal });
      }
      out['fill.deployments'] = more;
      out['fill.pods'] = totalPods - replicas;
      out['fill.deploymentsCreatedSeconds'] = secondsSince(phaseStart);
      const deadline = phaseStart + (opts.fillTimeoutMs ?? 900_000);
      const left = (): number => Math.max(0, deadline - performance.now());
      const allCreated = waiter.until('fill: pods created', () => totals.replicas >= totalPods, left(), signal, describeTotals)
        .then(() => { out['fill.podsCreatedSeconds'] = secondsSince(phaseStart); }, () => undefined);
      const allBound = waiter.until('fill: pods bound', () => everBound.size >= totalPods, left(), signal, describeTotals)
        .then(() => { out['fill.podsBoundSeconds'] = secondsSince(phaseStart); }, () => undefined);
      try {
        await waiter.until(`fill: ${totalPods} pods Running`, () => everRunning.size >= totalPods, left(), signal, describeTotals);
      } catch (e) {
        out['fill.boundAtDeadline'] = everBound.size;
        out['fill.runningAtDeadline'] = everRunning.size;
        out['fill.availableAtDeadline'] = totals.available;
        out['fill.serverCpuSeconds'] = round(readProcessStats(srv.pid).cpuSeconds - serverCpu0, 2);
        out['fill.simCpuSeconds'] = round(readProcessStats(sm.pid).cpuSeconds - simCpu0, 2);
        throw e;
      }
      await allCreated;
      await allBound;
      const running = readProcessStats(srv.pid);
      out['fill.podsRunningSeconds'] = secondsSince(phaseStart);
      out['fill.runningPodsPerSec'] = round((totalPods - replicas) / Number(out['fill.podsRunningSeconds']), 1);
      out['fill.serverCpuSeconds'] = round(running.cpuSeconds - serverCpu0, 2);
      out['fill.simCpuSeconds'] = round(readProcessStats(sm.pid).cpuSeconds - simCpu0, 2);
      out['memory.allRunning.serverRssMiB'] = mib(running.rssBytes);
      log(`cluster: ${totalPods} pods Running after ${out['fill.podsRunningSeconds']} s (${out['fill.runningPodsPerSec']} pods/s); ${stats()}`);

      // Available (Ready, as every Deployment's status says) follows Running by a moment; a
      // shortfall is reported, with the state of the pods, but does not fail the bench.
      const graceMs = Math.min(left(), opts.availableGraceMs ?? 60_000);
      try {
        await waiter.until(`fill: ${totalPods} pods available in ${more + 1} Deployments`, () => totals.deployments >= more + 1 && totals.available >= totalPods, graceMs, signal, describeTotals);
        out['fill.availableSeconds'] = secondsSince(phaseStart);
        log(`cluster: ${totalPods} pods available after ${out['fill.availableSeconds']} s; ${stats()}`);
      } catch (e) {
        if (!(e instanceof PhaseTimeout)) throw e;
        out['fill.availableSeconds'] = `not within ${Math.round(graceMs / 1000)} s of Running`;
        out['fill.availableAtDeadline'] = totals.available;
        log(`cluster: WARNING: ${message(e)}\n${await diagnose(client, signal)}`);
      }

      // 6. memory after a quiet spell, and a check that every pod is Running on a node
      phaseName = 'settle';
      await new Promise<void>((res, rej) => {
        const timer = setTimeout(res, opts.settleMs ?? 10_000);
        signal.addEventListener('abort', () => { clearTimeout(timer); rej(signal.reason); }, { once: true });
      });
    }
    out['memory.settled.serverRssMiB'] = mib(readProcessStats(srv.pid).rssBytes);

    // 7. every pod Running on a node?
    phaseName = 'verify';
    const c = await takeCensus(client, signal);
    const expected = Math.max(totalPods, replicas);
    out['pods.listed'] = c.all.pods;
    out['pods.running'] = c.all.running;
    out['pods.ready'] = c.all.ready;
    out['pods.nodesUsed'] = c.perNode.size;
    out['pods.perNodeMin'] = c.perNode.size ? Math.min(...c.perNode.values()) : 0;
    out['pods.perNodeMax'] = c.perNode.size ? Math.max(...c.perNode.values()) : 0;
    out['pods.listSeconds'] = c.seconds;
    log(`cluster: listed ${countsText(c.all)} in ${c.seconds} s; by phase ${JSON.stringify(c.phases)}; on ${c.perNode.size} nodes (${out['pods.perNodeMin']}..${out['pods.perNodeMax']} each)`);
    recordProcesses();
    if (c.all.running !== expected || c.all.pods !== expected) {
      throw new ClusterBenchError(`expected ${expected} pods, all Running; listed ${countsText(c.all)}; by phase ${JSON.stringify(c.phases)}`, out);
    }
    return out;
  } catch (e) {
    const err = run.signal.aborted && run.signal.reason instanceof Error ? run.signal.reason : e;
    const parts = [message(err)];
    if (err instanceof PhaseTimeout && client && !run.signal.aborted) {
      // Still running: say where the pods are before stopping everything.
      recordProcesses();
      try {
        parts.push(`state when the phase gave up:\n${await diagnose(client, AbortSignal.any([run.signal, AbortSignal.timeout(120_000)]))}`);
      } catch (d) {
        parts.push(`(could not take a census of the pods: ${message(d)})`);
      }
    }
    if (server && !server.exited.aborted) parts.push(`kite server stderr, last lines:\n${server.stderrTail()}`);
    if (sim && !sim.exited.aborted) parts.push(`kite sim output, last lines:\n${sim.outputTail()}`);
    throw new ClusterBenchError(parts.join('\n'), out, { cause: err });
  } finally {
    clearInterval(progress);
    run.abort(new Error('cluster bench finished'));
    requester?.close();
    await Promise.allSettled(watches);
    await sim?.stop();
    const t = performance.now();
    await server?.stop();
    if (server) log(`cluster: server stopped in ${secondsSince(t)} s`);
    if (profDir) {
      const file = newestProfile(profDir);
      if (file) {
        const summary = summarizeCpuProfile(JSON.parse(readFileSync(file, 'utf8')) as CpuProfile, { top: opts.profileTop ?? 30, root });
        console.log(`\nkite server CPU profile ${file}: ${(summary.totalMs / 1000).toFixed(1)} s sampled, ${(summary.idleMs / 1000).toFixed(1)} s of it idle`);
        console.log('self time by function (percent of the busy time):');
        console.table(summary.functions);
        console.log('self time by folder:');
        console.table(summary.folders);
      } else {
        log(`cluster: no .cpuprofile in ${profDir} (the server did not exit cleanly?)`);
      }
    }
  }
}

export const CLUSTER_TITLE = 'cluster (kite server + kite sim as separate processes; seconds, MiB, CPU seconds)';

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values } = parseArgs({
    options: {
      nodes: { type: 'string' },
      replicas: { type: 'string' },
      pods: { type: 'string' },
      'per-deployment': { type: 'string' },
      'cpu-prof': { type: 'string' },
      'fill-timeout': { type: 'string' },
    },
    strict: true,
  });
  const num = (v: string | undefined): number | undefined => (v === undefined ? undefined : Number(v));
  try {
    printFigures(CLUSTER_TITLE, await runClusterBench({
      nodes: num(values.nodes),
      replicas: num(values.replicas),
      totalPods: num(values.pods),
      podsPerDeployment: num(values['per-deployment']),
      fillTimeoutMs: values['fill-timeout'] === undefined ? undefined : Number(values['fill-timeout']) * 1000,
      serverCpuProfDir: values['cpu-prof'],
    }));
  } catch (e) {
    if (e instanceof ClusterBenchError) printFigures(`${CLUSTER_TITLE}: FAILED, figures measured until then`, e.figures);
    console.error(`cluster bench failed: ${message(e)}`);
    process.exitCode = 1;
  }
}
