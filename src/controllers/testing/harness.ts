// An in-memory control plane for controller tests: the real API server on an in-memory SQLite
// store, an in-process client, a shared informer factory, and helpers to wait for a condition and
// to play the kubelet (mark pods Ready). stop() ends everything it started.

import { ApiServer } from '../../apiserver/index.js';
import { openSqliteStore } from '../../storage/index.js';
import { createClient, type Client } from '../../client/client.js';
import { inProcessRequester } from '../../client/in-process.js';
import type { Requester } from '../../client/requester.js';
import { SharedInformerFactory } from '../../client/shared-informer-factory.js';
import { silentLogger } from '../../client/logger.js';
import { realClock, rfc3339, type Clock } from '../../machinery/clock.js';
import type { KubeObject } from '../../api/types.js';
import type { Controller } from '../runtime/controller.js';
import { PODS } from '../runtime/resources.js';
import type { Pod } from '../runtime/types.js';

export interface Harness {
  readonly api: ApiServer;
  readonly client: Client;
  readonly informers: SharedInformerFactory;
  readonly signal: AbortSignal;
  /** Starts the controllers and the informers they asked for. */
  run(...controllers: Controller[]): void;
  /** Polls `probe` until it returns something truthy; fails after `timeoutMs` (default 10s). */
  waitFor<T>(what: string, probe: () => Promise<T | undefined | null | false> | T | undefined | null | false, timeoutMs?: number): Promise<T>;
  /** Plays the kubelet: binds pods to `nodeName` (if given) and marks them Running and Ready. */
  makePodsReady(namespace: string, labelSelector?: string, nodeName?: string): Promise<number>;
  /** Creates a namespace. */
  createNamespace(name: string): Promise<void>;
  stop(): Promise<void>;
}

export interface HarnessOptions {
  /** Clock of the API server (timestamps). Default real time. */
  clock?: Clock;
  /** Wraps the in-process transport (to delay or drop watch events, say). */
  wrapRequester?: (r: Requester) => Requester;
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const store = openSqliteStore(':memory:');
  const api = new ApiServer({ store, clock: options.clock ?? realClock, log: () => {} });
  await api.start();
  const requester = inProcessRequester(api.handler);
  const client = createClient(options.wrapRequester ? options.wrapRequester(requester) : requester);
  const informers = new SharedInformerFactory(client, { logger: silentLogger });
  const ac = new AbortController();
  const runs: Promise<void>[] = [];
  const clock = options.clock ?? realClock;

  const harness: Harness = {
    api, client, informers, signal: ac.signal,
    run(...controllers) {
      for (const c of controllers) runs.push(c.run(ac.signal));
      informers.start(ac.signal);
    },
    async waitFor(what, probe, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      let last: unknown;
      for (;;) {
        try {
          const v = await probe();
          if (v) return v;
        } catch (e) {
          last = e;
        }
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${last instanceof Error ? last.message : String(last)}` : ''}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    async makePodsReady(namespace, labelSelector, nodeName) {
      const pods = client.resource<Pod>(PODS, namespace);
      const list = await pods.list({ labelSelector });
      let n = 0;
      for (const p of list.items) {
        if (p.metadata.deletionTimestamp) continue;
        const name = p.metadata.name ?? '';
        if (nodeName && !p.spec?.nodeName) {
          await pods.subresource(name, 'binding').create({ apiVersion: 'v1', kind: 'Binding', metadata: { name }, target: { kind: 'Node', name: nodeName } });
        }
        const ready = p.status?.conditions?.find((c) => c.type === 'Ready')?.status === 'True';
        if (ready && p.status?.phase === 'Running') continue;
        const now = rfc3339(clock.now());
        await pods.patch(name, {
          status: {
            phase: 'Running',
            conditions: [
              { type: 'Initialized', status: 'True', lastTransitionTime: now },
              { type: 'Ready', status: 'True', lastTransitionTime: now },
              { type: 'ContainersReady', status: 'True', lastTransitionTime: now },
              { type: 'PodScheduled', status: 'True', lastTransitionTime: now },
            ],
          },
        }, 'merge', { subresource: 'status' });
        n++;
      }
      return n;
    },
    async createNamespace(name) {
      await client.resource<KubeObject>({ group: '', version: 'v1', resource: 'namespaces', namespaced: false }).create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
    },
    async stop() {
      ac.abort();
      await Promise.allSettled(runs);
      await informers.stopped();
      await api.stop();
      await store.close();
    },
  };
  return harness;
}
