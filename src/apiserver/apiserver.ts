// Assembles the API server on a Store: watch cache, one registry per resource, admission, the
// REST layer and the handler chain. Transport-free: src/server.ts adds the HTTPS listener.

import type { ApiHandler } from '../client/transport.js';
import type { Store } from '../storage/interface.js';
import { RESOURCES, findResource } from '../api/resources.js';
import { registryPrefix } from '../storage/keys.js';
import { realClock, type Clock } from '../machinery/clock.js';
import type { KubeObject } from '../api/types.js';
import { StatusError } from '../machinery/errors.js';
import { Cacher } from './watch-cache.js';
import { GenericRegistry, type AdmissionPlugin } from './registry/generic.js';
import { Subresources } from './registry/subresources.js';
import { RestHandler } from './rest.js';
import { createHandler } from './handler.js';
import { namespaceLifecycle, SYSTEM_NAMESPACES } from './admission/namespace-lifecycle.js';
import { ServiceAllocator, parseCidr, serviceAllocation, ipToString } from './admission/service-allocator.js';

export interface ApiServerOptions {
  store: Store;
  clock?: Clock;
  /** Default 10.43.0.0/16. */
  serviceCidr?: string;
  nodePortRange?: [number, number];
  log?: (msg: string) => void;
  /** Extra admission plugins (run after the built-in ones). */
  admission?: AdmissionPlugin[];
  serverAddress?: () => string;
  bookmarkIntervalMs?: number;
  watchCacheCapacity?: number;
}

export class ApiServer {
  readonly cacher: Cacher;
  readonly registries = new Map<string, GenericRegistry>();
  readonly subresources: Subresources;
  readonly handler: ApiHandler;
  readonly clock: Clock;
  private allocator: ServiceAllocator;
  private log: (msg: string) => void;
  private started = false;

  constructor(private opts: ApiServerOptions) {
    this.clock = opts.clock ?? realClock;
    this.log = opts.log ?? ((m) => console.error(m));
    this.cacher = new Cacher(opts.store, { ringCapacity: opts.watchCacheCapacity });
    this.allocator = new ServiceAllocator(parseCidr(opts.serviceCidr ?? '10.43.0.0/16'), opts.nodePortRange);
    const admission: AdmissionPlugin[] = [
      namespaceLifecycle((name) => this.registry('', 'v1', 'namespaces').peek('', name)?.obj),
      serviceAllocation(this.allocator),
      ...(opts.admission ?? []),
    ];
    for (const r of RESOURCES) {
      this.registries.set(`${r.group}/${r.version}/${r.resource}`, new GenericRegistry(r, { store: opts.store, cacher: this.cacher, clock: this.clock, admission }));
    }
    this.subresources = new Subresources(this.clock);
    const rest = new RestHandler({ registries: this.registries, clock: this.clock, log: this.log, subresources: this.subresources, bookmarkIntervalMs: opts.bookmarkIntervalMs });
    this.handler = createHandler({
      rest,
      checks: { ping: () => true, log: () => true, etcd: () => this.started && !this.cacher.lastError, 'poststarthook/bootstrap': () => this.started },
      serverAddress: opts.serverAddress ?? (() => '127.0.0.1:6443'),
      log: this.log,
    });
  }

  registry(group: string, version: string, resource: string): GenericRegistry {
    const r = this.registries.get(`${group}/${version}/${resource}`);
    if (!r) throw new Error(`no registry for ${group}/${version}/${resource}`);
    return r;
  }

  /** Loads the watch cache and creates the system namespaces and the kubernetes service. */
  async start(): Promise<void> {
    await this.cacher.start();
    const services = this.cacher.resource(registryPrefix(findResource('', 'v1', 'services')!));
    for (const e of services.items.values()) this.allocator.observe(e.obj);
    await this.bootstrap();
    this.started = true;
  }

  private async ensure(group: string, version: string, resource: string, namespace: string, obj: KubeObject): Promise<void> {
    const reg = this.registry(group, version, resource);
    if (reg.peek(namespace, obj.metadata.name ?? '')) return;
    try {
      await reg.create(namespace, obj, { fieldManager: 'kite-apiserver' });
    } catch (err) {
      if (!(err instanceof StatusError && err.code === 409)) throw err;
    }
  }

  private async bootstrap(): Promise<void> {
    for (const name of SYSTEM_NAMESPACES) {
      await this.ensure('', 'v1', 'namespaces', '', { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels: { 'kubernetes.io/metadata.name': name } } });
    }
    const firstIp = ipToString(this.allocator.cidr.base + 1);
    await this.ensure('', 'v1', 'services', 'default', {
      apiVersion: 'v1', kind: 'Service',
      metadata: { name: 'kubernetes', namespace: 'default', labels: { component: 'apiserver', provider: 'kubernetes' } },
      spec: { type: 'ClusterIP', clusterIP: firstIp, clusterIPs: [firstIp], ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }], sessionAffinity: 'None' },
    });
  }

  async stop(): Promise<void> {
    await this.cacher.stop();
  }
}
