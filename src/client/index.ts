// kite's API client: used by every component, in-process (ApiHandler) or remote (HTTPS).

export type { ApiRequest, ResponseSink, ApiHandler } from './transport.js';
export type { Requester, RawResponse, RawStream } from './requester.js';
export { inProcessRequester, LOOPBACK_USER } from './in-process.js';
export type { InProcessUser } from './in-process.js';
export { httpsRequester } from './https.js';
export type { HttpsConfig, HttpsRequester } from './https.js';
export { loadKubeconfig, parseKubeconfig } from './kubeconfig.js';
export type { KubeconfigResult } from './kubeconfig.js';

export { RestClient } from './rest-client.js';
export type { RequestOptions, RestClientOptions, QueryValue } from './rest-client.js';
export { statusErrorFromResponse, statusErrorFromStatus } from './status-error.js';
export { ResourceClient, PATCH_CONTENT_TYPES } from './resource-client.js';
export type {
  ResourceRef, ListOptions, WatchOptions, WriteOptions, PatchType, PatchOptions, DeleteOptions, Preconditions, SubresourceClient,
} from './resource-client.js';
export { createClient } from './client.js';
export type { Client } from './client.js';

export { Store, objectKey, splitObjectKey, NAMESPACE_INDEX, namespaceIndexFunc } from './store.js';
export type { IndexFunc, ReadonlyStore } from './store.js';
export { Informer } from './informer.js';
export type { EventHandlers, InformerOptions } from './informer.js';
export { SharedInformerFactory } from './shared-informer-factory.js';
export type { SharedInformerOptions, InformerSelection } from './shared-informer-factory.js';
export { deepFreeze } from './deep-freeze.js';

export { WorkQueue } from './workqueue.js';
export type { WorkQueueOptions } from './workqueue.js';
export { ItemExponentialRateLimiter, BucketRateLimiter, MaxOfRateLimiter, defaultControllerRateLimiter } from './rate-limiter.js';
export type { RateLimiter } from './rate-limiter.js';
export { runWorkers } from './run-workers.js';
export type { Reconciler, ReconcileResult, RunWorkersOptions } from './run-workers.js';
export { Backoff } from './backoff.js';
export type { BackoffOptions } from './backoff.js';

export { LeaderElector, runLeaderElection, LEASES } from './leader-election.js';
export type { LeaderElectionOptions, Lease, LeaseSpec } from './leader-election.js';
export { EventRecorder, EVENTS } from './event-recorder.js';
export type { EventRecorderOptions, EventType, ObjectReference, CoreEvent } from './event-recorder.js';

export { defaultLogger, silentLogger } from './logger.js';
export type { Logger } from './logger.js';
