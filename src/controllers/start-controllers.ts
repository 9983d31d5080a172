// Starts every controller of `kite server` on one shared informer factory; the composition root
// calls it while this server holds the kube-controller-manager lease, and aborts `signal` when it
// loses it.

import type { Client } from '../client/client.js';
import { SharedInformerFactory } from '../client/shared-informer-factory.js';
import { defaultLogger, type Logger } from '../client/logger.js';
import { realClock, type Clock } from '../machinery/clock.js';
import type { Controller } from './runtime/controller.js';
import { ReplicaSetController } from './replicaset/replicaset-controller.js';
import { DeploymentController } from './deployment/deployment-controller.js';
import { GarbageCollector } from './garbagecollector/garbage-collector.js';
import { NamespaceController } from './namespace/namespace-controller.js';
import { NodeLifecycleController } from './nodelifecycle/node-lifecycle-controller.js';
import { TaintEvictionController } from './nodelifecycle/taint-eviction-controller.js';
import { DisruptionController } from './disruption/disruption-controller.js';

export interface StartControllersOptions {
  /** Default: real time. */
  clock?: Clock;
  logger?: Logger;
  /** Silence after which a node becomes Unknown and tainted (--node-monitor-grace-period). Default 50s. */
  nodeMonitorGracePeriodMs?: number;
  /** How often node health is checked (--node-monitor-period). Default 5s. */
  nodeMonitorPeriodMs?: number;
  /** Grace for nodes that never reported (--node-startup-grace-period). Default 60s. */
  nodeStartupGracePeriodMs?: number;
  /**
   * Accepted for compatibility and ignored, as upstream since 1.27: how long pods stay on an
   * unhealthy node comes from their tolerations (300s by default, added by admission).
   */
  podEvictionTimeout?: number;
  /** Workers per controller queue (ReplicaSet, Deployment, GC). Default 5. */
  workers?: number;
  /** Delay before a deleted namespace is emptied. Default 5s, as upstream. */
  namespaceDeletionGracePeriodMs?: number;
  /** Informers to share with other in-process components; default a new factory. */
  informers?: SharedInformerFactory;
  /** Called with the controllers before they start (for tests and introspection). */
  onStart?: (controllers: readonly Controller[]) => void;
}

/** Runs the controllers until `signal` aborts; resolves once all of them have stopped. */
export async function startControllers(client: Client, opts: StartControllersOptions, signal: AbortSignal): Promise<void> {
  const clock = opts.clock ?? realClock;
  const logger = opts.logger ?? defaultLogger;
  const informers = opts.informers ?? new SharedInformerFactory(client, { logger });
  const workers = opts.workers ?? 5;
  const controllers: Controller[] = [
    new ReplicaSetController(client, informers, { clock, logger, workers }),
    new DeploymentController(client, informers, { clock, logger, workers }),
    new GarbageCollector(client, informers, { clock, logger, workers }),
    new NamespaceController(client, informers, { clock, logger, deletionGracePeriodMs: opts.namespaceDeletionGracePeriodMs }),
    new NodeLifecycleController(client, informers, {
      clock, logger,
      nodeMonitorGracePeriodMs: opts.nodeMonitorGracePeriodMs,
      nodeMonitorPeriodMs: opts.nodeMonitorPeriodMs,
      nodeStartupGracePeriodMs: opts.nodeStartupGracePeriodMs,
    }),
    new TaintEvictionController(client, informers, { clock, logger }),
    new DisruptionController(client, informers, { clock, logger }),
  ];
  opts.onStart?.(controllers);
  if (signal.aborted) return;
  const runs = controllers.map((c) => c.run(signal).catch((e: unknown) => {
    logger.error(`controller ${c.name} stopped: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
  }));
  informers.start(signal);
  await Promise.all(runs);
  if (!opts.informers) await informers.stopped();
}
