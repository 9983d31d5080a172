// Builds ApiRequests, sends them through a Requester, decodes JSON and turns non-2xx responses
// into StatusError. Everything above (ResourceClient, informers) goes through here.

import type { ApiRequest } from './transport.js';
import type { RawResponse, Requester } from './requester.js';
import type { WatchEvent } from '../api/types.js';
import { isPlainObject } from '../api/types.js';
import { statusErrorFromResponse } from './status-error.js';

export type QueryValue = string | number | boolean | undefined | null;

export interface RequestOptions {
  /** Default GET. */
  method?: string;
  /** Absolute API path; a `?query` suffix is accepted and merged with `query`. */
  path: string;
  query?: URLSearchParams | Record<string, QueryValue>;
  /** Plain values are JSON-encoded; strings and Buffers are sent as they are. */
  body?: unknown;
  /** Default `application/json` when there is a body. */
  contentType?: string;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

export interface RestClientOptions {
  /** Sent as user-agent. Default `kite`. */
  userAgent?: string;
}

export class RestClient {
  private readonly userAgent: string;

  constructor(readonly requester: Requester, options: RestClientOptions = {}) {
    this.userAgent = options.userAgent ?? 'kite';
  }

  /** The ApiRequest an options object describes. */
  buildRequest(opts: RequestOptions): ApiRequest {
    const q = opts.path.indexOf('?');
    const path = q >= 0 ? opts.path.slice(0, q) : opts.path;
    const query = new URLSearchParams(q >= 0 ? opts.path.slice(q + 1) : '');
    if (opts.query instanceof URLSearchParams) {
      for (const [k, v] of opts.query) query.append(k, v);
    } else if (opts.query) {
      for (const [k, v] of Object.entries(opts.query)) if (v !== undefined && v !== null && v !== '') query.set(k, String(v));
    }
    const headers: Record<string, string | undefined> = { accept: 'application/json', 'user-agent': this.userAgent };
    let body: Buffer | undefined;
    if (opts.body !== undefined) {
      body = Buffer.isBuffer(opts.body) ? opts.body : Buffer.from(typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body));
      headers['content-type'] = opts.contentType ?? 'application/json';
    }
    for (const [k, v] of Object.entries(opts.headers ?? {})) headers[k.toLowerCase()] = v;
    const req: ApiRequest = { method: (opts.method ?? 'GET').toUpperCase(), path, query, headers };
    if (body) req.body = body;
    return req;
  }

  /** Sends and returns the response whatever its status. */
  raw(opts: RequestOptions): Promise<RawResponse> {
    return this.requester.request(this.buildRequest(opts), opts.signal);
  }

  /** Sends; a non-2xx status is thrown as StatusError. */
  async do(opts: RequestOptions): Promise<RawResponse> {
    const res = await this.raw(opts);
    if (res.status < 200 || res.status > 299) throw statusErrorFromResponse(res.status, res.body);
    return res;
  }

  /** Sends and decodes the JSON body. */
  async json<T>(opts: RequestOptions): Promise<T> {
    const res = await this.do(opts);
    if (res.body.length === 0) return undefined as T;
    return JSON.parse(res.body.toString('utf8')) as T;
  }

  /**
   * Opens a watch stream and yields its events. A non-2xx response (e.g. 410 Expired for a too old
   * resourceVersion) is thrown as StatusError from the first `next()`; in-stream ERROR events are
   * yielded as they are (object is a metav1.Status). Ends when the server ends the stream or the
   * signal aborts; breaking out of the loop closes the stream.
   */
  async *watch<T = unknown>(opts: RequestOptions): AsyncGenerator<WatchEvent<T>, void, undefined> {
    const req = this.buildRequest(opts);
    const stream = await this.requester.stream(req, opts.signal);
    try {
      if (stream.status < 200 || stream.status > 299) {
        const lines: string[] = [];
        for await (const l of stream.lines) lines.push(l);
        throw statusErrorFromResponse(stream.status, lines.join('\n'));
      }
      for await (const line of stream.lines) {
        let ev: unknown;
        try { ev = JSON.parse(line); } catch (e) {
          throw new Error(`watch ${req.path}: could not decode event: ${line.slice(0, 200)}`, { cause: e });
        }
        if (!isPlainObject(ev) || typeof ev['type'] !== 'string') throw new Error(`watch ${req.path}: not a watch event: ${line.slice(0, 200)}`);
        yield ev as unknown as WatchEvent<T>;
      }
    } finally {
      stream.close();
    }
  }
}
