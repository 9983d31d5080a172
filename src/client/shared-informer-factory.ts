// One informer per (resource, namespace, selectors), shared by every component in the process.

import type { KubeObject } from '../api/types.js';
import type { Client } from './client.js';
import type { ResourceRef } from './resource-client.js';
import { Informer, type InformerOptions } from './informer.js';

export type SharedInformerOptions = Omit<InformerOptions, 'namespace' | 'labelSelector' | 'fieldSelector'>;

export interface InformerSelection {
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
}

export class SharedInformerFactory {
  private readonly informers = new Map<string, Informer>();
  private readonly runs: Promise<void>[] = [];
  private signal: AbortSignal | undefined;

  /** `defaults` apply to every informer made (clock, logger, resyncMs ...). */
  constructor(private readonly client: Client, private readonly defaults: SharedInformerOptions & { namespace?: string } = {}) {}

  /**
   * The shared informer for `ref` and selection (made on first request). If the factory was
   * already started, a new informer starts at once with the factory's signal.
   */
  informerFor<T extends KubeObject = KubeObject>(ref: ResourceRef, selection: InformerSelection = {}): Informer<T> {
    const namespace = ref.namespaced ? selection.namespace ?? this.defaults.namespace : undefined;
    const key = [ref.group, ref.version, ref.resource, namespace ?? '', selection.labelSelector ?? '', selection.fieldSelector ?? ''].join('|');
    let inf = this.informers.get(key);
    if (!inf) {
      inf = new Informer(this.client, ref, { ...this.defaults, namespace, labelSelector: selection.labelSelector, fieldSelector: selection.fieldSelector });
      this.informers.set(key, inf);
      if (this.signal && !this.signal.aborted) this.run(inf, this.signal);
    }
    return inf as unknown as Informer<T>;
  }

  /** Starts every informer not yet running; later ones start when requested. */
  start(signal: AbortSignal): void {
    this.signal = signal;
    for (const inf of this.informers.values()) if (!inf.isRunning) this.run(inf, signal);
  }

  /** True once every informer made so far has synced; false if `signal` aborts first. */
  async waitForCacheSync(signal?: AbortSignal): Promise<boolean> {
    const results = await Promise.all([...this.informers.values()].map((i) => i.waitForSync(signal)));
    return results.every(Boolean);
  }

  /** Resolves when every started informer has stopped. */
  async stopped(): Promise<void> {
    await Promise.all(this.runs);
  }

  all(): Informer[] { return [...this.informers.values()]; }

  private run(inf: Informer, signal: AbortSignal): void {
    this.runs.push(inf.start(signal).catch(() => {}));
  }
}
