// TEST-ONLY oracle: compares kite's schemas with the official Kubernetes 1.34 OpenAPI v2 definitions
// (field names, types and patch/list markers). The reference file is never imported by product code.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { schemaRegistry } from './registry.js';
import type { OpenAPISchema } from './types.js';

const REFERENCE = '/work/shared/reference/kubernetes-1.34-openapi-v2.json';
const SKIP = existsSync(REFERENCE) ? false : `reference spec absent at ${REFERENCE}`;

/** Schemas whose definitions we write in full: every reference definition under these must exist here. */
const OWNED_GROUPS = ['io.k8s.api.apps.v1.', 'io.k8s.api.batch.v1.', 'io.k8s.api.coordination.v1.', 'io.k8s.api.events.v1.'];
const OWNED_EXTRA = [
  'io.k8s.api.autoscaling.v1.Scale', 'io.k8s.api.autoscaling.v1.ScaleSpec', 'io.k8s.api.autoscaling.v1.ScaleStatus',
  'io.k8s.api.policy.v1.Eviction',
];
const COMPARED_PREFIXES = [...OWNED_GROUPS, 'io.k8s.apimachinery.', 'io.k8s.api.autoscaling.v1.', 'io.k8s.api.policy.v1.'];
const MARKERS = ['x-kubernetes-patch-merge-key', 'x-kubernetes-patch-strategy', 'x-kubernetes-list-type', 'x-kubernetes-list-map-keys', 'x-kubernetes-map-type'] as const;

type RefSchema = Record<string, unknown>;

/** A compact type signature: "ref:<name>", "string/date-time", "[]...", "map[...]". */
function signature(s: RefSchema | undefined, resolveOurs: boolean): string {
  if (!s) return '?';
  let x = s;
  if (resolveOurs && Array.isArray(x.allOf) && x.allOf.length === 1) x = x.allOf[0] as RefSchema;
  if (typeof x.$ref === 'string') return `ref:${x.$ref.split('/').pop()}`;
  if (x.type === 'array') return `[]${signature(x.items as RefSchema, resolveOurs)}`;
  if (x.type === 'object' && x.additionalProperties && typeof x.additionalProperties === 'object') {
    return `map[${signature(x.additionalProperties as RefSchema, resolveOurs)}]`;
  }
  return `${String(x.type)}${x.format ? `/${String(x.format)}` : ''}`;
}

function markers(s: RefSchema): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const m of MARKERS) if (s[m] !== undefined) out[m] = s[m];
  return out;
}

describe('reference oracle', { skip: SKIP }, () => {
  const reference = SKIP ? {} : (JSON.parse(readFileSync(REFERENCE, 'utf8')) as { definitions: Record<string, RefSchema> }).definitions;
  const ours = schemaRegistry.schemas;

  test('reference oracle finds every upstream definition of the owned groups', () => {
    const missing = Object.keys(reference)
      .filter((n) => OWNED_GROUPS.some((p) => n.startsWith(p)) || OWNED_EXTRA.includes(n))
      .filter((n) => !ours[n]);
    assert.deepEqual(missing, []);
  });

  const compared = Object.keys(ours).filter((n) => COMPARED_PREFIXES.some((p) => n.startsWith(p)) && reference[n]);

  test('reference oracle has property names, required fields and struct markers as upstream', () => {
    assert.ok(compared.length > 60);
    for (const name of compared) {
      const mine = ours[name];
      const theirs = reference[name];
      const theirProps = (theirs.properties ?? {}) as Record<string, RefSchema>;
      assert.deepEqual(Object.keys(mine.properties ?? {}).sort(), Object.keys(theirProps).sort(), `${name} properties`);
      assert.deepEqual([...(mine.required ?? [])].sort(), [...((theirs.required as string[] | undefined) ?? [])].sort(), `${name} required`);
      assert.deepEqual(markers(mine as RefSchema), markers(theirs), `${name} markers`);
    }
  });

  test('reference oracle has property types and patch/list markers as upstream', () => {
    for (const name of compared) {
      const theirProps = (reference[name].properties ?? {}) as Record<string, RefSchema>;
      for (const [prop, mine] of Object.entries(ours[name].properties ?? {})) {
        const theirs = theirProps[prop];
        if (!theirs) continue;
        const where = `${name}.${prop}`;
        assert.equal(signature(mine as RefSchema, true), signature(theirs, false), `${where} type`);
        assert.deepEqual(markers(mine as RefSchema), markers(theirs), `${where} markers`);
      }
    }
  });

  test('reference oracle has the group-version-kinds of upstream root kinds', () => {
    for (const name of compared) {
      const theirs = reference[name]['x-kubernetes-group-version-kind'] as { group: string; version: string; kind: string }[] | undefined;
      const mine = (ours[name] as OpenAPISchema)['x-kubernetes-group-version-kind'];
      if (!theirs) {
        assert.equal(mine, undefined, `${name} should not be a root kind`);
        continue;
      }
      assert.ok(mine?.length, `${name} lacks its gvk`);
      const key = (g: { group: string; version: string; kind: string }): string => `${g.group}/${g.version}/${g.kind}`;
      const theirKeys = new Set(theirs.map(key));
      for (const g of mine) assert.ok(theirKeys.has(key(g)), `${name}: ${key(g)} is not upstream`);
      assert.equal(key(mine[0]), key(theirs[0]), `${name} primary gvk`);
    }
  });

  test('reference oracle keeps the scalar formats of Time, MicroTime and IntOrString', () => {
    for (const n of ['io.k8s.apimachinery.pkg.apis.meta.v1.Time', 'io.k8s.apimachinery.pkg.apis.meta.v1.MicroTime']) {
      assert.equal(signature(ours[n] as RefSchema, false), signature(reference[n], false), n);
    }
    assert.equal(ours['io.k8s.apimachinery.pkg.util.intstr.IntOrString'].format, reference['io.k8s.apimachinery.pkg.util.intstr.IntOrString'].format);
  });
});
