// The transport seam under RestClient. Two implementations: in-process (calls the API server's
// ApiHandler directly) and HTTPS (node:https with a keep-alive agent).

import type { ApiRequest } from './transport.js';

/** A buffered response. Non-2xx statuses are returned, not thrown: RestClient decides. */
export interface RawResponse {
  status: number;
  /** Lower-case header names. */
  headers: Record<string, string>;
  body: Buffer;
}

/**
 * A streamed response (watch), available once the status line and headers have arrived.
 * `lines` yields the body split on '\n' (empty lines dropped, a trailing partial line flushed at
 * the end). Iteration ends quietly when the server ends the response or the request's signal is
 * aborted; breaking out of a `for await` loop closes the underlying stream.
 */
export interface RawStream {
  status: number;
  headers: Record<string, string>;
  lines: AsyncIterable<string>;
  /** Stops the stream (idempotent); pending and later iteration ends. */
  close(): void;
}

export interface Requester {
  /** Sends a request and buffers the whole response. Rejects on network failure or abort. */
  request(req: ApiRequest, signal?: AbortSignal): Promise<RawResponse>;
  /** Sends a request and resolves as soon as the response head arrives. */
  stream(req: ApiRequest, signal?: AbortSignal): Promise<RawStream>;
}
