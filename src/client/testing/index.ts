// Test helpers for anything built on the client: an in-memory API server behind the ApiHandler seam.
export { FakeApiServer, matchLabels, matchFields, mergePatch } from './fake-api-server.js';
export type { FakeApiServerOptions, RecordedRequest } from './fake-api-server.js';
