// A Requester speaking HTTP(S) to a remote API server, with a keep-alive agent so that many
// requests and long-lived watches share connections.

import * as http from 'node:http';
import * as https from 'node:https';
import type { ApiRequest } from './transport.js';
import type { RawResponse, RawStream, Requester } from './requester.js';
import { LineSplitter } from './line-splitter.js';

export interface HttpsConfig {
  /** `https://host:port` (a path prefix is kept); `http://` is accepted for tests and local use. */
  server: string;
  /** PEM CA bundle to trust instead of the system roots. */
  ca?: Buffer;
  /** PEM client certificate and key (mutual TLS). */
  cert?: Buffer;
  key?: Buffer;
  /** Bearer token. */
  token?: string;
  /** Basic auth, when the kubeconfig has it. */
  username?: string;
  password?: string;
  insecureSkipVerify?: boolean;
  /** TLS server name to verify instead of the URL's host. */
  tlsServerName?: string;
  /** Most sockets per host. Default 1000 (watches hold one each). */
  maxSockets?: number;
}

export interface HttpsRequester extends Requester {
  /** Destroys the agent's sockets (idle ones and those of in-flight requests and watches). */
  close(): void;
}

export function httpsRequester(cfg: HttpsConfig): HttpsRequester {
  const base = new URL(cfg.server);
  const secure = base.protocol === 'https:';
  if (!secure && base.protocol !== 'http:') throw new Error(`server ${JSON.stringify(cfg.server)}: expected an https:// or http:// URL`);
  const prefix = base.pathname.replace(/\/+$/, '');
  const maxSockets = cfg.maxSockets ?? 1000;
  const agent: http.Agent = secure
    ? new https.Agent({
      keepAlive: true, maxSockets, maxFreeSockets: 64,
      ca: cfg.ca, cert: cfg.cert, key: cfg.key,
      rejectUnauthorized: !cfg.insecureSkipVerify,
      servername: cfg.tlsServerName,
    })
    : new http.Agent({ keepAlive: true, maxSockets, maxFreeSockets: 64 });
  const auth = cfg.token
    ? `Bearer ${cfg.token}`
    : cfg.username !== undefined ? `Basic ${Buffer.from(`${cfg.username}:${cfg.password ?? ''}`).toString('base64')}` : undefined;

  function send(req: ApiRequest, signal: AbortSignal | undefined): Promise<{ clientReq: http.ClientRequest; res: http.IncomingMessage }> {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) { reject(signal.reason); return; }
      const qs = req.query.toString();
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers[k] = v;
      if (auth && !headers['authorization']) headers['authorization'] = auth;
      if (req.body) headers['content-length'] = String(req.body.length);
      const opts: https.RequestOptions = {
        protocol: base.protocol,
        hostname: base.hostname.replace(/^\[(.*)\]$/, '$1'),
        port: base.port || (secure ? 443 : 80),
        method: req.method,
        path: prefix + req.path + (qs ? `?${qs}` : ''),
        headers,
        agent,
      };
      const clientReq = (secure ? https : http).request(opts);
      let settled = false;
      const onAbort = (): void => {
        if (!settled) { settled = true; reject(signal?.reason); }
        clientReq.destroy();
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      clientReq.once('close', () => signal?.removeEventListener('abort', onAbort));
      clientReq.once('error', (e) => { if (!settled) { settled = true; reject(e); } });
      clientReq.once('response', (res) => {
        if (settled) { res.destroy(); return; }
        settled = true;
        resolve({ clientReq, res });
      });
      clientReq.end(req.body);
    });
  }

  function headersOf(res: http.IncomingMessage): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) out[k] = Array.isArray(v) ? v.join(', ') : v;
    return out;
  }

  async function request(req: ApiRequest, signal?: AbortSignal): Promise<RawResponse> {
    const { res } = await send(req, signal);
    const chunks: Buffer[] = [];
    try {
      for await (const c of res) chunks.push(c as Buffer);
    } catch (e) {
      if (signal?.aborted) throw signal.reason;
      throw e;
    }
    return { status: res.statusCode ?? 0, headers: headersOf(res), body: Buffer.concat(chunks) };
  }

  async function stream(req: ApiRequest, signal?: AbortSignal): Promise<RawStream> {
    const { clientReq, res } = await send(req, signal);
    let closed = false;
    const close = (): void => {
      if (closed) return;
      closed = true;
      res.destroy();
      clientReq.destroy();
    };
    async function* lines(): AsyncGenerator<string> {
      const splitter = new LineSplitter();
      try {
        for await (const c of res) yield* splitter.push(c as Buffer);
        yield* splitter.end();
      } catch (e) {
        // A stream we (or the caller's signal) closed ends quietly; anything else is a failure.
        if (!closed && !signal?.aborted) throw e;
      } finally {
        close();
      }
    }
    return { status: res.statusCode ?? 0, headers: headersOf(res), lines: lines(), close };
  }

  return { request, stream, close: () => agent.destroy() };
}

export { loadKubeconfig } from './kubeconfig.js';
