// The conformance suite every Requester passes (in-process and HTTP(S)); run from their tests.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ApiHandler, ApiRequest, ResponseSink } from './transport.js';
import type { Requester } from './requester.js';

export interface CaseState {
  closed: string[];
  open: Map<string, ResponseSink>;
}

export interface RequesterUnderTest {
  requester: Requester;
  close(): Promise<void>;
}

/** Polls `cond` (bounded): for effects that cross a socket. */
export async function waitFor(cond: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 400; i++) {
    if (cond()) return;
    await new Promise((r) => setTimeout(r, i < 20 ? 0 : 5));
  }
  assert.fail(`timed out waiting for ${what}`);
}

export function caseHandler(state: CaseState): ApiHandler {
  return async (req, res) => {
    const id = req.query.get('id') ?? '';
    switch (req.path) {
      case '/echo':
        res.writeHead(200, { 'Content-Type': 'application/json', 'X-Test': 'yes' });
        res.end(JSON.stringify({ method: req.method, path: req.path, query: req.query.toString(), body: req.body?.toString('utf8') ?? null, contentType: req.headers['content-type'] ?? null }));
        return;
      case '/fail':
        res.writeHead(409, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', reason: 'Conflict', message: 'nope', code: 409 }));
        return;
      case '/stream':
        res.writeHead(200, { 'content-type': 'application/json' });
        res.onClose(() => state.closed.push(id));
        res.write('{"n":1}\n{"n"');
        res.write(Buffer.from(':2}\r\n\n'));
        if (req.query.get('end')) { res.end('{"n":3}'); return; }
        state.open.set(id, res);
        return;
      case '/slow':
        res.onClose(() => state.closed.push(id));
        state.open.set(id, res);
        return;
      default:
        res.writeHead(404, {});
        res.end();
    }
  };
}

function req(path: string, init: Partial<ApiRequest> = {}): ApiRequest {
  const [p, q] = path.split('?');
  return { method: 'GET', path: p as string, query: new URLSearchParams(q ?? ''), headers: {}, ...init };
}

export function requesterConformance(name: string, make: (handler: ApiHandler) => Promise<RequesterUnderTest>): void {
  const setup = async (): Promise<RequesterUnderTest & { state: CaseState }> => {
    const state: CaseState = { closed: [], open: new Map() };
    return { ...(await make(caseHandler(state))), state };
  };

  test(`${name} request returns status, lower-case headers and body`, async () => {
    const t = await setup();
    try {
      const r = await t.requester.request(req('/echo?a=1&b=x%20y', { method: 'POST', body: Buffer.from('{"k":1}'), headers: { 'content-type': 'application/json' } }));
      assert.equal(r.status, 200);
      assert.equal(r.headers['x-test'], 'yes');
      assert.deepEqual(JSON.parse(r.body.toString()), { method: 'POST', path: '/echo', query: 'a=1&b=x+y', body: '{"k":1}', contentType: 'application/json' });
    } finally { await t.close(); }
  });

  test(`${name} request returns non-2xx responses as values`, async () => {
    const t = await setup();
    try {
      const r = await t.requester.request(req('/fail'));
      assert.equal(r.status, 409);
      assert.equal(JSON.parse(r.body.toString()).reason, 'Conflict');
    } finally { await t.close(); }
  });

  test(`${name} stream splits chunks into lines and flushes the last one at the end`, async () => {
    const t = await setup();
    try {
      const s = await t.requester.stream(req('/stream?id=e&end=1'));
      assert.equal(s.status, 200);
      const lines: string[] = [];
      for await (const l of s.lines) lines.push(l);
      assert.deepEqual(lines, ['{"n":1}', '{"n":2}', '{"n":3}']);
    } finally { await t.close(); }
  });

  test(`${name} stream delivers lines written while open and closes the server side on break`, async () => {
    const t = await setup();
    try {
      const s = await t.requester.stream(req('/stream?id=b'));
      const lines: string[] = [];
      for await (const l of s.lines) {
        lines.push(l);
        if (lines.length === 2) t.state.open.get('b')?.write('{"n":"later"}\n');
        if (lines.length === 3) break;
      }
      assert.deepEqual(lines, ['{"n":1}', '{"n":2}', '{"n":"later"}']);
      await waitFor(() => t.state.closed.includes('b'), 'server-side close after break');
    } finally { await t.close(); }
  });

  test(`${name} stream abort ends iteration quietly and closes the server side`, async () => {
    const t = await setup();
    try {
      const ctl = new AbortController();
      const s = await t.requester.stream(req('/stream?id=a'), ctl.signal);
      const lines: string[] = [];
      for await (const l of s.lines) {
        lines.push(l);
        if (lines.length === 2) ctl.abort();
      }
      assert.deepEqual(lines.slice(0, 2), ['{"n":1}', '{"n":2}']);
      await waitFor(() => t.state.closed.includes('a'), 'server-side close after abort');
    } finally { await t.close(); }
  });

  test(`${name} request abort rejects and closes the server side`, async () => {
    const t = await setup();
    try {
      const ctl = new AbortController();
      const p = t.requester.request(req('/slow?id=s'), ctl.signal);
      await waitFor(() => t.state.open.has('s'), 'request to arrive');
      ctl.abort(new Error('stop'));
      await assert.rejects(p);
      await waitFor(() => t.state.closed.includes('s'), 'server-side close after abort');
    } finally { await t.close(); }
  });
}
