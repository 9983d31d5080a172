// The seam between API clients and the API server. The server's handler chain accepts an
// ApiRequest and writes to a ResponseSink; HTTP (src/apiserver) and in-process callers (src/client)
// both speak it, so components in one process use the same validation, admission and watch path.

export interface ApiRequest {
  method: string; // GET POST PUT PATCH DELETE
  /** Path without the query string: /apis/apps/v1/namespaces/default/deployments */
  path: string;
  query: URLSearchParams;
  /** Lower-case header names. */
  headers: Record<string, string | undefined>;
  body?: Buffer;
  /** Authenticated user, set by the HTTP layer (or the in-process transport). */
  user?: { name: string; groups: string[] };
}

export interface ResponseSink {
  /** Status and headers; called once, before any write. */
  writeHead(status: number, headers: Record<string, string>): void;
  /** A chunk of the body (a watch event line, or a whole JSON body). */
  write(chunk: string | Buffer): void;
  end(chunk?: string | Buffer): void;
  /** Called when the client goes away (watch streams stop then). */
  onClose(fn: () => void): void;
  /** False once the client has gone. */
  readonly open: boolean;
}

export type ApiHandler = (req: ApiRequest, res: ResponseSink) => Promise<void>;
