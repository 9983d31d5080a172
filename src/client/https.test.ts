import { test, describe, before } from 'node:test';
import assert from 'node:assert/strict';
import { httpsRequester } from './https.js';
import { requesterConformance } from './requester.case.js';
import { serveHandler } from './testing/serve-handler.js';
import { makeTestPki, type TestPki } from './testing/test-pki.js';
import type { ApiHandler, ApiRequest } from './transport.js';
import { createClient } from './client.js';
import { StatusError } from '../machinery/errors.js';

requesterConformance('httpsRequester over http', async (handler) => {
  const srv = await serveHandler(handler);
  const r = httpsRequester({ server: srv.url });
  return { requester: r, close: async () => { r.close(); await srv.close(); } };
});

const whoami: ApiHandler = async (req, res) => {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ user: req.user ?? null, path: req.path }));
};

const get = (path: string): ApiRequest => ({ method: 'GET', path, query: new URLSearchParams(), headers: {} });

describe('httpsRequester over TLS', () => {
  let pki: TestPki;
  before(() => { pki = makeTestPki('alice', 'devs'); });

  test('httpsRequester authenticates with a client certificate and verifies the server against the CA', async () => {
    const srv = await serveHandler(whoami, { tls: { cert: pki.serverCert, key: pki.serverKey, ca: pki.ca } });
    const r = httpsRequester({ server: srv.url, ca: pki.ca, cert: pki.clientCert, key: pki.clientKey });
    try {
      const res = await r.request(get('/whoami'));
      assert.deepEqual(JSON.parse(res.body.toString()).user, { name: 'alice', groups: ['devs', 'system:authenticated'] });
    } finally { r.close(); await srv.close(); }
  });

  test('httpsRequester sends a bearer token and keeps a server path prefix', async () => {
    const srv = await serveHandler(whoami, { tls: { cert: pki.serverCert, key: pki.serverKey }, tokens: { s3cret: 'bob' } });
    const r = httpsRequester({ server: `${srv.url}/prefix/`, ca: pki.ca, token: 's3cret' });
    try {
      const body = JSON.parse((await r.request(get('/whoami'))).body.toString());
      assert.equal(body.user.name, 'bob');
      assert.equal(body.path, '/prefix/whoami');
    } finally { r.close(); await srv.close(); }
  });

  test('httpsRequester rejects an untrusted server unless insecureSkipVerify', async () => {
    const srv = await serveHandler(whoami, { tls: { cert: pki.serverCert, key: pki.serverKey } });
    const strict = httpsRequester({ server: srv.url });
    const lax = httpsRequester({ server: srv.url, insecureSkipVerify: true });
    try {
      await assert.rejects(strict.request(get('/whoami')), (e: Error & { code?: string }) => typeof e.code === 'string' && /CERT|SELF_SIGNED|UNABLE/.test(e.code));
      assert.equal((await lax.request(get('/whoami'))).status, 200);
    } finally { strict.close(); lax.close(); await srv.close(); }
  });
});

test('httpsRequester propagates network errors', async () => {
  const srv = await serveHandler(whoami);
  const url = srv.url;
  await srv.close();
  const r = httpsRequester({ server: url });
  try {
    await assert.rejects(r.request(get('/x')), (e: Error & { code?: string }) => e.code === 'ECONNREFUSED' && !(e instanceof StatusError));
  } finally { r.close(); }
});

test('httpsRequester non-JSON error bodies become StatusErrors through the client', async () => {
  const srv = await serveHandler(async (_req, res) => { res.writeHead(503, { 'content-type': 'text/plain' }); res.end('overloaded'); });
  const r = httpsRequester({ server: srv.url });
  try {
    await assert.rejects(createClient(r).request({ path: '/x' }), (e: unknown) => e instanceof StatusError && e.code === 503 && e.reason === 'ServiceUnavailable');
  } finally { r.close(); await srv.close(); }
});
