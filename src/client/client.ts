// The handle components get: typed resource clients plus raw requests, over any Requester.

import type { KubeObject } from '../api/types.js';
import { findByKind } from '../api/resources.js';
import type { RawResponse, Requester } from './requester.js';
import { RestClient, type RequestOptions, type RestClientOptions } from './rest-client.js';
import { ResourceClient, type ResourceRef } from './resource-client.js';

export interface Client {
  readonly rest: RestClient;
  /** CRUD + watch for one resource; namespace undefined = all namespaces (list/watch). */
  resource<T extends KubeObject = KubeObject>(ref: ResourceRef, namespace?: string): ResourceClient<T>;
  /** The resource serving `kind` in `apiVersion` (from the built-in table); throws if unknown. */
  forKind<T extends KubeObject = KubeObject>(apiVersion: string, kind: string, namespace?: string): ResourceClient<T>;
  /** A raw request; non-2xx statuses are thrown as StatusError. */
  request(opts: RequestOptions): Promise<RawResponse>;
  /** A raw request, decoded as JSON; non-2xx statuses are thrown as StatusError. */
  requestJson<T>(opts: RequestOptions): Promise<T>;
}

export function createClient(requester: Requester, options: RestClientOptions = {}): Client {
  const rest = new RestClient(requester, options);
  return {
    rest,
    resource: <T extends KubeObject>(ref: ResourceRef, namespace?: string) => new ResourceClient<T>(rest, ref, namespace),
    forKind<T extends KubeObject>(apiVersion: string, kind: string, namespace?: string) {
      const info = findByKind(apiVersion, kind);
      if (!info) throw new Error(`no resource serves kind ${JSON.stringify(kind)} in ${JSON.stringify(apiVersion)}`);
      return new ResourceClient<T>(rest, info, namespace);
    },
    request: (opts) => rest.do(opts),
    requestJson: <T>(opts: RequestOptions) => rest.json<T>(opts),
  };
}
