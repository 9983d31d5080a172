// Lease-based leader election (client-go tools/leaderelection): candidates race to hold a
// coordination.k8s.io/v1 Lease; the holder renews it every retry period, others take over once
// they have seen it unchanged for leaseDurationSeconds. Writes are compare-and-swap on
// metadata.resourceVersion, so two candidates never both win one round.

import { setMaxListeners } from 'node:events';
import type { KubeObject } from '../api/types.js';
import { isStatusError, errorMessage } from '../machinery/errors.js';
import { realClock, rfc3339Micro, type Clock } from '../machinery/clock.js';
import type { Client } from './client.js';
import type { ResourceClient, ResourceRef } from './resource-client.js';
import { defaultLogger, type Logger } from './logger.js';
import { sleepOn } from './sleep.js';

export interface LeaseSpec {
  holderIdentity?: string;
  leaseDurationSeconds?: number;
  /** MicroTime: RFC 3339 with microseconds. */
  acquireTime?: string;
  renewTime?: string;
  leaseTransitions?: number;
}

export interface Lease extends KubeObject {
  spec?: LeaseSpec;
}

export const LEASES: ResourceRef = { group: 'coordination.k8s.io', version: 'v1', resource: 'leases', namespaced: true };

/** client-go's JitterFactor for the acquire loop. */
export const JITTER_FACTOR = 1.2;

export interface LeaderElectionOptions {
  client: Client;
  /** The Lease's name. */
  name: string;
  /** Default kube-system. */
  namespace?: string;
  /** This candidate's unique identity (hostname + random suffix, say). */
  identity: string;
  clock?: Clock;
  /** How long a lease is honoured without renewal. Default 15s. */
  leaseDurationMs?: number;
  /** How long the leader keeps retrying a failed renewal before stepping down. Default 10s. */
  renewDeadlineMs?: number;
  /** Pause between attempts. Default 2s. */
  retryPeriodMs?: number;
  /**
   * On abort, give up the lease (holder '' and a 1s duration) so a successor need not wait it
   * out. Only safe if the guarded work has stopped: run() waits for onStartedLeading's promise
   * before releasing. Default true.
   */
  releaseOnCancel?: boolean;
  /** Runs when this candidate becomes leader; `signal` aborts when it stops leading. */
  onStartedLeading(signal: AbortSignal): void | Promise<void>;
  /** Runs once leadership has ended (not called if this candidate never led). */
  onStoppedLeading?(): void;
  /** Runs whenever a different holder is observed (including the first one seen). */
  onNewLeader?(identity: string): void;
  logger?: Logger;
  random?: () => number;
}

export class LeaderElector {
  private readonly o: Required<Omit<LeaderElectionOptions, 'onStoppedLeading' | 'onNewLeader'>> & Pick<LeaderElectionOptions, 'onStoppedLeading' | 'onNewLeader'>;
  private readonly leases: ResourceClient<Lease>;
  private observed: LeaseSpec = {};
  private observedRaw = '';
  private observedTime = 0;
  /** The last lease object read or written, for the optimistic renew. */
  private lastLease: Lease | undefined;
  private reportedLeader = '';

  constructor(options: LeaderElectionOptions) {
    this.o = {
      namespace: 'kube-system', clock: realClock, leaseDurationMs: 15_000, renewDeadlineMs: 10_000, retryPeriodMs: 2_000,
      releaseOnCancel: true, logger: defaultLogger, random: Math.random, ...options,
    };
    const { leaseDurationMs: ld, renewDeadlineMs: rd, retryPeriodMs: rp } = this.o;
    if (!options.identity) throw new Error('leader election: identity must not be empty');
    if (!options.name) throw new Error('leader election: lease name must not be empty');
    if (ld <= rd) throw new Error('leaseDuration must be greater than renewDeadline');
    if (rd <= JITTER_FACTOR * rp) throw new Error('renewDeadline must be greater than retryPeriod*JitterFactor');
    if (rp < 1) throw new Error('retryPeriod must be greater than zero');
    this.leases = options.client.resource<Lease>(LEASES, this.o.namespace);
  }

  /** The last observed holder ('' if none yet). */
  getLeader(): string { return this.observed.holderIdentity ?? ''; }

  isLeader(): boolean { return this.observed.holderIdentity === this.o.identity; }

  private get leaseSeconds(): number { return Math.max(1, Math.round(this.o.leaseDurationMs / 1000)); }

  private describe(): string { return `${this.o.namespace}/${this.o.name}`; }

  private setObserved(lease: Lease): void {
    this.lastLease = lease;
    this.observed = { ...(lease.spec ?? {}) };
    this.observedRaw = JSON.stringify(lease.spec ?? {});
    this.observedTime = this.o.clock.now();
  }

  private leaseValid(now: number): boolean {
    return this.observedTime + (this.observed.leaseDurationSeconds ?? 0) * 1000 > now;
  }

  private warn(what: string, e: unknown): void {
    this.o.logger.warn(`leader election ${this.describe()}: ${what}: ${errorMessage(e)}`);
  }

