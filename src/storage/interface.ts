// The storage seam. Keys are opaque strings ("/registry/apps/deployments/default/web"); values are
// opaque bytes (the API server stores JSON). Every write gets a new, cluster-wide revision.
// Modelled on k8s.io/apiserver/pkg/storage/interfaces.go and kine's log-structured store.

export interface KeyValue {
  key: string;
  value: Uint8Array;
  /** Revision of the write that created the key (stable across updates). */
  createRevision: number;
  /** Revision of the last write to the key; the object's resourceVersion. */
  modRevision: number;
}

export interface ListOptions {
  /** Return keys >= startKey (for paging). */
  startKey?: string;
  /** Maximum number of keys to return; 0 or undefined means all. */
  limit?: number;
  /** Read at this revision (must not be compacted). Undefined: the latest. */
  revision?: number;
}

export interface ListResult {
  kvs: KeyValue[];
  /** The store revision the list was read at. */
  revision: number;
  /** True when more keys matched than `limit`. */
  more: boolean;
}

export type StorageEventType = 'put' | 'delete';

export interface StorageEvent {
  type: StorageEventType;
  /** For 'put': the new value. For 'delete': kv.value is the last value, kv.modRevision the delete revision. */
  kv: KeyValue;
  /** The previous value, when there was one (updates and deletes). */
  prevKv?: KeyValue;
  /** True when the put created the key. */
  created: boolean;
}

export interface WatchOptions {
  /** Deliver events with revision > afterRevision. 0 means "from now". */
  afterRevision: number;
  signal?: AbortSignal;
}

export interface Store {
  /** Creates key; fails with StorageError KeyExists. Returns the new revision. Durable when resolved. */
  create(key: string, value: Uint8Array): Promise<number>;
  /** Undefined when the key does not exist. */
  get(key: string): Promise<KeyValue | undefined>;
  /** All keys under prefix (prefix should end in '/'), ordered by key. */
  list(prefix: string, opts?: ListOptions): Promise<ListResult>;
  /** Number of keys under prefix. */
  count(prefix: string): Promise<number>;
  /** Compare-and-swap: replaces key only if its modRevision is expectedRevision; else StorageError Conflict
   *  (or KeyNotFound if it is gone). Returns the new revision. */
  update(key: string, value: Uint8Array, expectedRevision: number): Promise<number>;
  /** Deletes key, only if its modRevision is expectedRevision when given. Returns the delete's revision
   *  and the deleted value. KeyNotFound / Conflict as for update. */
  delete(key: string, expectedRevision?: number): Promise<{ revision: number; prev: KeyValue }>;
  /** Events under prefix, in revision order, starting after opts.afterRevision. Fails with Compacted when
   *  afterRevision is older than the oldest retained event. Ends when the signal aborts. */
  watch(prefix: string, opts: WatchOptions): AsyncIterable<StorageEvent>;
  /** The latest revision. */
  currentRevision(): Promise<number>;
  /** Drops history at or below revision (current values are kept). */
  compact(revision: number): Promise<void>;
  close(): Promise<void>;
}

export type StorageErrorCode = 'KeyNotFound' | 'KeyExists' | 'Conflict' | 'Unreachable' | 'Timeout' | 'Compacted' | 'InvalidObj';

export class StorageError extends Error {
  override name = 'StorageError';
  constructor(readonly code: StorageErrorCode, readonly key: string, message?: string, options?: { cause?: unknown; revision?: number }) {
    super(message ?? `${code}: ${key}`, options);
    this.revision = options?.revision;
  }
  readonly revision: number | undefined;
}

export function isStorageError(e: unknown, code?: StorageErrorCode): e is StorageError {
  return e instanceof StorageError && (code === undefined || e.code === code);
}
