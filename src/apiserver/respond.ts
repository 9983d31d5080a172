// Writing responses: JSON bodies, Status errors, and the one place errors become Status objects.

import type { ResponseSink } from '../client/transport.js';
import { StatusError, internalError, type Status } from '../machinery/errors.js';
import { isStorageError } from '../storage/interface.js';

export function sendJson(res: ResponseSink, status: number, body: unknown, contentType = 'application/json', headers: Record<string, string> = {}): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { 'content-type': contentType, ...headers });
  res.end(text);
}

/** Translates any error into a Status (the single boundary for storage and unexpected errors). */
export function toStatusError(err: unknown): StatusError {
  if (err instanceof StatusError) return err;
  // Only input nested deeper than the recursive patch/apply code can walk gets here (bodies are
  // limited to MAX_NESTING_DEPTH levels): the request's fault, not the server's.
  if (err instanceof RangeError && /Maximum call stack size exceeded/.test(err.message)) {
    return new StatusError(400, 'BadRequest', 'the request is nested too deeply to be processed', undefined, { cause: err });
  }
  if (isStorageError(err, 'Unreachable') || isStorageError(err, 'Timeout')) {
    return new StatusError(504, 'Timeout', `storage is unavailable: ${err.message}`, { retryAfterSeconds: 1 }, { cause: err });
  }
  return internalError(err);
}

export function sendError(res: ResponseSink, err: unknown, log?: (msg: string) => void): void {
  const se = toStatusError(err);
  if (se.code >= 500 && log) log(`internal error: ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
  const headers: Record<string, string> = {};
  if (se.details?.retryAfterSeconds) headers['retry-after'] = String(se.details.retryAfterSeconds);
  if (!res.open) return;
  sendJson(res, se.code, se.toStatus() as Status, 'application/json', headers);
}
