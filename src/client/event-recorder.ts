// Records core/v1 Events about objects (client-go tools/record): callers never wait — events are
// queued and sent in the background; the same (object, reason, message, type, source) seen again
// within the aggregation window bumps count/lastTimestamp of the existing Event with a PATCH
// instead of creating another.

import type { KubeObject } from '../api/types.js';
import { isStatusError, errorMessage } from '../machinery/errors.js';
import { realClock, rfc3339, type Clock } from '../machinery/clock.js';
import type { Client } from './client.js';
import type { ResourceRef } from './resource-client.js';
import { defaultLogger, type Logger } from './logger.js';
import { sleepOn } from './sleep.js';

export const EVENTS: ResourceRef = { group: '', version: 'v1', resource: 'events', namespaced: true };

export type EventType = 'Normal' | 'Warning';

export interface ObjectReference {
  apiVersion?: string;
  kind?: string;
  name?: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  fieldPath?: string;
}

export interface CoreEvent extends KubeObject {
  involvedObject: ObjectReference;
  reason: string;
  message: string;
  type: EventType;
  source: { component: string; host?: string };
  firstTimestamp: string;
  lastTimestamp: string;
  count: number;
  eventTime: null;
  reportingComponent: string;
  reportingInstance: string;
}

export interface EventRecorderOptions {
  /** source.component and reportingComponent, e.g. 'default-scheduler'. */
  component: string;
  /** source.host (kubelets set their node name). */
  host?: string;
  /** reportingInstance. Default: host, else ''. */
  reportingInstance?: string;
  clock?: Clock;
  logger?: Logger;
  /** Events waiting to be sent beyond which new ones are dropped. Default 1000. */
  maxBacklog?: number;
  /** Repeats within this long of the last occurrence are aggregated. Default 10 minutes. */
  aggregationWindowMs?: number;
  /** Distinct events remembered for aggregation (LRU). Default 4096. */
  cacheSize?: number;
  /** Attempts per event on transport errors (Status errors are not retried). Default 12. */
  maxAttempts?: number;
  /** Pause between attempts. Default 10s (the first one is jittered). */
  retryDelayMs?: number;
  random?: () => number;
}

interface Pending { ref: ObjectReference; type: EventType; reason: string; message: string; at: number }

interface Seen { name: string; namespace: string; count: number; firstTimestamp: string; lastAt: number }

function referenceOf(obj: KubeObject | ObjectReference): ObjectReference {
  if ('metadata' in obj && obj.metadata) {
    const o = obj as KubeObject;
    const ref: ObjectReference = { apiVersion: o.apiVersion, kind: o.kind, name: o.metadata.name };
    if (o.metadata.namespace) ref.namespace = o.metadata.namespace;
    if (o.metadata.uid) ref.uid = o.metadata.uid;
    if (o.metadata.resourceVersion) ref.resourceVersion = o.metadata.resourceVersion;
    return ref;
  }
  return { ...(obj as ObjectReference) };
}

export class EventRecorder {
  private readonly o: Required<Omit<EventRecorderOptions, 'host'>> & { host?: string };
  private readonly client: Client;
  private queue: Pending[] = [];
  private pumping: Promise<void> | undefined;
  private readonly seen = new Map<string, Seen>();
  private dropped = 0;
  private seq = 0n;
  private closed = false;

  constructor(client: Client, options: EventRecorderOptions) {
    this.client = client;
    this.o = {
      clock: realClock, logger: defaultLogger, maxBacklog: 1000, aggregationWindowMs: 10 * 60_000, cacheSize: 4096,
      maxAttempts: 12, retryDelayMs: 10_000, random: Math.random, ...options,
      reportingInstance: options.reportingInstance ?? options.host ?? '',
    };
  }

  /** Events queued and not yet sent. */
  get backlog(): number { return this.queue.length; }

  /** Events dropped because the backlog was full. */
  get droppedCount(): number { return this.dropped; }

  /** Records an event about `obj`; returns at once. */
  event(obj: KubeObject | ObjectReference, type: EventType, reason: string, message: string): void {
    if (this.closed) return;
    if (this.queue.length >= this.o.maxBacklog) {
      if (this.dropped++ % 100 === 0) this.o.logger.warn(`event recorder: backlog of ${this.queue.length} events is full; dropping event ${reason} for ${obj && 'metadata' in obj ? obj.metadata.name : (obj as ObjectReference).name} (${this.dropped} dropped so far)`);
      return;
    }
    this.queue.push({ ref: referenceOf(obj), type, reason, message, at: this.o.clock.now() });
    if (!this.pumping) this.pumping = this.pump();
  }

