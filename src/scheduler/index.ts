// kite's scheduler: the Scheduler (run it inside leader election), its framework and plugins.

export { Scheduler } from './scheduler.js';
export type { SchedulerOptions, SchedulerStats } from './scheduler.js';
export { SchedulingQueue } from './queue.js';
export type { QueuedPodInfo, SchedulingQueueOptions } from './queue.js';
export { Cache } from './cache.js';
export { podPriority } from './priority.js';
export { defaultPlugins, DEFAULT_WEIGHTS } from './plugins/registry.js';
export type { PluginHandle, DefaultProfileOptions } from './plugins/registry.js';
export * as plugins from './plugins/index.js';
export * as framework from './framework/index.js';
export type { Pod, Node, PriorityClass } from './api-types.js';
export { DEFAULT_SCHEDULER_NAME } from './api-types.js';
