// Test helpers for controller integration tests.
export { startHarness } from './harness.js';
export type { Harness, HarnessOptions } from './harness.js';
export { WatchGate } from './gated-watches.js';
