// Turns a non-2xx response into the StatusError the server meant (or a best guess when the body
// is not a metav1.Status), as client-go's transformResponse / newUnstructuredResponseError do.

import { StatusError, type StatusDetails, type StatusReason } from '../machinery/errors.js';
import { isPlainObject } from '../api/types.js';

const BY_CODE: Record<number, [StatusReason, string]> = {
  400: ['BadRequest', 'the server rejected our request for an unknown reason'],
  401: ['Unauthorized', 'the server has asked for the client to provide credentials'],
  403: ['Forbidden', 'the server does not allow access to the requested resource'],
  404: ['NotFound', 'the server could not find the requested resource'],
  405: ['MethodNotAllowed', 'the server does not allow this method on the requested resource'],
  406: ['NotAcceptable', 'the server was unable to respond with a content type that the client supports'],
  409: ['Conflict', 'the server reported a conflict'],
  410: ['Gone', 'the server no longer has the requested resource'],
  413: ['RequestEntityTooLarge', 'the server has rejected the request because it is too large'],
  415: ['UnsupportedMediaType', 'the server does not accept the content type of the request'],
  422: ['Invalid', 'the server rejected our request due to an error in our request'],
  429: ['TooManyRequests', 'the server has received too many requests and has asked us to try again later'],
  500: ['InternalError', 'an error on the server has prevented the request from succeeding'],
  503: ['ServiceUnavailable', 'the server is currently unable to handle the request'],
  504: ['Timeout', 'the server was unable to return a response in the time allotted, but may still be processing the request'],
};

/** Decodes a metav1.Status-shaped value into a StatusError, or undefined if it is not one. */
export function statusErrorFromStatus(v: unknown, fallbackCode = 500): StatusError | undefined {
  if (!isPlainObject(v) || v['kind'] !== 'Status') return undefined;
  const code = typeof v['code'] === 'number' && v['code'] > 0 ? v['code'] : fallbackCode;
  const reason = (typeof v['reason'] === 'string' ? v['reason'] : BY_CODE[code]?.[0] ?? '') as StatusReason;
  const message = typeof v['message'] === 'string' ? v['message'] : BY_CODE[code]?.[1] ?? `unknown error (status ${code})`;
  const details = isPlainObject(v['details']) ? (v['details'] as StatusDetails) : undefined;
  return new StatusError(code, reason, message, details);
}

/** The error for a non-2xx response with the given body. */
export function statusErrorFromResponse(code: number, body: Buffer | string): StatusError {
  const text = typeof body === 'string' ? body : body.toString('utf8');
  try {
    const fromStatus = statusErrorFromStatus(JSON.parse(text), code);
    if (fromStatus) return fromStatus;
  } catch { /* not JSON */ }
  const [reason, generic] = BY_CODE[code] ?? [code >= 500 ? 'InternalError' : '', `an error on the server has prevented the request from succeeding (status ${code})`];
  const snippet = text.trim().slice(0, 512);
  const message = code === 500 && snippet ? `an error on the server (${JSON.stringify(snippet)}) has prevented the request from succeeding` : generic;
  return new StatusError(code, reason as StatusReason, message, snippet ? { causes: [{ reason: 'UnexpectedServerResponse', message: snippet }] } : undefined);
}
