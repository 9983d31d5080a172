// Parses a resource request path into its parts, as k8s.io/apiserver's RequestInfoFactory does.

import { badRequest } from '../machinery/errors.js';

export interface RequestInfo {
  isResourceRequest: boolean;
  path: string;
  verb: string; // get list watch create update patch delete deletecollection
  apiPrefix: 'api' | 'apis' | '';
  group: string;
  version: string;
  namespace: string;
  resource: string;
  subresource: string;
  name: string;
  parts: string[];
}

/** Decodes one %-escaped path segment; a malformed escape is a 400 (Go: `invalid URL escape "%A"`). */
function decodeSegment(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    const bad = /%(?![0-9A-Fa-f]{2})[0-9A-Za-z]{0,2}/.exec(s)?.[0] ?? s;
    throw badRequest(`invalid URL escape ${JSON.stringify(bad)}`);
  }
}

const NAMESPACE_SUBRESOURCES = new Set(['status', 'finalize']);

export function parseRequestInfo(method: string, path: string, query: URLSearchParams): RequestInfo {
  const info: RequestInfo = { isResourceRequest: false, path, verb: method.toLowerCase(), apiPrefix: '', group: '', version: '', namespace: '', resource: '', subresource: '', name: '', parts: [] };
  const segs = path.split('/').filter((s) => s !== '');
  let rest: string[];
  if (segs[0] === 'api') {
    if (segs.length < 3) return info;
    info.apiPrefix = 'api';
    info.version = segs[1]!;
    rest = segs.slice(2);
  } else if (segs[0] === 'apis') {
    if (segs.length < 4) return info;
    info.apiPrefix = 'apis';
    info.group = segs[1]!;
    info.version = segs[2]!;
    rest = segs.slice(3);
  } else {
    return info;
  }
  // As Go's server: the path is decoded before it is split, so an escaped '/' separates segments.
  rest = rest.flatMap((s) => decodeSegment(s).split('/')).filter((s) => s !== '');
  info.isResourceRequest = true;
  if (rest[0] === 'namespaces' && rest.length > 1) {
    info.namespace = rest[1]!;
    if (rest.length > 2 && !NAMESPACE_SUBRESOURCES.has(rest[2]!)) rest = rest.slice(2);
  }
  info.parts = rest;
  info.resource = rest[0] ?? '';
  if (rest.length >= 2) info.name = rest[1]!;
  if (rest.length >= 3) info.subresource = rest[2]!;
  if (info.resource === 'namespaces' && !info.subresource && rest.length < 2) info.namespace = '';

  const m = method.toUpperCase();
  if (m === 'GET' || m === 'HEAD') {
    const watch = query.get('watch');
    if (watch === 'true' || watch === '1') info.verb = 'watch';
    else info.verb = info.name ? 'get' : 'list';
  } else if (m === 'POST') info.verb = 'create';
  else if (m === 'PUT') info.verb = 'update';
  else if (m === 'PATCH') info.verb = 'patch';
  else if (m === 'DELETE') info.verb = info.name ? 'delete' : 'deletecollection';
  return info;
}
