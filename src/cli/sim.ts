// `kite sim`: N simulated nodes (kubelets without containers) against a cluster, from a kubeconfig.

import { errorMessage } from '../machinery/errors.js';
import { parseArgs } from 'node:util';
import { createClient, httpsRequester, loadKubeconfig, type Logger } from '../client/index.js';
import { SimulatedNodes } from '../sim/index.js';

export const SIM_USAGE = `Usage:
  kite sim --kubeconfig FILE --nodes N [--name-prefix sim-] [--cpu 4] [--memory 16Gi] [--max-pods 110]
           [--context NAME] [--pod-ready-delay 200ms] [--pod-complete-delay 1s] [--verbose]

Runs N simulated nodes in this process: each registers a Node, renews its Lease in
kube-node-lease and moves the pods bound to it to Running and Ready; Job pods complete,
deleted pods are finished. On exit (SIGINT/SIGTERM) the nodes stop heartbeating.`;

export interface SimArgs {
  help: boolean;
  kubeconfig: string;
  context?: string;
  nodes: number;
  namePrefix: string;
  cpu: string;
  memory: string;
  maxPods: number;
  podReadyDelayMs?: number;
  podCompleteDelayMs?: number;
  verbose: boolean;
}

function positiveInt(flag: string, v: string): number {
  const n = /^\d+$/.test(v.trim()) ? Number(v) : NaN;
  if (!Number.isSafeInteger(n) || n <= 0) throw new Error(`${flag} must be a positive integer, got ${JSON.stringify(v)}`);
  return n;
}

/** `250`, `250ms`, `2s` or `1.5s` -> ms. */
function delayMs(flag: string, v: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s)?$/.exec(v.trim());
  if (!m) throw new Error(`${flag} must be a duration such as 200ms or 2s, got ${JSON.stringify(v)}`);
  const n = Number(m[1]) * (m[2] === 's' ? 1000 : 1);
  if (m[2] !== 's' && !Number.isInteger(n)) throw new Error(`${flag} must be a whole number of milliseconds, got ${JSON.stringify(v)}`);
  return Math.round(n);
}

/** Parses the flags; throws an Error saying which flag was wrong and what it got. */
export function parseSimArgs(args: string[], env: NodeJS.ProcessEnv = process.env): SimArgs {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      options: {
        kubeconfig: { type: 'string' },
        context: { type: 'string' },
        nodes: { type: 'string' },
        'name-prefix': { type: 'string' },
        cpu: { type: 'string' },
        memory: { type: 'string' },
        'max-pods': { type: 'string' },
        'pod-ready-delay': { type: 'string' },
        'pod-complete-delay': { type: 'string' },
        verbose: { type: 'boolean', short: 'v' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (e) {
    throw new Error(`${errorMessage(e)}\n\n${SIM_USAGE}`);
  }
  const help = values.help ?? false;
  const out: SimArgs = {
    help,
    kubeconfig: values.kubeconfig ?? env['KUBECONFIG']?.split(':')[0] ?? '',
    nodes: 0,
    namePrefix: values['name-prefix'] ?? 'sim-',
    cpu: values.cpu ?? '4',
    memory: values.memory ?? '16Gi',
    maxPods: 110,
    verbose: values.verbose ?? false,
  };
  if (help) return out;
  if (values.context !== undefined) out.context = values.context;
  if (!out.kubeconfig) throw new Error('--kubeconfig is required (or set KUBECONFIG)');
  if (values.nodes === undefined) throw new Error('--nodes is required');
  out.nodes = positiveInt('--nodes', values.nodes);
  if (values['max-pods'] !== undefined) out.maxPods = positiveInt('--max-pods', values['max-pods']);
  if (!/^[a-z0-9]([-a-z0-9.]*)$/.test(out.namePrefix)) {
    throw new Error(`--name-prefix must start with a lower-case letter or digit and hold only lower-case letters, digits, '-' and '.', got ${JSON.stringify(out.namePrefix)}`);
  }
  if (values['pod-ready-delay'] !== undefined) out.podReadyDelayMs = delayMs('--pod-ready-delay', values['pod-ready-delay']);
  if (values['pod-complete-delay'] !== undefined) out.podCompleteDelayMs = delayMs('--pod-complete-delay', values['pod-complete-delay']);
  return out;
}

function consoleLogger(verbose: boolean): Logger {
  return {
    info: (m) => { if (verbose) console.log(m); },
    warn: (m) => console.warn(m),
    error: (m) => console.error(m),
  };
}

export async function simCommand(args: string[]): Promise<number> {
  const a = parseSimArgs(args);
  if (a.help) { console.log(SIM_USAGE); return 0; }
  const cfg = loadKubeconfig(a.kubeconfig, a.context);
  const requester = httpsRequester(cfg);
  const client = createClient(requester, { userAgent: 'kite-sim' });
  const sim = new SimulatedNodes(client, {
    count: a.nodes, namePrefix: a.namePrefix, cpu: a.cpu, memory: a.memory, maxPods: a.maxPods,
    podReadyDelayMs: a.podReadyDelayMs, podCompleteDelayMs: a.podCompleteDelayMs, logger: consoleLogger(a.verbose),
  });
  const ctl = new AbortController();
  const onSignal = (): void => ctl.abort();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    const started = Date.now();
    await sim.start(ctl.signal);
    if (!ctl.signal.aborted) {
      const last = sim.nodeNames[sim.nodeNames.length - 1];
      const range = sim.nodeNames.length > 1 ? `${sim.nodeNames[0]} .. ${last}` : `${last}`;
      console.log(`${sim.registeredCount} simulated nodes registered (${range}) in ${((Date.now() - started) / 1000).toFixed(1)}s; Ctrl-C to stop`);
      await new Promise<void>((resolve) => ctl.signal.addEventListener('abort', () => resolve(), { once: true }));
    }
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await sim.stop();
    requester.close();
  }
  console.log('simulated nodes stopped; their Nodes stay and will turn NotReady once their leases expire');
  return 0;
}
