// `kite server`: the composition root for the control plane. Opens the datastore, loads or creates
// the PKI, starts the API server behind HTTPS and writes an admin kubeconfig.

import { mkdirSync, writeFileSync, readFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:https';
import { ApiServer, createHttpsServer, kubeconfigYaml, loadOrCreatePki, type Pki } from './apiserver/index.js';
import { openStore } from './storage/open.js';
import type { Store } from './storage/interface.js';

export interface ServerOptions {
  dataDir: string;
  port: number;
  bindAddress?: string;
  /** sqlite://PATH (default DIR/state.db) or etcd endpoints (a later component). */
  datastoreEndpoint?: string;
  serviceCidr?: string;
  log?: (msg: string) => void;
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
  const api = new ApiServer({ store, serviceCidr: opts.serviceCidr, log, serverAddress: () => `${bind}:${port}` });
  await api.start();
  const http: Server = createHttpsServer({ pki, handler: api.handler, tokens: new Map([[token, { name: 'system:admin', groups: ['system:masters', 'system:authenticated'] }]]), log });
  await new Promise<void>((ok, fail) => {
    http.once('error', fail);
    http.listen(opts.port, bind, () => { http.off('error', fail); ok(); });
  });
  port = (http.address() as AddressInfo).port;
  const host = bind === '0.0.0.0' || bind === '::' ? '127.0.0.1' : bind;
  const url = `https://${host.includes(':') ? `[${host}]` : host}:${port}`;
  const kubeconfigPath = join(dataDir, 'kubeconfig.yaml');
  writeFileSync(kubeconfigPath, kubeconfigYaml({ server: url, pki }), { mode: 0o600 });
  log(`kite API server listening on ${url}; kubeconfig: ${kubeconfigPath}`);
  let stopped = false;
  return {
    api, port, url, kubeconfigPath, pki, store,
    async stop() {
      if (stopped) return;
      stopped = true;
      http.closeAllConnections();
      await new Promise<void>((r) => http.close(() => r()));
      await api.stop();
      await store.close();
    },
  };
}
