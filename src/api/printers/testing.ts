// Test helpers for the printer tests: a fixed clock reading and timestamps relative to it.

import { rfc3339 } from '../../machinery/clock.js';
import type { KubeObject } from '../types.js';

export const NOW = Date.UTC(2026, 0, 1, 12, 0, 0);

export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** The RFC 3339 time `ms` before NOW. */
export function ago(ms: number): string {
  return rfc3339(NOW - ms);
}

/** An object of the given kind, created `age` ms before NOW, with extra top-level fields. */
export function obj(apiVersion: string, kind: string, name: string, age: number, fields: Record<string, unknown> = {}): KubeObject {
  const { metadata, ...rest } = fields;
  return {
    apiVersion,
    kind,
    metadata: { name, namespace: 'default', uid: `uid-${name}`, resourceVersion: '7', creationTimestamp: ago(age), ...(metadata as object) },
    ...rest,
  };
}
