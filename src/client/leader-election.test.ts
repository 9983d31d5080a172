import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { FakeClock } from '../machinery/clock.js';
import { createClient } from './client.js';
import { inProcessRequester } from './in-process.js';
import { FakeApiServer } from './testing/fake-api-server.js';
import { LeaderElector, type LeaseSpec } from './leader-election.js';
import { silentLogger } from './logger.js';

const settle = async (): Promise<void> => { for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r)); };

/** Advances the fake clock in steps, letting async work run between them. */
async function advance(clock: FakeClock, ms: number, step = 500): Promise<void> {
  for (let t = 0; t < ms; t += step) { clock.advance(Math.min(step, ms - t)); await settle(); }
}

interface Candidate {
  id: string;
  events: string[];
  ctl: AbortController;
  leading?: AbortSignal;
  done: Promise<void>;
}

function setup(): { clock: FakeClock; server: FakeApiServer; candidate(id: string, o?: { releaseOnCancel?: boolean }): Candidate; lease(): LeaseSpec | undefined } {
  const clock = new FakeClock();
  const server = new FakeApiServer({ clock });
  const client = createClient(inProcessRequester(server.handler));
  return {
    clock,
    server,
    lease: () => server.getObject('coordination.k8s.io', 'leases', 'kite-controller-manager', 'kube-system')?.['spec'] as LeaseSpec | undefined,
    candidate(id, o = {}) {
      const c: Candidate = { id, events: [], ctl: new AbortController(), done: Promise.resolve() };
      const el = new LeaderElector({
        client, name: 'kite-controller-manager', identity: id, clock, logger: silentLogger, random: () => 0,
        releaseOnCancel: o.releaseOnCancel ?? false,
        onStartedLeading: (signal) => { c.events.push('started'); c.leading = signal; },
        onStoppedLeading: () => c.events.push('stopped'),
        onNewLeader: (who) => c.events.push(`leader=${who}`),
      });
      c.done = el.run(c.ctl.signal);
      return c;
    },
  };
}

describe('LeaderElector', () => {
  test('LeaderElector elects one of two candidates and keeps renewing', async () => {
    const s = setup();
    const a = s.candidate('a');
    await settle();
    const b = s.candidate('b');
    await settle();
    assert.deepEqual(a.events, ['leader=a', 'started']);
    assert.deepEqual(b.events, ['leader=a']);
    const first = s.lease();
    assert.equal(first?.holderIdentity, 'a');
    assert.equal(first?.leaseDurationSeconds, 15);
    assert.equal(first?.leaseTransitions, 0);
    assert.match(first?.renewTime ?? '', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
    await advance(s.clock, 60_000);
    const later = s.lease();
    assert.equal(later?.holderIdentity, 'a', 'b never takes a renewed lease');
    assert.equal(later?.acquireTime, first?.acquireTime);
    assert.notEqual(later?.renewTime, first?.renewTime);
    assert.deepEqual(b.events, ['leader=a']);
    a.ctl.abort(); b.ctl.abort();
    await Promise.all([a.done, b.done]);
    assert.deepEqual(a.events, ['leader=a', 'started', 'stopped']);
  });

  test('LeaderElector lets another candidate take over once the lease expires', async () => {
    const s = setup();
    const a = s.candidate('a');
    await settle();
    const b = s.candidate('b');
    await advance(s.clock, 4_000);
    a.ctl.abort(); // a dies without releasing
    await a.done;
    const lastRenew = s.clock.now();
    while (!b.events.includes('started') && s.clock.now() - lastRenew < 60_000) await advance(s.clock, 500);
    assert.ok(b.events.includes('started'), 'b leads');
    const waited = s.clock.now() - lastRenew;
    assert.ok(waited >= 15_000, `b waited for the lease to expire (${waited}ms)`);
    const l = s.lease();
    assert.equal(l?.holderIdentity, 'b');
    assert.equal(l?.leaseTransitions, 1);
    b.ctl.abort();
    await b.done;
  });

  test('LeaderElector releases on cancel so a successor need not wait', async () => {
    const s = setup();
    const a = s.candidate('a', { releaseOnCancel: true });
    await settle();
    const b = s.candidate('b');
    await advance(s.clock, 2_000);
    a.ctl.abort();
    await a.done;
    assert.equal(s.lease()?.holderIdentity, '');
    assert.equal(s.lease()?.leaseDurationSeconds, 1);
    const t0 = s.clock.now();
    while (!b.events.includes('started') && s.clock.now() - t0 < 60_000) await advance(s.clock, 500);
    assert.ok(s.clock.now() - t0 < 15_000, 'took over before a full lease duration');
    assert.equal(s.lease()?.holderIdentity, 'b');
    b.ctl.abort();
    await b.done;
  });

  test('LeaderElector steps down when renewals fail past the renew deadline', async () => {
    const s = setup();
    const a = s.candidate('a');
    await settle();
    assert.ok(a.leading && !a.leading.aborted);
    s.server.failNext((r) => r.path.includes('/leases'), new Error('connection reset'), 1000);
    await advance(s.clock, 20_000);
    assert.equal(a.leading?.aborted, true);
    assert.deepEqual(a.events, ['leader=a', 'started', 'stopped']);
    await a.done;
  });

  test('LeaderElector rejects inconsistent timings', () => {
    const client = createClient(inProcessRequester(new FakeApiServer().handler));
    const base = { client, name: 'x', identity: 'i', onStartedLeading: () => {} };
    assert.throws(() => new LeaderElector({ ...base, leaseDurationMs: 10_000, renewDeadlineMs: 10_000 }), /leaseDuration must be greater than renewDeadline/);
    assert.throws(() => new LeaderElector({ ...base, renewDeadlineMs: 2_000, retryPeriodMs: 2_000 }), /renewDeadline must be greater than retryPeriod\*JitterFactor/);
  });
});
