// TEST-ONLY oracle: compares kite's core/v1 schemas with the OpenAPI v2 document served by a real
// Kubernetes 1.34 API server, when a copy of it is present on this machine (it is not in CI). Only
// the shape is compared (property names, JSON types, patch/list extensions, required fields); the
// reference is never imported by product code and nothing is generated from it.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';

import './index.js';
import { definitions, kindIndex } from '../dsl.js';
import type { OpenAPISchema } from '../types.js';
import { CORE } from './names.js';

const REFERENCE = process.env.KITE_OPENAPI_REFERENCE ?? '/work/shared/reference/kubernetes-1.34-openapi-v2.json';
const present = existsSync(REFERENCE);
const skip = present ? false : `reference OpenAPI document ${REFERENCE} is absent (expected in CI)`;

/** Differences we keep on purpose: "<Type>.<property>: <what>" -> reason. */
const KEPT: Record<string, string> = {};

const EXTENSIONS = [
  'x-kubernetes-patch-merge-key', 'x-kubernetes-patch-strategy', 'x-kubernetes-list-type',
  'x-kubernetes-list-map-keys', 'x-kubernetes-map-type',
] as const;

const refName = (r: string) => r.replace('#/definitions/', '').replace('#/components/schemas/', '');

/** A compact description of a property's JSON shape: "ref:X", "array<...>", "map<...>", "integer/int64". */
function shape(s: OpenAPISchema): string {
  if (s.$ref) return `ref:${refName(s.$ref)}`;
  if (s.allOf?.length === 1) return shape(s.allOf[0]);
  if (s.type === 'array' && s.items) return `array<${shape(s.items)}>`;
  if (s.type === 'object' && s.additionalProperties && typeof s.additionalProperties === 'object') {
    return `map<${shape(s.additionalProperties)}>`;
  }
  return `${s.type ?? '?'}${s.format ? `/${s.format}` : ''}`;
}

const pick = (s: OpenAPISchema) => Object.fromEntries(EXTENSIONS.filter((k) => s[k] !== undefined).map((k) => [k, s[k]]));

function coreRefs(s: OpenAPISchema, out: Set<string>): void {
  if (s.$ref) {
    const n = refName(s.$ref);
    if (n.startsWith(`${CORE}.`)) out.add(n);
  }
  for (const a of s.allOf ?? []) coreRefs(a, out);
  if (s.items) coreRefs(s.items, out);
  if (s.additionalProperties && typeof s.additionalProperties === 'object') coreRefs(s.additionalProperties, out);
  for (const p of Object.values(s.properties ?? {})) coreRefs(p, out);
}

/** All differences between our schema and the reference one, as readable lines. */
function compare(name: string, ours: OpenAPISchema, theirs: OpenAPISchema): string[] {
  const short = name.slice(CORE.length + 1);
  const out: string[] = [];
  const op = ours.properties ?? {};
  const tp = theirs.properties ?? {};
  for (const p of Object.keys(tp)) if (!op[p]) out.push(`${short}.${p}: missing`);
  for (const p of Object.keys(op)) if (!tp[p]) out.push(`${short}.${p}: not upstream`);
  for (const p of Object.keys(op)) {
    if (!tp[p]) continue;
    if (shape(op[p]) !== shape(tp[p])) out.push(`${short}.${p}: shape ${shape(op[p])}, upstream ${shape(tp[p])}`);
    const a = JSON.stringify(pick(op[p]));
    const b = JSON.stringify(pick(tp[p]));
    if (JSON.stringify(Object.entries(pick(op[p])).sort()) !== JSON.stringify(Object.entries(pick(tp[p])).sort())) {
      out.push(`${short}.${p}: extensions ${a}, upstream ${b}`);
    }
  }
  const req = (s: OpenAPISchema) => JSON.stringify([...(s.required ?? [])].sort());
  if (req(ours) !== req(theirs)) out.push(`${short}: required ${req(ours)}, upstream ${req(theirs)}`);
  if (ours['x-kubernetes-map-type'] !== theirs['x-kubernetes-map-type']) {
    out.push(`${short}: map-type ${ours['x-kubernetes-map-type']}, upstream ${theirs['x-kubernetes-map-type']}`);
  }
  const gvk = (s: OpenAPISchema) => JSON.stringify((s['x-kubernetes-group-version-kind'] ?? []).map((g) => [g.group, g.version, g.kind]));
  if (gvk(ours) !== gvk(theirs)) out.push(`${short}: gvk ${gvk(ours)}, upstream ${gvk(theirs)}`);
  const unions = (s: OpenAPISchema) => JSON.stringify(s['x-kubernetes-unions'] ?? null);
  if (unions(ours) !== unions(theirs)) out.push(`${short}: unions ${unions(ours)}, upstream ${unions(theirs)}`);
  return out.filter((line) => !KEPT[line]);
}

describe('core/v1 schemas against the Kubernetes 1.34 OpenAPI document', { skip }, () => {
  const reference: Record<string, OpenAPISchema> = present
    ? (JSON.parse(readFileSync(REFERENCE, 'utf8')) as { definitions: Record<string, OpenAPISchema> }).definitions
    : {};
  const roots = [...kindIndex.values()].filter((n) => n.startsWith(`${CORE}.`)).sort();

  // Every core type reachable from our root kinds in the reference document.
  const reachable = new Set<string>();
  const queue = roots.filter((r) => reference[r]);
  while (queue.length) {
    const n = queue.shift()!;
    if (reachable.has(n)) continue;
    reachable.add(n);
    const next = new Set<string>();
    coreRefs(reference[n], next);
    queue.push(...next);
  }

  test('every root kind exists upstream', () => {
    assert.deepEqual(roots.filter((r) => !reference[r]), []);
  });

  test('every core type reachable from the root kinds is defined', () => {
    assert.deepEqual([...reachable].filter((n) => !definitions[n]).sort(), []);
  });

  test('no core type is defined that upstream 1.34 lacks', () => {
    const ours = Object.keys(definitions).filter((n) => n.startsWith(`${CORE}.`));
    assert.deepEqual(ours.filter((n) => !reference[n]).sort(), []);
  });

  test('property names, shapes, patch extensions and required fields match', () => {
    assert.ok(reachable.size > 200, `compared ${reachable.size} types`);
    const diffs: string[] = [];
    for (const n of [...reachable].sort()) if (definitions[n]) diffs.push(...compare(n, definitions[n], reference[n]));
    assert.deepEqual(diffs, []);
  });
});
