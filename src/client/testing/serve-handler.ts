// Serves an ApiHandler over HTTP or HTTPS on 127.0.0.1 for tests of the remote client path. The
// user is taken from a verified client certificate (CN, O as groups) or a bearer token.

import * as http from 'node:http';
import * as https from 'node:https';
import type { TLSSocket } from 'node:tls';
import type { AddressInfo } from 'node:net';
import type { ApiHandler, ApiRequest, ResponseSink } from '../transport.js';

export interface ServeOptions {
  tls?: { cert: Buffer; key: Buffer; ca?: Buffer };
  /** Token -> user name. */
  tokens?: Record<string, string>;
}

export interface ServedHandler {
  url: string;
  close(): Promise<void>;
}

function userOf(req: http.IncomingMessage, tokens: Record<string, string>): ApiRequest['user'] {
  const auth = req.headers.authorization;
  if (auth?.startsWith('Bearer ')) {
    const name = tokens[auth.slice(7)];
    if (name) return { name, groups: ['system:authenticated'] };
  }
  const sock = req.socket as Partial<TLSSocket>;
  if (sock.authorized && sock.getPeerCertificate) {
    const c = sock.getPeerCertificate();
    if (c?.subject?.CN) {
      const o = c.subject.O;
      const groups = Array.isArray(o) ? o : o ? [o] : [];
      return { name: String(c.subject.CN), groups: [...groups, 'system:authenticated'] };
    }
  }
  return undefined;
}

export async function serveHandler(handler: ApiHandler, options: ServeOptions = {}): Promise<ServedHandler> {
  const tokens = options.tokens ?? {};
  const onRequest = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://x');
      const headers: Record<string, string | undefined> = {};
      for (const [k, v] of Object.entries(req.headers)) headers[k] = Array.isArray(v) ? v.join(', ') : v;
      const apiReq: ApiRequest = { method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, headers };
      if (chunks.length) apiReq.body = Buffer.concat(chunks);
      const user = userOf(req, tokens);
      if (user) apiReq.user = user;
      let open = true;
      const closers: (() => void)[] = [];
      res.on('close', () => {
        if (!open) return;
        open = false;
        for (const fn of closers) fn();
      });
      const sink: ResponseSink = {
        writeHead: (status, h) => { res.writeHead(status, h); res.flushHeaders(); },
        write: (c) => { if (open) res.write(c); },
        end: (c) => { if (!open) return; open = false; res.end(c); },
        onClose: (fn) => { if (open) closers.push(fn); else queueMicrotask(fn); },
        get open() { return open; },
      };
      handler(apiReq, sink).catch(() => {
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', reason: 'InternalError', message: 'handler failed', code: 500 }));
      });
    });
  };
  const server = options.tls
    ? https.createServer({ cert: options.tls.cert, key: options.tls.key, ca: options.tls.ca, requestCert: !!options.tls.ca, rejectUnauthorized: false }, onRequest)
    : http.createServer(onRequest);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
