// The API server's handler chain: health, version, discovery, OpenAPI, then resources. Both the
// HTTPS listener and in-process clients call it (see src/client/transport.ts).

import type { ApiHandler, ApiRequest, ResponseSink } from '../client/transport.js';
import { RESOURCES, groupVersion } from '../api/resources.js';
import { notFoundPath, methodNotAllowed, unauthorized } from '../machinery/errors.js';
import { openapiIndex, openapiDocument } from '../api/schema/index.js';
import { parseRequestInfo } from './request-info.js';
import { parseAccept } from './negotiation.js';
import { sendJson, sendError } from './respond.js';
import { RestHandler } from './rest.js';
import { AGGREGATED_DISCOVERY_TYPE, VERSION_INFO, aggregatedDiscovery, apiGroupDoc, apiResourceList, legacyApiGroupList, legacyApiVersions } from './discovery.js';

export interface HandlerDeps {
  rest: RestHandler;
  /** Named health checks for /readyz and /livez (true when healthy). */
  checks: Record<string, () => boolean>;
  serverAddress: () => string;
  log: (msg: string) => void;
}

const PUBLIC_PATHS = new Set(['/healthz', '/livez', '/readyz', '/version']);

function wantsAggregated(accept: string | undefined): boolean {
  return parseAccept(accept).some((f) => f.as === 'APIGroupDiscoveryList' && f.group === 'apidiscovery.k8s.io' && f.version === 'v2');
}

function health(req: ApiRequest, res: ResponseSink, checks: Record<string, () => boolean>, name: string): void {
  const verbose = req.query.has('verbose');
  const results = Object.entries(checks).map(([k, fn]) => [k, fn()] as const);
  const ok = results.every(([, v]) => v);
  if (verbose) {
    const lines = results.map(([k, v]) => `[${v ? '+' : '-'}]${k} ${v ? 'ok' : 'failed: reason withheld'}`);
    lines.push(ok ? `${name} check passed` : `${name} check failed`);
    res.writeHead(ok ? 200 : 500, { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' });
    res.end(`${lines.join('\n')}\n`);
    return;
  }
  res.writeHead(ok ? 200 : 500, { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' });
  res.end(ok ? 'ok' : `[-]${results.filter(([, v]) => !v).map(([k]) => k).join(',')} failed\n${name} check failed`);
}

export function createHandler(deps: HandlerDeps): ApiHandler {
  const openapiPaths = new Set(RESOURCES.map((r) => (r.group ? `apis/${groupVersion(r)}` : `api/${r.version}`)));
  return async (req, res) => {
    try {
      const path = req.path.length > 1 && req.path.endsWith('/') ? req.path.slice(0, -1) : req.path;
      if (!req.user && !PUBLIC_PATHS.has(path) && !path.startsWith('/healthz/') && !path.startsWith('/livez/') && !path.startsWith('/readyz/')) {
        throw unauthorized();
      }
      if (path === '/healthz' || path === '/livez' || path === '/readyz' || /^\/(healthz|livez|readyz)\//.test(path)) {
        if (req.method !== 'GET' && req.method !== 'HEAD') throw methodNotAllowed(req.method, path);
        const name = path.split('/')[1]!;
        const sub = path.split('/')[2];
        const checks = sub ? (deps.checks[sub] ? { [sub]: deps.checks[sub]! } : undefined) : deps.checks;
        if (!checks) throw notFoundPath();
        health(req, res, checks, name);
        return;
      }
      if (path === '/version') { sendJson(res, 200, VERSION_INFO); return; }
      if (path === '/api') {
        if (wantsAggregated(req.headers.accept)) sendJson(res, 200, aggregatedDiscovery(true), AGGREGATED_DISCOVERY_TYPE);
        else sendJson(res, 200, legacyApiVersions(deps.serverAddress()));
        return;
      }
      if (path === '/apis') {
        if (wantsAggregated(req.headers.accept)) sendJson(res, 200, aggregatedDiscovery(false), AGGREGATED_DISCOVERY_TYPE);
        else sendJson(res, 200, legacyApiGroupList());
        return;
      }
      if (path === '/openapi/v3') { sendJson(res, 200, openapiIndex()); return; }
      if (path.startsWith('/openapi/v3/')) {
        const gv = path.slice('/openapi/v3/'.length);
        if (!openapiPaths.has(gv)) throw notFoundPath();
        const doc = openapiDocument(gv);
        if (!doc) throw notFoundPath();
        const hash = req.query.get('hash');
        if (hash && hash !== doc.hash) {
          res.writeHead(301, { location: `/openapi/v3/${gv}?hash=${doc.hash}`, 'content-type': 'text/plain' });
          res.end();
          return;
        }
        const headers: Record<string, string> = { 'content-type': 'application/json', etag: `"${doc.hash}"` };
        if (hash) { headers['cache-control'] = 'public, immutable'; headers.expires = new Date(Date.now() + 365 * 24 * 3600 * 1000).toUTCString(); }
        else headers['cache-control'] = 'no-cache, private';
        res.writeHead(200, headers);
        res.end(doc.body);
        return;
      }
      const info = parseRequestInfo(req.method, path, req.query);
      if (!info.isResourceRequest) {
        const segs = path.split('/').filter(Boolean);
        if (segs[0] === 'api' && segs.length === 2) {
          const doc = apiResourceList('', segs[1]!);
          if (doc) { sendJson(res, 200, doc); return; }
        }
        if (segs[0] === 'apis' && segs.length === 3) {
          const doc = apiResourceList(segs[1]!, segs[2]!);
          if (doc) { sendJson(res, 200, doc); return; }
        }
        if (segs[0] === 'apis' && segs.length === 2) {
          const doc = apiGroupDoc(segs[1]!);
          if (doc) { sendJson(res, 200, doc); return; }
        }
        throw notFoundPath();
      }
      await deps.rest.handle(req, res, info);
    } catch (err) {
      sendError(res, err, deps.log);
    }
  };
}
