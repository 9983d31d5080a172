// The garbage collector: ownerReferences with Background, Foreground and Orphan propagation.
export { GarbageCollector, GARBAGE_COLLECTOR } from './garbage-collector.js';
export type { GarbageCollectorOptions } from './garbage-collector.js';
export { OwnerGraph, FOREGROUND_FINALIZER, ORPHAN_FINALIZER } from './graph.js';
export type { GraphNode, GraphActions, ObjectIdentity } from './graph.js';
