// `kite server`: the composition root for the control plane. Opens the datastore, loads or creates
// the PKI, starts the API server behind HTTPS and writes an admin kubeconfig.

import { mkdirSync, writeFileSync, readFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:https';
import { ApiServer, createHttpsServer, kubeconfigYaml, loadOrCreatePki, type Pki } from './apiserver/index.js';
import { hostname } from 'node:os';
import { openStore } from './storage/open.js';
import type { Store } from './storage/interface.js';
import { createClient, inProcessRequester, runLeaderElection, type Client } from './client/index.js';
import { Scheduler } from './scheduler/index.js';
import { startControllers } from './controllers/index.js';
import { defaultTolerationSeconds } from './apiserver/admission/default-tolerations.js';
import { priorityAdmission } from './apiserver/admission/priority.js';
import { evictionHandler } from './apiserver/registry/eviction.js';

export interface ServerOptions {
  dataDir: string;
  port: number;
  bindAddress?: string;
  /** sqlite://PATH (default DIR/state.db) or etcd endpoints (a later component). */
  datastoreEndpoint?: string;
  serviceCidr?: string;
  log?: (msg: string) => void;
  /** Run the scheduler (leader-elected). Default true. */
  scheduler?: boolean;
  /** Run the controllers (leader-elected). Default true. */
  controllers?: boolean;
  /** Silence after which a node is marked Unknown (--node-monitor-grace-period). Default 50 s. */
  nodeMonitorGracePeriodMs?: number;
}

export interface RunningServer {
  api: ApiServer;
  port: number;
  url: string;
  kubeconfigPath: string;
  pki: Pki;
  store: Store;
  stop(): Promise<void>;
}

function adminToken(dataDir: string): string {
  const p = join(dataDir, 'tls', 'admin.token');
  if (existsSync(p)) return readFileSync(p, 'utf8').trim();
  const t = randomBytes(24).toString('hex');
  writeFileSync(p, `${t}\n`, { mode: 0o600 });
  return t;
}

export async function startServer(opts: ServerOptions): Promise<RunningServer> {
  const log = opts.log ?? ((m: string) => console.error(m));
  const dataDir = resolve(opts.dataDir);
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const pki = loadOrCreatePki(dataDir);
  const token = adminToken(dataDir);
  const store = await openStore(opts.datastoreEndpoint ?? `sqlite://${join(dataDir, 'state.db')}`);
  const bind = opts.bindAddress ?? '127.0.0.1';
  let port = opts.port;
  const api: ApiServer = new ApiServer({
    store, serviceCidr: opts.serviceCidr, log, serverAddress: () => `${bind}:${port}`,
    admission: [
      defaultTolerationSeconds(),
      priorityAdmission(() => [...api.registry('scheduling.k8s.io', 'v1', 'priorityclasses').entries()].map((e) => e.obj)),
    ],
  });
  api.subresources.register('pods/eviction', evictionHandler(() => api.registry('policy', 'v1', 'poddisruptionbudgets'), api.clock));
  await api.start();
  const http: Server = createHttpsServer({ pki, handler: api.handler, tokens: new Map([[token, { name: 'system:admin', groups: ['system:masters', 'system:authenticated'] }]]), log });
  try {
    await new Promise<void>((ok, fail) => {
      http.once('error', fail);
      http.listen(opts.port, bind, () => { http.off('error', fail); ok(); });
    });
  } catch (err) {
    await api.stop();
    await store.close();
    const code = (err as { code?: string }).code;
    if (code === 'EADDRINUSE') throw new Error(`port ${opts.port} on ${bind} is already in use: stop the program using it, or pass another --port`, { cause: err });
    if (code === 'EADDRNOTAVAIL') throw new Error(`--bind-address ${bind} is not an address of this machine`, { cause: err });
    throw err;
  }
  port = (http.address() as AddressInfo).port;
  const host = bind === '0.0.0.0' || bind === '::' ? '127.0.0.1' : bind;
  const url = `https://${host.includes(':') ? `[${host}]` : host}:${port}`;
  const kubeconfigPath = join(dataDir, 'kubeconfig.yaml');
  writeFileSync(kubeconfigPath, kubeconfigYaml({ server: url, pki }), { mode: 0o600 });
  log(`kite API server listening on ${url}; kubeconfig: ${kubeconfigPath}`);

  // The scheduler and the controllers use the API like any remote component, through the
  // in-process transport, each while this server holds its Lease.
  const background = new AbortController();
  const identity = `${hostname()}_${randomBytes(4).toString('hex')}`;
  const runs: Promise<void>[] = [];
  const elect = (name: string, component: string, start: (client: Client, signal: AbortSignal) => Promise<void>) => {
    const client = createClient(inProcessRequester(api.handler, { name: `system:${component}`, groups: ['system:masters', 'system:authenticated'] }));
    runs.push(runLeaderElection({
      client, name, identity,
      onStartedLeading: (signal) => { log(`${component}: became leader (${identity})`); return start(client, signal); },
      onStoppedLeading: () => log(`${component}: lost leadership`),
    }, background.signal).catch((err: unknown) => { if (!background.signal.aborted) log(`${component}: ${String(err)}`); }));
  };
  if (opts.scheduler !== false) elect('kube-scheduler', 'kube-scheduler', (client, signal) => new Scheduler(client).run(signal));
  if (opts.controllers !== false) {
    elect('kube-controller-manager', 'kube-controller-manager', (client, signal) => startControllers(client, { nodeMonitorGracePeriodMs: opts.nodeMonitorGracePeriodMs }, signal));
  }
  let stopped = false;
  return {
    api, port, url, kubeconfigPath, pki, store,
    async stop() {
      if (stopped) return;
      stopped = true;
      background.abort();
      await Promise.race([Promise.all(runs), new Promise((r) => setTimeout(r, 5000))]);
      http.closeAllConnections();
      await new Promise<void>((r) => http.close(() => r()));
      await api.stop();
      await store.close();
    },
  };
}
