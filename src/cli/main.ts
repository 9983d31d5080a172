// The `kite` command: sub-commands, each a small module; flags are parsed with node:util parseArgs.

import { parseArgs } from 'node:util';
import { startServer } from '../server.js';
import { simCommand } from './sim.js';

const USAGE = `kite: Kubernetes in TypeScript

Usage:
  kite up      [--data-dir DIR] [--port PORT]             start a one-machine cluster
  kite server  --data-dir DIR [--port PORT] [--bind-address 127.0.0.1]
               [--datastore-endpoint sqlite://PATH] [--service-cidr 10.43.0.0/16]
               [--node-monitor-grace-period 50s] [--disable-scheduler] [--disable-controllers]
  kite sim     --kubeconfig FILE --nodes N [--name-prefix sim-] [--cpu 4] [--memory 16Gi] [--max-pods 110]
               simulated nodes (kubelets without containers)
  kite version

Run 'kite <command> --help' for the flags of a command.`;

function fail(msg: string): never {
  throw new Error(`${msg}\n\n${USAGE}`);
}

function portOf(v: string | undefined, dflt: number): number {
  if (v === undefined) return dflt;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 65535) fail(`--port must be an integer between 0 and 65535, got ${JSON.stringify(v)}`);
  return n;
}

/** Go-style durations as kube flags take them: 40s, 2m, 1m30s, 500ms. */
function durationMs(flag: string, v: string): number {
  const re = /(\d+(?:\.\d+)?)(ms|s|m|h)/g;
  let total = 0;
  let consumed = '';
  for (const m of v.matchAll(re)) {
    total += Number(m[1]) * ({ ms: 1, s: 1000, m: 60_000, h: 3_600_000 } as Record<string, number>)[m[2]!]!;
    consumed += m[0];
  }
  if (!v || consumed !== v) fail(`${flag} must be a duration such as 40s, 2m or 1m30s, got ${JSON.stringify(v)}`);
  return total;
}

async function waitForSignal(): Promise<void> {
  await new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
}

async function server(args: string[], defaults: { dataDir?: string; port: number }): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      'data-dir': { type: 'string' },
      port: { type: 'string' },
      'bind-address': { type: 'string' },
      'datastore-endpoint': { type: 'string' },
      'service-cidr': { type: 'string' },
      'node-monitor-grace-period': { type: 'string' },
      'disable-scheduler': { type: 'boolean' },
      'disable-controllers': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) { console.log(USAGE); return 0; }
  // A stray rejected promise in one request or control loop must not take the cluster down:
  // report it with its stack and keep serving.
  process.on('unhandledRejection', (err) => {
    console.error(`kite: unhandled rejection (server keeps running): ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
  });
  const dataDir = values['data-dir'] ?? defaults.dataDir;
  if (!dataDir) fail('--data-dir is required');
  const srv = await startServer({
    dataDir,
    port: portOf(values.port, defaults.port),
    bindAddress: values['bind-address'],
    datastoreEndpoint: values['datastore-endpoint'],
    serviceCidr: values['service-cidr'],
    scheduler: !values['disable-scheduler'],
    controllers: !values['disable-controllers'],
    nodeMonitorGracePeriodMs: values['node-monitor-grace-period'] === undefined ? undefined : durationMs('--node-monitor-grace-period', values['node-monitor-grace-period']),
  });
  console.log(`kite is running. Try:\n  KUBECONFIG=${srv.kubeconfigPath} kubectl get namespaces\n` +
    `No nodes run pods yet; for simulated nodes:\n  kite sim --kubeconfig ${srv.kubeconfigPath} --nodes 3`);
  await waitForSignal();
  await srv.stop();
  return 0;
}

export async function main(argv: string[]): Promise<number> {
  const [cmd, ...rest] = argv;
  switch (cmd) {
    case 'server': return server(rest, { port: 6443 });
    case 'up': return server(rest, { dataDir: '.kite', port: 6443 });
    case 'sim': return simCommand(rest);
    case 'version': console.log('kite v0.1.0 (Kubernetes API v1.34)'); return 0;
    case undefined: case 'help': case '--help': case '-h': console.log(USAGE); return 0;
    default: fail(`unknown command ${JSON.stringify(cmd)}`);
  }
}
