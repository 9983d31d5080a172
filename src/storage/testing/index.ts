export { runStoreConformance, EventReader } from './conformance.js';
