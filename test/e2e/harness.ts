// End-to-end harness: runs `kite server` as a separate process, as a user would, and the real
// kubectl 1.34 and helm 4 binaries (extracted to .tools/bin by `npm ci`) against it.

import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, existsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(new URL('.', import.meta.url).pathname, import.meta.url.includes('/dist/') ? '../../..' : '../..');
export const KUBECTL = join(ROOT, '.tools', 'bin', 'kubectl');
export const HELM = join(ROOT, '.tools', 'bin', 'helm');
export const KITE = join(ROOT, 'bin', 'kite.js');

export function clientsAvailable(): string | undefined {
  if (!existsSync(KUBECTL) || !existsSync(HELM)) return 'kubectl/helm not extracted (run npm ci, which runs scripts/extract-clients.js)';
  return undefined;
}

export interface KiteProcess {
  dataDir: string;
  kubeconfig: string;
  url: string;
  proc: ChildProcess;
  home: string;
  output: () => string;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

export function tempDir(prefix = 'kite-e2e-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Starts `kite server` on a free port and waits until it is ready. */
export async function startKite(opts: { dataDir?: string; args?: string[]; command?: string } = {}): Promise<KiteProcess> {
  const dataDir = opts.dataDir ?? tempDir();
  const home = tempDir('kite-home-');
  const proc = spawn(process.execPath, [KITE, opts.command ?? 'server', '--data-dir', dataDir, '--port', '0', ...(opts.args ?? [])], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env } });
  let out = '';
  proc.stdout!.on('data', (d: Buffer) => { out += d.toString(); });
  proc.stderr!.on('data', (d: Buffer) => { out += d.toString(); });
  const url = await new Promise<string>((resolveUrl, reject) => {
    const t = setTimeout(() => reject(new Error(`kite server did not start in 30s:\n${out}`)), 30_000);
    const check = () => {
      const m = /listening on (https:\/\/[^\s;]+)/.exec(out);
      if (m) { clearTimeout(t); resolveUrl(m[1]!); }
    };
    proc.stdout!.on('data', check);
    proc.stderr!.on('data', check);
    proc.once('exit', (code) => { clearTimeout(t); reject(new Error(`kite server exited with ${code}:\n${out}`)); });
  });
  let exited = false;
  proc.once('exit', () => { exited = true; });
  return {
    dataDir, kubeconfig: join(dataDir, 'kubeconfig.yaml'), url, proc, home,
    output: () => out,
    async stop(signal: NodeJS.Signals = 'SIGTERM') {
      if (!exited) {
        const done = new Promise<void>((r) => proc.once('exit', () => r()));
        proc.kill(signal);
        const t = setTimeout(() => proc.kill('SIGKILL'), 10_000);
        await done;
        clearTimeout(t);
      }
    },
  };
}

export function cleanup(k: KiteProcess, keepData = false): void {
  if (!keepData) rmSync(k.dataDir, { recursive: true, force: true });
  rmSync(k.home, { recursive: true, force: true });
}

export interface RunResult { code: number; stdout: string; stderr: string }

export function run(bin: string, args: string[], opts: { env?: Record<string, string>; input?: string; timeoutMs?: number; cwd?: string } = {}): Promise<RunResult> {
  return new Promise((resolveRun, reject) => {
    const p = spawn(bin, args, { env: { ...process.env, ...opts.env }, stdio: ['pipe', 'pipe', 'pipe'], cwd: opts.cwd });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d: Buffer) => { stdout += d.toString(); });
    p.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    const t = setTimeout(() => { p.kill('SIGKILL'); reject(new Error(`${bin} ${args.join(' ')} timed out\nstdout: ${stdout}\nstderr: ${stderr}`)); }, opts.timeoutMs ?? 60_000);
    p.on('error', reject);
    p.on('close', (code) => { clearTimeout(t); resolveRun({ code: code ?? 1, stdout, stderr }); });
    if (opts.input !== undefined) p.stdin.end(opts.input); else p.stdin.end();
  });
}

/** kubectl against the server, with its own HOME (fresh discovery cache per cluster). */
export function kubectl(k: KiteProcess, args: string[], opts: { input?: string; timeoutMs?: number } = {}): Promise<RunResult> {
  return run(KUBECTL, args, { env: { KUBECONFIG: k.kubeconfig, HOME: k.home }, ...opts });
}

