// Naming helpers for the core/v1 schemas.

import { META, ref } from '../dsl.js';
import type { OpenAPISchema } from '../types.js';

/** Prefix of every core/v1 schema name. */
export const CORE = 'io.k8s.api.core.v1';

/** A $ref to a core/v1 schema by its Go type name ("Container" -> io.k8s.api.core.v1.Container). */
export const core = (type: string): OpenAPISchema => ref(`${CORE}.${type}`);

/** A $ref to a meta/v1 schema by its Go type name ("ObjectMeta"). */
export const meta = (type: string): OpenAPISchema => ref(`${META}.${type}`);
