// The HTTPS listener: TLS with client-certificate and bearer-token authentication, request bodies
// with a size limit, and the adapter from Node's request/response to the ApiHandler seam.

import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TLSSocket } from 'node:tls';
import { timingSafeEqual } from 'node:crypto';
import type { ApiHandler, ApiRequest, ResponseSink } from '../client/transport.js';
import { unauthorized } from '../machinery/errors.js';
import { certificateUser, type Pki } from './certs.js';
import { sendError } from './respond.js';
import { MAX_BODY_BYTES, bodyTooLarge } from './rest.js';

export interface HttpServerOptions {
  pki: Pki;
  handler: ApiHandler;
  /** Bearer tokens accepted, with the user each one stands for. */
  tokens: Map<string, { name: string; groups: string[] }>;
  log: (msg: string) => void;
}

function tokenUser(header: string | undefined, tokens: HttpServerOptions['tokens']): { name: string; groups: string[] } | undefined {
  if (!header?.startsWith('Bearer ')) return undefined;
  const given = Buffer.from(header.slice(7).trim());
  for (const [token, user] of tokens) {
    const t = Buffer.from(token);
    if (t.length === given.length && timingSafeEqual(t, given)) return user;
  }
  return undefined;
}

export function sinkFor(res: ServerResponse): ResponseSink {
  return {
    writeHead(status, headers) {
      if (res.headersSent) return;
      res.writeHead(status, headers);
      // Streams (watches) send their headers at once, so clients see the watch established.
      if (headers['transfer-encoding'] === 'chunked') res.flushHeaders();
    },
    write(chunk) { res.write(chunk); },
    end(chunk) { if (chunk !== undefined) res.end(chunk); else res.end(); },
    // Node 20: the request's 'close' fires when its body ends; the response's when the client goes.
    onClose(fn) { res.on('close', fn); },
    get open() { return !res.writableEnded && !res.destroyed; },
  };
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? '0');
  if (declared > MAX_BODY_BYTES) throw bodyTooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw bodyTooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

export function createHttpsServer(opts: HttpServerOptions): Server {
  const server = createServer({
    key: opts.pki.serverKey,
    cert: opts.pki.serverCert,
    ca: opts.pki.caCert,
    requestCert: true,
    rejectUnauthorized: false,
    ALPNProtocols: ['http/1.1'],
  }, (req, res) => {
    const sink = sinkFor(res);
    void (async () => {
      try {
        const socket = req.socket as TLSSocket;
        let user: ApiRequest['user'];
        if (socket.authorized) {
          const peer = socket.getPeerCertificate();
          if (peer && peer.subject) user = certificateUser(peer as unknown as { subject: Record<string, string> });
        }
        const authz = req.headers.authorization;
        if (!user && authz) {
          user = tokenUser(authz, opts.tokens);
        }
        const url = new URL(req.url ?? '/', 'https://localhost');
        let body: Buffer | undefined;
        if (req.method !== 'GET' && req.method !== 'HEAD') body = await readBody(req);
        // Credentials that were presented but are not valid get 401, even on public paths.
        if (!user && authz) throw unauthorized();
        const headers: Record<string, string | undefined> = {};
        for (const [k, v] of Object.entries(req.headers)) headers[k] = Array.isArray(v) ? v.join(', ') : v;
        const apiReq: ApiRequest = { method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, headers, body, user };
        await opts.handler(apiReq, sink);
      } catch (err) {
        if (res.headersSent) { res.destroy(); return; }
        sendError(sink, err, opts.log);
        // An oversized body is not read to the end: close the connection after answering.
        if ((err as { code?: number }).code === 413) res.on('finish', () => req.socket.destroy());
      }
    })();
  });
  server.timeout = 0;
  server.requestTimeout = 0;
  server.keepAliveTimeout = 65_000;
  server.on('tlsClientError', () => undefined);
  server.on('clientError', (_err, socket) => { socket.destroy(); });
  return server;
}