  /** One attempt to acquire or renew; true if this candidate holds the lease afterwards. */
  async tryAcquireOrRenew(signal?: AbortSignal): Promise<boolean> {
    const now = this.o.clock.now();
    const desired: LeaseSpec = {
      holderIdentity: this.o.identity,
      leaseDurationSeconds: this.leaseSeconds,
      acquireTime: rfc3339Micro(now),
      renewTime: rfc3339Micro(now),
    };

    // Fast path: the leader renews against the version it last wrote.
    if (this.isLeader() && this.leaseValid(now) && this.lastLease) {
      const spec = { ...desired, acquireTime: this.observed.acquireTime, leaseTransitions: this.observed.leaseTransitions };
      try {
        this.setObserved(await this.leases.update({ ...this.lastLease, spec }, { signal }));
        return true;
      } catch (e) {
        if (signal?.aborted) return false;
        this.warn('optimistic renew failed, falling back to get', e);
      }
    }

    let lease: Lease;
    try {
      lease = await this.leases.get(this.o.name, { signal });
    } catch (e) {
      if (!isStatusError(e) || e.code !== 404) { this.warn('error retrieving lease', e); return false; }
      try {
        const created = await this.leases.create({
          apiVersion: 'coordination.k8s.io/v1', kind: 'Lease',
          metadata: { name: this.o.name, namespace: this.o.namespace },
          spec: { ...desired, leaseTransitions: 0 },
        }, { signal });
        this.setObserved(created);
        return true;
      } catch (e2) {
        this.warn('error initially creating lease', e2);
        return false;
      }
    }

    const spec = lease.spec ?? {};
    if (JSON.stringify(spec) !== this.observedRaw) this.setObserved(lease);
    else this.lastLease = lease;
    if (spec.holderIdentity && this.leaseValid(now) && !this.isLeader()) return false;

    if (this.isLeader()) {
      desired.acquireTime = spec.acquireTime;
      desired.leaseTransitions = spec.leaseTransitions ?? 0;
    } else {
      desired.leaseTransitions = (spec.leaseTransitions ?? 0) + 1;
    }
    try {
      this.setObserved(await this.leases.update({ ...lease, spec: desired }, { signal }));
      return true;
    } catch (e) {
      if (!signal?.aborted) this.warn('failed to update lease', e);
      return false;
    }
  }

  private reportTransition(): void {
    const holder = this.observed.holderIdentity ?? '';
    if (holder === this.reportedLeader) return;
    this.reportedLeader = holder;
    if (this.o.onNewLeader) {
      try { this.o.onNewLeader(holder); } catch (e) { this.warn('onNewLeader failed', e); }
    }
  }

  /** Sleeps ms; false if the signal aborted. */
  private sleep(ms: number, signal: AbortSignal): Promise<boolean> {
    return sleepOn(this.o.clock, ms, signal);
  }

  private async acquire(signal: AbortSignal): Promise<boolean> {
    this.o.logger.info(`attempting to acquire leader lease ${this.describe()}...`);
    while (!signal.aborted) {
      const ok = await this.tryAcquireOrRenew(signal);
      this.reportTransition();
      if (ok && !signal.aborted) {
        this.o.logger.info(`successfully acquired lease ${this.describe()}`);
        return true;
      }
      const wait = this.o.retryPeriodMs * (1 + this.o.random() * JITTER_FACTOR);
      if (!(await this.sleep(wait, signal))) return false;
    }
    return false;
  }

  /** Renews until a renewal fails for renewDeadline, or `signal` aborts. */
  private async renew(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      const deadline = new AbortController();
      const cancelTimer = this.o.clock.setTimeout(() => deadline.abort(new Error('renew deadline exceeded')), this.o.renewDeadlineMs);
      const stop = (): void => deadline.abort(signal.reason);
      signal.addEventListener('abort', stop, { once: true });
      let ok = false;
      try {
        for (;;) {
          ok = await this.tryAcquireOrRenew(deadline.signal);
          if (ok || deadline.signal.aborted) break;
          if (!(await this.sleep(this.o.retryPeriodMs, deadline.signal))) break;
        }
      } finally {
        cancelTimer();
        signal.removeEventListener('abort', stop);
      }
      this.reportTransition();
      if (signal.aborted) return;
      if (!ok) {
        this.o.logger.warn(`leader election ${this.describe()}: failed to renew lease: timed out waiting for the condition`);
        return;
      }
      if (!(await this.sleep(this.o.retryPeriodMs, signal))) return;
    }
  }

  /** Gives the lease up if this candidate holds it. */
  async release(): Promise<boolean> {
    if (!this.isLeader() || !this.lastLease) return true;
    const now = rfc3339Micro(this.o.clock.now());
    const spec: LeaseSpec = { holderIdentity: '', leaseDurationSeconds: 1, acquireTime: now, renewTime: now, leaseTransitions: this.observed.leaseTransitions ?? 0 };
    try {
      this.setObserved(await this.leases.update({ ...this.lastLease, spec }));
      return true;
    } catch (e) {
      this.warn('failed to release lease', e);
      return false;
    }
  }

  /** Campaigns, leads until leadership is lost or `signal` aborts, then returns. */
  async run(signal: AbortSignal): Promise<void> {
    if (!(await this.acquire(signal))) return;
    const leading = new AbortController();
    setMaxListeners(0, leading.signal); // every informer and worker pool of a component listens on it
    const stop = (): void => leading.abort(signal.reason);
    signal.addEventListener('abort', stop, { once: true });
    let work: Promise<void>;
    try {
      work = Promise.resolve(this.o.onStartedLeading(leading.signal)).catch((e: unknown) => this.warn('onStartedLeading failed', e));
    } catch (e) {
      this.warn('onStartedLeading failed', e);
      work = Promise.resolve();
    }
    try {
      await this.renew(leading.signal);
    } finally {
      signal.removeEventListener('abort', stop);
      leading.abort(new Error('leadership lost'));
      await work;
      if (this.o.releaseOnCancel) await this.release();
      try { this.o.onStoppedLeading?.(); } catch (e) { this.warn('onStoppedLeading failed', e); }
    }
  }
}

/** Runs one candidate until it stops leading or `signal` aborts (see LeaderElector.run). */
export function runLeaderElection(options: LeaderElectionOptions, signal: AbortSignal): Promise<void> {
  return new LeaderElector(options).run(signal);
}
