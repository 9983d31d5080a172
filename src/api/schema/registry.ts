// The schema registry: every named schema kite knows, loaded once from the schema modules.

import { definitions, kindIndex } from './dsl.js';
import type { SchemaRegistry } from './types.js';
import { makeSchemaRegistry } from './make-registry.js';
import './meta.js';
import './core/index.js';
import './apps.js';
import './batch.js';
import './coordination.js';
import './events.js';
import './autoscaling.js';
import './policy.js';
import './scheduling.js';

export { refName } from './make-registry.js';

export const schemaRegistry: SchemaRegistry = makeSchemaRegistry(definitions, kindIndex);
