import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inProcessRequester, LOOPBACK_USER } from './in-process.js';
import { requesterConformance } from './requester.case.js';
import type { ApiHandler, ApiRequest } from './transport.js';

requesterConformance('inProcessRequester', async (handler) => ({ requester: inProcessRequester(handler), close: async () => {} }));

const q = (path: string): ApiRequest => ({ method: 'GET', path, query: new URLSearchParams(), headers: {} });

test('inProcessRequester stamps the configured user on requests without one', async () => {
  const seen: (string | undefined)[] = [];
  const h: ApiHandler = async (req, res) => { seen.push(req.user?.name); res.writeHead(200, {}); res.end('{}'); };
  await inProcessRequester(h).request(q('/a'));
  await inProcessRequester(h, { name: 'alice', groups: [] }).request(q('/a'));
  await inProcessRequester(h).request({ ...q('/a'), user: { name: 'bob', groups: [] } });
  assert.deepEqual(seen, [LOOPBACK_USER.name, 'alice', 'bob']);
});

test('inProcessRequester rejects when the handler throws before responding', async () => {
  const h: ApiHandler = async () => { throw new Error('handler exploded'); };
  await assert.rejects(inProcessRequester(h).request(q('/a')), /handler exploded/);
  await assert.rejects(inProcessRequester(h).stream(q('/a')), /handler exploded/);
});

test('inProcessRequester stream fails iteration when the handler throws mid-stream', async () => {
  const h: ApiHandler = async (_req, res) => {
    res.writeHead(200, {});
    res.write('one\n');
    await new Promise((r) => setImmediate(r));
    throw new Error('mid-stream failure');
  };
  const s = await inProcessRequester(h).stream(q('/w'));
  const got: string[] = [];
  await assert.rejects(async () => { for await (const l of s.lines) got.push(l); }, /mid-stream failure/);
  assert.deepEqual(got, ['one']);
});

test('inProcessRequester stream close runs the sink close callbacks once', async () => {
  let closes = 0;
  let open: boolean | undefined;
  const h: ApiHandler = async (_req, res) => {
    res.writeHead(200, {});
    res.onClose(() => { closes++; open = res.open; });
  };
  const s = await inProcessRequester(h).stream(q('/w'));
  s.close();
  s.close();
  assert.equal(closes, 1);
  assert.equal(open, false);
});
