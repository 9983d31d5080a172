// Starts `kite server` as a separate process (as a user would) on a fresh data directory and an
// ephemeral port, waits for its "listening on" line, and stops it again (SIGTERM, then SIGKILL).

import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface KiteServerProcessOptions {
  /** argv that runs kite; `server --data-dir DIR --port 0` is appended. Default: node <repo>/bin/kite.js. */
  command?: readonly string[];
  /** Give up waiting for "listening on" after this long. Default 60000 ms. */
  startTimeoutMs?: number;
  /** After SIGTERM, wait this long before SIGKILL. Default 10000 ms. */
  stopTimeoutMs?: number;
}

export interface KiteServerProcess {
  readonly pid: number;
  /** https://127.0.0.1:PORT */
  readonly url: string;
  readonly dataDir: string;
  readonly kubeconfigPath: string;
  /** Aborted (reason: an Error with the stderr tail) if the process exits before stop(). */
  readonly exited: AbortSignal;
  /** The last lines the process wrote to stderr. */
  stderrTail(): string;
  /** Stops the process and removes its data directory; idempotent. */
  stop(): Promise<void>;
}

const TAIL_LINES = 40;

/** The repository root: the nearest ancestor of this file holding bin/kite.js (works from bench/ and dist/bench/). */
export function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'bin', 'kite.js')) && existsSync(join(dir, 'package.json'))) return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error(`bin/kite.js not found above ${fileURLToPath(import.meta.url)}`);
    dir = up;
  }
}

export async function startKiteServerProcess(opts: KiteServerProcessOptions = {}): Promise<KiteServerProcess> {
  const root = repoRoot();
  const command = opts.command ?? [process.execPath, join(root, 'bin', 'kite.js')];
  if (!opts.command && !existsSync(join(root, 'dist', 'src', 'cli', 'main.js'))) {
    throw new Error(`${join(root, 'dist', 'src', 'cli', 'main.js')} is missing: run \`npm run build\` first`);
  }
  const [exe, ...prefix] = command;
  if (!exe) throw new Error('command must name an executable');
  const dataDir = mkdtempSync(join(tmpdir(), 'kite-bench-api-'));
  const kubeconfigPath = join(dataDir, 'kubeconfig.yaml');
  const child = spawn(exe, [...prefix, 'server', '--data-dir', dataDir, '--port', '0'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });

  const tail: string[] = [];
  let partial = '';
  const lineWaiters = new Set<(line: string) => void>();
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => {
    const parts = (partial + chunk).split('\n');
    partial = parts.pop() ?? '';
    for (const line of parts) {
      tail.push(line);
      if (tail.length > TAIL_LINES) tail.shift();
      for (const w of lineWaiters) w(line);
    }
  });
  child.stdout.resume(); // drain: a full pipe would block the server
  const stderrTail = (): string => [...tail, partial].filter((l) => l !== '').join('\n');

  const exitController = new AbortController();
  let exitCode: number | null | undefined;
  let stopping = false;
  const exitedPromise = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      exitCode = code;
      if (!stopping) {
        exitController.abort(new Error(`kite server (pid ${child.pid}) exited with ${signal ?? `code ${code}`}:\n${stderrTail()}`));
      }
      resolve();
    });
  });
  const spawnError = new Promise<never>((_, reject) => child.once('error', reject));

  // Last resort if this process exits without calling stop() (an uncaught error, process.exit).
  const onExit = (): void => {
    if (exitCode === undefined) child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  };
  process.once('exit', onExit);

  let stopped: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopped ??= (async () => {
      stopping = true;
      if (exitCode === undefined && child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        let timer: NodeJS.Timeout | undefined;
        const killed = new Promise<void>((resolve) => {
          timer = setTimeout(() => { child.kill('SIGKILL'); resolve(); }, opts.stopTimeoutMs ?? 10_000);
        });
        await Promise.race([exitedPromise, killed]);
        clearTimeout(timer);
        await exitedPromise;
      }
      process.off('exit', onExit);
      rmSync(dataDir, { recursive: true, force: true });
    })();
    return stopped;
  };

  let startTimer: NodeJS.Timeout | undefined;
  try {
    const url = await Promise.race([
      new Promise<string>((resolve) => {
        const w = (line: string): void => {
          const m = /listening on (https?:\/\/[^\s;,]+)/.exec(line);
          if (m?.[1]) { lineWaiters.delete(w); resolve(m[1]); }
        };
        lineWaiters.add(w);
      }),
      spawnError,
      exitedPromise.then(() => { throw exitController.signal.reason as Error; }),
      new Promise<never>((_, reject) => {
        const ms = opts.startTimeoutMs ?? 60_000;
        startTimer = setTimeout(() => reject(new Error(`kite server did not print "listening on" within ${ms} ms:\n${stderrTail()}`)), ms);
      }),
    ]);
    if (!existsSync(kubeconfigPath)) throw new Error(`kite server is listening on ${url} but wrote no ${kubeconfigPath}`);
    if (child.pid === undefined) throw new Error('kite server has no pid');
    return { pid: child.pid, url, dataDir, kubeconfigPath, exited: exitController.signal, stderrTail, stop };
  } catch (e) {
    await stop();
    throw e;
  } finally {
    clearTimeout(startTimer);
  }
}
