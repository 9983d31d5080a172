// A Requester that calls the API server's handler chain directly: no socket, no TLS, the same
// validation, admission and watch path as a remote client.

import type { ApiHandler, ApiRequest, ResponseSink } from './transport.js';
import type { RawResponse, RawStream, Requester } from './requester.js';
import { Channel } from './channel.js';
import { LineSplitter } from './line-splitter.js';

export interface InProcessUser { name: string; groups: string[] }

/** The identity in-process components act as unless told otherwise (as the loopback client). */
export const LOOPBACK_USER: InProcessUser = { name: 'system:apiserver', groups: ['system:masters', 'system:authenticated'] };

/**
 * Wraps an ApiHandler as a Requester. `user` is stamped on requests that carry none.
 * A response is complete when the handler calls `end()`; aborting the signal (or breaking out of a
 * watch loop) marks the sink closed and runs its onClose callbacks.
 */
export function inProcessRequester(handler: ApiHandler, user: InProcessUser = LOOPBACK_USER): Requester {
  const withUser = (req: ApiRequest): ApiRequest => (req.user ? req : { ...req, user });
  return {
    request: (req, signal) => bufferedCall(handler, withUser(req), signal),
    stream: (req, signal) => streamedCall(handler, withUser(req), signal),
  };
}

function lowerKeys(h: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h)) out[k.toLowerCase()] = v;
  return out;
}

/** Shared sink plumbing: open flag and close callbacks. */
class SinkBase {
  protected isOpen = true;
  private closers: (() => void)[] = [];
  /** Runs once when the exchange is over, either way (used to drop abort listeners). */
  afterwards: (() => void) | undefined;

  get open(): boolean { return this.isOpen; }

  onClose(fn: () => void): void {
    if (!this.isOpen) { queueMicrotask(fn); return; }
    this.closers.push(fn);
  }

  /** The client went away: run the close callbacks once. */
  clientGone(): void {
    if (!this.isOpen) return;
    this.isOpen = false;
    const fns = this.closers;
    this.closers = [];
    for (const fn of fns) {
      try { fn(); } catch { /* a failing close hook must not break the others */ }
    }
    this.runAfterwards();
  }

  private runAfterwards(): void {
    const fn = this.afterwards;
    this.afterwards = undefined;
    fn?.();
  }

  /** The server finished the response: no close callbacks (nothing left to stop). */
  protected finished(): void {
    this.isOpen = false;
    this.closers = [];
    this.runAfterwards();
  }
}

class BufferSink extends SinkBase implements ResponseSink {
  status = 200;
  headers: Record<string, string> = {};
  private headWritten = false;
  private chunks: Buffer[] = [];

  constructor(private readonly done: (r: RawResponse) => void) { super(); }

  writeHead(status: number, headers: Record<string, string>): void {
    if (this.headWritten) return;
    this.headWritten = true;
    this.status = status;
    this.headers = lowerKeys(headers);
  }

  write(chunk: string | Buffer): void {
    if (!this.isOpen) return;
    this.chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  }

  end(chunk?: string | Buffer): void {
    if (!this.isOpen) return;
    if (chunk !== undefined) this.write(chunk);
    this.finished();
    this.done({ status: this.status, headers: this.headers, body: this.chunks.length === 1 ? (this.chunks[0] as Buffer) : Buffer.concat(this.chunks) });
  }
}

function bufferedCall(handler: ApiHandler, req: ApiRequest, signal?: AbortSignal): Promise<RawResponse> {
  return new Promise<RawResponse>((resolve, reject) => {
    if (signal?.aborted) { reject(signal.reason); return; }
    let settled = false;
    const onAbort = (): void => {
      if (settled) return;
      settled = true;
      sink.clientGone();
      reject(signal?.reason);
    };
    const sink = new BufferSink((r) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      resolve(r);
    });
    signal?.addEventListener('abort', onAbort, { once: true });
    let p: Promise<void>;
    try { p = handler(req, sink); } catch (e) { p = Promise.reject(e); }
    p.catch((e: unknown) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      sink.clientGone();
      reject(e);
    });
  });
}

class StreamSink extends SinkBase implements ResponseSink {
  private headWritten = false;
  private readonly splitter = new LineSplitter();
  readonly lines = new Channel<string>();

  constructor(private readonly onHead: (status: number, headers: Record<string, string>) => void) {
    super();
    this.lines.onCancel = () => this.clientGone();
  }

  get headSent(): boolean { return this.headWritten; }

  writeHead(status: number, headers: Record<string, string>): void {
    if (this.headWritten) return;
    this.headWritten = true;
    this.onHead(status, lowerKeys(headers));
  }

  write(chunk: string | Buffer): void {
    if (!this.isOpen) return;
    if (!this.headWritten) this.writeHead(200, {});
    for (const l of this.splitter.push(chunk)) this.lines.push(l);
  }

  end(chunk?: string | Buffer): void {
    if (!this.isOpen) return;
    if (chunk !== undefined) this.write(chunk);
    if (!this.headWritten) this.writeHead(200, {});
    for (const l of this.splitter.end()) this.lines.push(l);
    this.finished();
    this.lines.end();
  }

  /** The handler failed mid-stream: iteration throws `e` after the lines already received. */
  fail(e: unknown): void {
    if (!this.isOpen) return;
    this.lines.end(e);
    super.clientGone();
  }

  override clientGone(): void {
    super.clientGone();
    this.lines.cancel();
  }
}

function streamedCall(handler: ApiHandler, req: ApiRequest, signal?: AbortSignal): Promise<RawStream> {
  return new Promise<RawStream>((resolve, reject) => {
    if (signal?.aborted) { reject(signal.reason); return; }
    const onAbort = (): void => {
      const beforeHead = !sink.headSent;
      sink.clientGone();
      if (beforeHead) reject(signal?.reason);
    };
    const sink: StreamSink = new StreamSink((status, headers) => {
      resolve({ status, headers, lines: sink.lines, close: () => sink.clientGone() });
    });
    sink.afterwards = () => signal?.removeEventListener('abort', onAbort);
    signal?.addEventListener('abort', onAbort, { once: true });
    let p: Promise<void>;
    try { p = handler(req, sink); } catch (e) { p = Promise.reject(e); }
    p.catch((e: unknown) => {
      if (!sink.headSent) { sink.clientGone(); reject(e); return; }
      sink.fail(e);
    });
  });
}