  /** Resolves once everything queued so far has been sent (or given up on). */
  async flush(): Promise<void> {
    while (this.pumping) await this.pumping;
  }

  /** Stops accepting events, then flushes. */
  async shutdown(): Promise<void> {
    this.closed = true;
    await this.flush();
  }

  private async pump(): Promise<void> {
    try {
      await Promise.resolve(); // let the caller's turn finish first
      for (;;) {
        const next = this.queue.shift();
        if (!next) break;
        try { await this.send(next); } catch (e) {
          this.o.logger.warn(`event recorder: unexpected error: ${errorMessage(e)}`);
        }
      }
    } finally {
      this.pumping = undefined;
    }
  }

  private keyOf(p: Pending): string {
    const r = p.ref;
    return JSON.stringify([this.o.component, this.o.host ?? '', r.kind, r.namespace, r.name, r.fieldPath, r.uid, r.apiVersion, p.type, p.reason, p.message]);
  }

  private remember(key: string, s: Seen): void {
    this.seen.delete(key);
    this.seen.set(key, s);
    if (this.seen.size > this.o.cacheSize) {
      const oldest = this.seen.keys().next().value;
      if (oldest !== undefined) this.seen.delete(oldest);
    }
  }

  private eventName(ref: ObjectReference, at: number): string {
    // Upstream: <name>.<UnixNano in hex>; the sequence keeps events within one millisecond apart.
    const nanos = BigInt(at) * 1_000_000n + (this.seq++ % 1_000_000n);
    return `${ref.name ?? ''}.${nanos.toString(16)}`;
  }

  private async send(p: Pending): Promise<void> {
    const key = this.keyOf(p);
    const namespace = p.ref.namespace || 'default';
    const events = this.client.resource<CoreEvent>(EVENTS, namespace);
    const prev = this.seen.get(key);
    const stamp = rfc3339(p.at);

    if (prev && p.at - prev.lastAt <= this.o.aggregationWindowMs) {
      const count = prev.count + 1;
      const patch = { count, lastTimestamp: stamp, message: p.message };
      const patched = await this.attempt(() => events.patch(prev.name, patch, 'merge'), p, true);
      if (patched === 'notfound') {
        // The event was deleted meanwhile: create it again under the same name.
        const created = await this.attempt(() => events.create(this.build(p, prev.name, namespace, prev.firstTimestamp, count)), p, false);
        if (created && created !== 'notfound') this.remember(key, { ...prev, count: created.count ?? count, lastAt: p.at });
        return;
      }
      if (patched) this.remember(key, { ...prev, count: patched.count ?? count, lastAt: p.at });
      return;
    }

    const name = this.eventName(p.ref, p.at);
    const created = await this.attempt(() => events.create(this.build(p, name, namespace, stamp, 1)), p, false);
    if (created && created !== 'notfound') {
      this.remember(key, { name: created.metadata.name ?? name, namespace, count: created.count ?? 1, firstTimestamp: stamp, lastAt: p.at });
    }
  }

  private build(p: Pending, name: string, namespace: string, first: string, count: number): CoreEvent {
    const source: CoreEvent['source'] = { component: this.o.component };
    if (this.o.host) source.host = this.o.host;
    return {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name, namespace },
      involvedObject: p.ref,
      reason: p.reason,
      message: p.message,
      type: p.type,
      source,
      firstTimestamp: first,
      lastTimestamp: rfc3339(p.at),
      count,
      eventTime: null,
      reportingComponent: this.o.component,
      reportingInstance: this.o.reportingInstance,
    };
  }

  /** Runs `op` with retries on transport errors; undefined when given up, 'notfound' on 404 if allowed. */
  private async attempt(op: () => Promise<CoreEvent>, p: Pending, notFoundOk: boolean): Promise<CoreEvent | 'notfound' | undefined> {
    for (let i = 1; ; i++) {
      try {
        return await op();
      } catch (e) {
        if (isStatusError(e)) {
          if (notFoundOk && e.code === 404) return 'notfound';
          this.o.logger.warn(`Server rejected event '${p.reason}' for ${p.ref.kind ?? ''} ${p.ref.namespace ?? ''}/${p.ref.name ?? ''}: '${e.message}' (will not retry!)`);
          return undefined;
        }
        if (i >= this.o.maxAttempts) {
          this.o.logger.warn(`Unable to write event '${p.reason}' for ${p.ref.name ?? ''} (retry limit exceeded!): ${errorMessage(e)}`);
          return undefined;
        }
        const delay = i === 1 ? this.o.random() * this.o.retryDelayMs : this.o.retryDelayMs;
        await sleepOn(this.o.clock, delay);
      }
    }
  }
}
