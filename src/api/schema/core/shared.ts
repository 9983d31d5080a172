// Small pieces reused across the core/v1 schema files.

import { f, str } from '../dsl.js';
import type { OpenAPISchema } from '../types.js';
import { inline } from './inline.js';

/** `+structType=atomic`: apply replaces the struct as a whole. */
export const ATOMIC_STRUCT: { ext: Partial<OpenAPISchema> } = { ext: { 'x-kubernetes-map-type': 'atomic' } };

/** The `name` of a LocalObjectReference embedded inline at protobuf field 1 of its parent. */
export const embeddedLocalName = (description: string): Record<string, OpenAPISchema> =>
  inline(1, { name: f(1, str(), description, { default: '' }) });
