import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../api/types.js';
import { FakeClock } from '../machinery/clock.js';
import { forbidden } from '../machinery/errors.js';
import { createClient } from './client.js';
import { inProcessRequester } from './in-process.js';
import { FakeApiServer } from './testing/fake-api-server.js';
import { EventRecorder, EVENTS, type CoreEvent, type EventRecorderOptions } from './event-recorder.js';
import { silentLogger } from './logger.js';

const pod: KubeObject = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web-1', namespace: 'prod', uid: 'u-1', resourceVersion: '7' } };
const node: KubeObject = { apiVersion: 'v1', kind: 'Node', metadata: { name: 'n1', uid: 'u-n' } };

function setup(o: Partial<EventRecorderOptions> = {}): { clock: FakeClock; server: FakeApiServer; rec: EventRecorder; events(): Promise<CoreEvent[]> } {
  const clock = new FakeClock(Date.UTC(2026, 0, 1, 12, 0, 0));
  const server = new FakeApiServer({ clock });
  const client = createClient(inProcessRequester(server.handler));
  const rec = new EventRecorder(client, { component: 'default-scheduler', host: 'node-a', clock, logger: silentLogger, random: () => 0, ...o });
  const events = async (): Promise<CoreEvent[]> => (await client.resource<CoreEvent>(EVENTS).list()).items;
  return { clock, server, rec, events };
}

describe('EventRecorder', () => {
  test('EventRecorder creates a core/v1 Event describing the object', async () => {
    const s = setup();
    s.rec.event(pod, 'Normal', 'Scheduled', 'Successfully assigned prod/web-1 to n1');
    await s.rec.flush();
    const [e, ...rest] = await s.events();
    assert.equal(rest.length, 0);
    assert.ok(e);
    const nanos = (BigInt(Date.UTC(2026, 0, 1, 12, 0, 0)) * 1_000_000n).toString(16);
    assert.equal(e.metadata.name, `web-1.${nanos}`);
    assert.equal(e.metadata.namespace, 'prod');
    assert.deepEqual(e.involvedObject, { apiVersion: 'v1', kind: 'Pod', name: 'web-1', namespace: 'prod', uid: 'u-1', resourceVersion: '7' });
    assert.deepEqual(
      { reason: e.reason, message: e.message, type: e.type, source: e.source, count: e.count, first: e.firstTimestamp, last: e.lastTimestamp, eventTime: e.eventTime, rc: e.reportingComponent, ri: e.reportingInstance },
      { reason: 'Scheduled', message: 'Successfully assigned prod/web-1 to n1', type: 'Normal', source: { component: 'default-scheduler', host: 'node-a' }, count: 1, first: '2026-01-01T12:00:00Z', last: '2026-01-01T12:00:00Z', eventTime: null, rc: 'default-scheduler', ri: 'node-a' },
    );
  });

  test('EventRecorder puts events about cluster-scoped objects in default', async () => {
    const s = setup();
    s.rec.event(node, 'Warning', 'NodeNotReady', 'Node n1 status is now: NodeNotReady');
    await s.rec.flush();
    assert.equal((await s.events())[0]?.metadata.namespace, 'default');
  });

  test('EventRecorder aggregates repeats within 10 minutes into one Event via PATCH', async () => {
    const s = setup();
    s.rec.event(pod, 'Warning', 'BackOff', 'Back-off restarting failed container');
    await s.rec.flush();
    s.clock.advance(5 * 60_000);
    s.rec.event(pod, 'Warning', 'BackOff', 'Back-off restarting failed container');
    await s.rec.flush();
    s.clock.advance(9 * 60_000);
    s.rec.event(pod, 'Warning', 'BackOff', 'Back-off restarting failed container');
    await s.rec.flush();
    const evs = (await s.events());
    assert.equal(evs.length, 1);
    assert.equal(evs[0]?.count, 3);
    assert.equal(evs[0]?.firstTimestamp, '2026-01-01T12:00:00Z');
    assert.equal(evs[0]?.lastTimestamp, '2026-01-01T12:14:00Z');
    const writes = s.server.requests.filter((r) => r.path.includes('/events') && r.method !== 'GET').map((r) => r.method);
    assert.deepEqual(writes, ['POST', 'PATCH', 'PATCH']);
  });

  const distinct: { name: string; second: [KubeObject, 'Normal' | 'Warning', string, string]; gapMs: number }[] = [
    { name: 'a different message', second: [pod, 'Warning', 'BackOff', 'other'], gapMs: 0 },
    { name: 'a different reason', second: [pod, 'Warning', 'Failed', 'm'], gapMs: 0 },
    { name: 'a different type', second: [pod, 'Normal', 'BackOff', 'm'], gapMs: 0 },
    { name: 'a different object', second: [{ ...pod, metadata: { ...pod.metadata, name: 'web-2', uid: 'u-2' } }, 'Warning', 'BackOff', 'm'], gapMs: 0 },
    { name: 'a repeat after the window', second: [pod, 'Warning', 'BackOff', 'm'], gapMs: 10 * 60_000 + 1000 },
  ];
  for (const c of distinct) {
    test(`EventRecorder creates a new Event for ${c.name}`, async () => {
      const s = setup();
      s.rec.event(pod, 'Warning', 'BackOff', 'm');
      await s.rec.flush();
      s.clock.advance(c.gapMs);
      s.rec.event(...c.second);
      await s.rec.flush();
      assert.equal((await s.events()).length, 2);
      assert.ok((await s.events()).every((e) => e.count === 1));
    });
  }

  test('EventRecorder recreates an aggregated Event that was deleted', async () => {
    const s = setup();
    s.rec.event(pod, 'Normal', 'Pulled', 'pulled');
    await s.rec.flush();
    const name = (await s.events())[0]?.metadata.name as string;
    s.server.remove('', 'events', name, 'prod');
    s.rec.event(pod, 'Normal', 'Pulled', 'pulled');
    await s.rec.flush();
    const evs = (await s.events());
    assert.equal(evs.length, 1);
    assert.equal(evs[0]?.metadata.name, name);
    assert.equal(evs[0]?.count, 2);
  });

  test('EventRecorder never blocks and drops events beyond the backlog', async () => {
    const s = setup({ maxBacklog: 2 });
    for (let i = 0; i < 5; i++) s.rec.event(pod, 'Normal', 'R', `m${i}`);
    assert.equal(s.rec.backlog, 2);
    assert.equal(s.rec.droppedCount, 3);
    await s.rec.flush();
    assert.deepEqual((await s.events()).map((e) => e.message).sort(), ['m0', 'm1']);
  });

  test('EventRecorder retries transport errors and gives up on Status errors', async () => {
    const s = setup({ retryDelayMs: 1000 });
    s.server.failNext((r) => r.method === 'POST', new Error('connection reset'), 2);
    s.rec.event(pod, 'Normal', 'R', 'retried');
    const flushed = s.rec.flush();
    for (let i = 0; i < 5; i++) { await new Promise((r) => setImmediate(r)); s.clock.advance(1000); }
    await flushed;
    assert.deepEqual((await s.events()).map((e) => e.message), ['retried']);
    s.server.failNext((r) => r.method === 'POST', forbidden({ group: '', resource: 'events' }, '', 'no'), 5);
    s.rec.event(pod, 'Normal', 'R', 'rejected');
    await s.rec.flush();
    const posts = s.server.requests.filter((r) => r.method === 'POST').length;
    assert.equal(posts, 4, 'two failures, one success, one rejection without retry');
    assert.equal((await s.events()).length, 1);
  });
});
