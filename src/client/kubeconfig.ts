// Reads a kubeconfig file (as kubectl does) into the config httpsRequester takes.

import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, isAbsolute, resolve } from 'node:path';
import { parse } from 'yaml';
import { isPlainObject } from '../api/types.js';
import type { HttpsConfig } from './https.js';

export interface KubeconfigResult extends HttpsConfig {
  /** The context's namespace, if it names one. */
  namespace?: string;
  /** The context used. */
  context: string;
}

type Obj = Record<string, unknown>;

function named(list: unknown, name: string, what: string, field: string): Obj {
  if (Array.isArray(list)) {
    for (const e of list) {
      if (isPlainObject(e) && e['name'] === name) {
        const inner = e[field];
        return isPlainObject(inner) ? inner : {};
      }
    }
  }
  throw new Error(`${what} ${JSON.stringify(name)} does not exist`);
}

function str(o: Obj, k: string): string | undefined {
  const v = o[k];
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/** Parses kubeconfig YAML text; relative file paths are resolved against `baseDir`. */
export function parseKubeconfig(text: string, baseDir: string, context?: string): KubeconfigResult {
  const doc: unknown = parse(text);
  if (!isPlainObject(doc)) throw new Error('kubeconfig: expected a YAML mapping');
  const ctxName = context ?? str(doc, 'current-context');
  if (!ctxName) throw new Error('kubeconfig: no context given and current-context is not set');
  const ctx = named(doc['contexts'], ctxName, 'context', 'context');
  const clusterName = str(ctx, 'cluster');
  if (!clusterName) throw new Error(`context ${JSON.stringify(ctxName)} names no cluster`);
  const cluster = named(doc['clusters'], clusterName, 'cluster', 'cluster');
  const userName = str(ctx, 'user');
  const user = userName ? named(doc['users'], userName, 'user', 'user') : {};

  const file = (p: string): Buffer => {
    const expanded = p.startsWith('~/') ? resolve(homedir(), p.slice(2)) : p;
    return readFileSync(isAbsolute(expanded) ? expanded : resolve(baseDir, expanded));
  };
  const dataOrFile = (o: Obj, dataKey: string, fileKey: string): Buffer | undefined => {
    const d = str(o, dataKey);
    if (d) return Buffer.from(d, 'base64');
    const f = str(o, fileKey);
    return f ? file(f) : undefined;
  };

  const server = str(cluster, 'server');
  if (!server) throw new Error(`cluster ${JSON.stringify(clusterName)} has no server`);
  const out: KubeconfigResult = { server, context: ctxName };
  const ca = dataOrFile(cluster, 'certificate-authority-data', 'certificate-authority');
  if (ca) out.ca = ca;
  if (cluster['insecure-skip-tls-verify'] === true) out.insecureSkipVerify = true;
  const sni = str(cluster, 'tls-server-name');
  if (sni) out.tlsServerName = sni;
  const cert = dataOrFile(user, 'client-certificate-data', 'client-certificate');
  if (cert) out.cert = cert;
  const key = dataOrFile(user, 'client-key-data', 'client-key');
  if (key) out.key = key;
  const token = str(user, 'token') ?? (str(user, 'tokenFile') ? file(str(user, 'tokenFile') as string).toString('utf8').trim() : undefined);
  if (token) out.token = token;
  const username = str(user, 'username');
  if (username) { out.username = username; out.password = str(user, 'password') ?? ''; }
  const ns = str(ctx, 'namespace');
  if (ns) out.namespace = ns;
  return out;
}

/** Loads the kubeconfig at `path` for `context` (default: its current-context). */
export function loadKubeconfig(path: string, context?: string): KubeconfigResult {
  return parseKubeconfig(readFileSync(path, 'utf8'), dirname(resolve(path)), context);
}
