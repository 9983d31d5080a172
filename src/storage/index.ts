// The storage component's public surface. The conformance suite lives in ./testing/index.js.
export {
  StorageError,
  isStorageError,
  type Store,
  type KeyValue,
  type ListOptions,
  type ListResult,
  type StorageEvent,
  type StorageEventType,
  type StorageErrorCode,
  type WatchOptions,
} from './interface.js';
export { registryKey, registryPrefix, type ResourceRef } from './keys.js';
export { prefixRange, type KeyRange } from './prefix-range.js';
export { SqliteStore, openSqliteStore, type SqliteStoreOptions } from './sqlite/index.js';
