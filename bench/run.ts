// `npm run bench`: storage, API, scheduler and cluster figures in one run (the cluster bench alone
// takes several minutes on 2 cores).
//   node dist/bench/run.js [--only storage|api|scheduler|cluster]

import { existsSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { runStorageBench } from './storage.js';
import { runApiBench } from './api.js';
import { CLUSTER_TITLE, ClusterBenchError, runClusterBench } from './cluster.js';
import { printFigures } from './print-figures.js';
import { flattenFigures } from './flatten-figures.js';

const BENCHES = ['storage', 'api', 'scheduler', 'cluster'] as const;
type BenchName = (typeof BENCHES)[number];

/** bench/scheduler.ts is written separately: load it only if it was built, so this compiles without it. */
async function runScheduler(): Promise<Record<string, number | string> | undefined> {
  const specifier = './scheduler.js';
  const here = fileURLToPath(new URL(specifier, import.meta.url));
  if (!existsSync(here) && !existsSync(here.replace(/\.js$/, '.ts'))) return undefined;
  const mod = (await import(specifier)) as { runSchedulerBench?: unknown };
  if (typeof mod.runSchedulerBench !== 'function') return undefined;
  const run = mod.runSchedulerBench as (opts: Record<string, unknown>) => Promise<unknown>;
  return flattenFigures(await run({}));
}

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { only: { type: 'string' }, help: { type: 'boolean', short: 'h' } }, strict: true });
  if (values.help) {
    console.log(`Usage: node dist/bench/run.js [--only ${BENCHES.join('|')}]`);
    return 0;
  }
  if (values.only !== undefined && !(BENCHES as readonly string[]).includes(values.only)) {
    console.error(`--only must be one of ${BENCHES.join(', ')}, got ${JSON.stringify(values.only)}`);
    return 2;
  }
  const selected: readonly BenchName[] = values.only ? [values.only as BenchName] : BENCHES;
  const t0 = performance.now();
  let failed = false;
  for (const name of selected) {
    const started = performance.now();
    console.error(`bench: ${name} ...`);
    try {
      switch (name) {
        case 'storage':
          printFigures('storage (SQLite WAL, synchronous=FULL; vsRawFloor = store rate / raw one-transaction-per-write rate)', await runStorageBench());
          break;
        case 'api':
          printFigures('api (separate kite server process over HTTPS; ConfigMaps; CPU in microseconds per operation)', await runApiBench());
          break;
        case 'scheduler': {
          const figures = await runScheduler();
          if (figures) printFigures('scheduler', figures);
          else console.log('\nscheduler: skipped (bench/scheduler.ts is not built or exports no runSchedulerBench)');
          break;
        }
        case 'cluster':
          try {
            printFigures(CLUSTER_TITLE, await runClusterBench());
          } catch (e) {
            if (e instanceof ClusterBenchError) printFigures(`${CLUSTER_TITLE}: FAILED, figures measured until then`, e.figures);
            throw e;
          }
          break;
      }
    } catch (e) {
      failed = true;
      console.error(`bench: ${name} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    }
    console.error(`bench: ${name} took ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
  console.error(`bench: total ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return failed ? 1 : 0;
}

process.exitCode = await main(process.argv.slice(2));