export function helm(k: KiteProcess, args: string[], opts: { input?: string; timeoutMs?: number; cwd?: string } = {}): Promise<RunResult> {
  return run(HELM, args, { env: { KUBECONFIG: k.kubeconfig, HOME: k.home, HELM_CACHE_HOME: join(k.home, '.cache/helm'), HELM_CONFIG_HOME: join(k.home, '.config/helm'), HELM_DATA_HOME: join(k.home, '.local/share/helm') }, ...opts });
}

/** kubectl that must succeed; returns stdout. */
export async function kubectlOk(k: KiteProcess, args: string[], opts: { input?: string; timeoutMs?: number } = {}): Promise<string> {
  const r = await kubectl(k, args, opts);
  if (r.code !== 0) throw new Error(`kubectl ${args.join(' ')} failed (${r.code}):\n${r.stderr}\n${r.stdout}`);
  return r.stdout;
}

export function writeFile(dir: string, name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

export interface SimProcess {
  proc: ChildProcess;
  /** The node names the sim printed (e.g. `sim-0 .. sim-2` expands to three names). */
  nodeNames: string[];
  output: () => string;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/**
 * Starts `kite sim` against the server's kubeconfig and waits for its
 * "N simulated nodes registered" line. stop() sends SIGTERM (SIGKILL after 10s).
 */
export async function startSim(k: KiteProcess, opts: { nodes: number; namePrefix?: string; cpu?: string; memory?: string; maxPods?: number }): Promise<SimProcess> {
  const prefix = opts.namePrefix ?? 'sim-';
  const args = [KITE, 'sim', '--kubeconfig', k.kubeconfig, '--nodes', String(opts.nodes), '--name-prefix', prefix];
  if (opts.cpu !== undefined) args.push('--cpu', opts.cpu);
  if (opts.memory !== undefined) args.push('--memory', opts.memory);
  if (opts.maxPods !== undefined) args.push('--max-pods', String(opts.maxPods));
  const proc = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env } });
  let out = '';
  let exited = false;
  proc.once('exit', () => { exited = true; });
  proc.stdout!.on('data', (d: Buffer) => { out += d.toString(); });
  proc.stderr!.on('data', (d: Buffer) => { out += d.toString(); });
  const stop = async (signal: NodeJS.Signals = 'SIGTERM'): Promise<void> => {
    if (exited) return;
    const done = new Promise<void>((r) => proc.once('exit', () => r()));
    proc.kill(signal);
    const t = setTimeout(() => proc.kill('SIGKILL'), 10_000);
    await done;
    clearTimeout(t);
  };
  try {
    await new Promise<void>((resolveReady, reject) => {
      const t = setTimeout(() => reject(new Error(`kite sim did not register its nodes in 30s:\n${out}`)), 30_000);
      const check = () => {
        if (/\d+ simulated nodes? registered/.test(out)) { clearTimeout(t); resolveReady(); }
      };
      proc.stdout!.on('data', check);
      proc.stderr!.on('data', check);
      proc.once('exit', (code) => { clearTimeout(t); reject(new Error(`kite sim exited with ${code}:\n${out}`)); });
    });
  } catch (e) {
    await stop('SIGKILL');
    throw e;
  }
  return {
    proc,
    nodeNames: Array.from({ length: opts.nodes }, (_, i) => `${prefix}${i}`),
    output: () => out,
    stop,
  };
}

/**
 * Polls `probe` until it returns a value other than undefined, or fails after `timeoutMs` with
 * `what` and the last value seen (`describe(last)`), so a timeout says what was expected and got.
 */
export async function poll<T>(what: string, probe: () => Promise<T | undefined>, opts: { timeoutMs?: number; intervalMs?: number; describe?: () => Promise<string> | string } = {}): Promise<T> {
  const deadline = Date.now() + (opts.timeoutMs ?? 30_000);
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > deadline) {
      const got = opts.describe ? await opts.describe() : '';
      throw new Error(`timed out after ${opts.timeoutMs ?? 30_000}ms waiting for ${what}${got ? `\nlast seen:\n${got}` : ''}`);
    }
    await new Promise((r) => setTimeout(r, opts.intervalMs ?? 500));
  }
}
