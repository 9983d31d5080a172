// core/v1 schemas. Importing this module registers every core/v1 schema in the shared
// `definitions` of ../dsl.ts (side effect); `import './core/index.js'` is all a caller needs.

import './references.js';
import './container.js';
import './probe.js';
import './security.js';
import './volume.js';
import './legacyVolume.js';
import './storage.js';
import './affinity.js';
import './pod.js';
import './podStatus.js';
import './service.js';
import './node.js';
import './namespace.js';
import './config.js';
import './event.js';
import './quota.js';
import './replicationController.js';
import './componentStatus.js';

export { CORE } from './names.js';
export { INLINE } from './inline.js';
