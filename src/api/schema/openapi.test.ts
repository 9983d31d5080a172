import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { RESOURCES, groupVersions } from '../resources.js';
import { gvPathOf, openapiDocument, openapiIndex } from './openapi.js';

type Obj = Record<string, unknown>;

interface Doc {
  openapi: string;
  info: Obj;
  paths: Record<string, Record<string, Obj>>;
  components: { schemas: Record<string, Obj> };
}

function load(gvPath: string): Doc {
  const doc = openapiDocument(gvPath);
  assert.ok(doc, `no document for ${gvPath}`);
  return JSON.parse(doc.body.toString('utf8')) as Doc;
}

const GV_PATHS = groupVersions().map(gvPathOf);

function* walk(value: unknown, path = ''): Generator<[string, string, unknown]> {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) yield* walk(value[i], `${path}[${i}]`);
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      yield [path, k, v];
      yield* walk(v, `${path}.${k}`);
    }
  }
}

const OPS = ['get', 'put', 'post', 'delete', 'patch'];

function operations(doc: Doc): [string, string, Obj][] {
  const out: [string, string, Obj][] = [];
  for (const [p, item] of Object.entries(doc.paths)) {
    for (const [m, op] of Object.entries(item)) if (OPS.includes(m)) out.push([p, m, op]);
  }
  return out;
}

describe('openapiIndex', () => {
  test('openapiIndex lists every served group-version with the hash of its document', () => {
    const index = openapiIndex();
    assert.deepEqual(Object.keys(index.paths).sort(), [...GV_PATHS].sort());
    assert.ok(index.paths['api/v1'] && index.paths['apis/apps/v1']);
    for (const [p, { serverRelativeURL }] of Object.entries(index.paths)) {
      const doc = openapiDocument(p);
      assert.ok(doc);
      const hash = createHash('sha512').update(doc.body).digest('hex').toUpperCase();
      assert.equal(doc.hash, hash);
      assert.equal(serverRelativeURL, `/openapi/v3/${p}?hash=${hash}`);
    }
  });
});

describe('openapiDocument', () => {
  test('openapiDocument returns undefined for a group-version that is not served', () => {
    assert.equal(openapiDocument('apis/nope/v1'), undefined);
    assert.equal(openapiDocument('api/v2'), undefined);
  });

  test('openapiDocument computes each document once', () => {
    assert.equal(openapiDocument('apis/apps/v1'), openapiDocument('apis/apps/v1'));
  });

  for (const gvPath of GV_PATHS) {
    test(`openapiDocument ${gvPath} resolves every $ref and serves no x-kite extension`, () => {
      const doc = load(gvPath);
      assert.equal(doc.openapi, '3.0.0');
      const schemas = doc.components.schemas;
      let refs = 0;
      for (const [where, k, v] of walk(doc)) {
        assert.ok(!k.startsWith('x-kite-'), `${where}.${k} leaks a kite extension`);
        if (k !== '$ref') continue;
        refs++;
        assert.equal(typeof v, 'string');
        const m = /^#\/components\/schemas\/(.+)$/.exec(v as string);
        assert.ok(m, `${where}: unexpected $ref ${String(v)}`);
        assert.ok(schemas[m[1]], `${where}: $ref to missing schema ${m[1]}`);
      }
      assert.ok(refs > 0);
    });

    test(`openapiDocument ${gvPath} has fieldValidation and every patch type on each PATCH`, () => {
      const doc = load(gvPath);
      const patches = operations(doc).filter(([, m]) => m === 'patch');
      assert.ok(patches.length > 0);
      for (const [p, , op] of patches) {
        const params = (op.parameters as Obj[]).map((x) => `${String(x.in)}:${String(x.name)}`);
        for (const want of ['query:fieldValidation', 'query:fieldManager', 'query:force', 'query:dryRun']) {
          assert.ok(params.includes(want), `${p} PATCH lacks ${want}`);
        }
        const content = (op.requestBody as { content: Obj }).content;
        assert.deepEqual(Object.keys(content).sort(), [
          'application/apply-patch+yaml', 'application/json-patch+json', 'application/merge-patch+json', 'application/strategic-merge-patch+json',
        ]);
        assert.ok(op['x-kubernetes-group-version-kind'], `${p} PATCH lacks its gvk`);
        assert.equal(op['x-kubernetes-action'], 'patch');
      }
    });

    test(`openapiDocument ${gvPath} carries action and gvk on every operation`, () => {
      for (const [p, m, op] of operations(load(gvPath))) {
        assert.ok(typeof op['x-kubernetes-action'] === 'string', `${m} ${p}`);
        assert.ok(op['x-kubernetes-group-version-kind'], `${m} ${p}`);
        assert.ok(typeof op.operationId === 'string' && typeof op.description === 'string', `${m} ${p}`);
      }
    });
  }

  test('openapiDocument serves, for every patchable resource, a PATCH with its gvk and a schema carrying that gvk', () => {
    for (const r of RESOURCES) {
      if (!r.verbs.includes('patch')) continue;
      const doc = load(gvPathOf(r));
      const gvk = { group: r.group, version: r.version, kind: r.kind };
      const found = operations(doc).some(([, m, op]) => m === 'patch' && JSON.stringify(op['x-kubernetes-group-version-kind']) === JSON.stringify(gvk));
      assert.ok(found, `no PATCH for ${r.kind}`);
      const schema = Object.values(doc.components.schemas).find((s) =>
        (s['x-kubernetes-group-version-kind'] as Obj[] | undefined)?.some((g) => g.group === r.group && g.version === r.version && g.kind === r.kind));
      assert.ok(schema, `no schema with the gvk of ${r.kind}`);
      assert.ok(typeof schema.description === 'string' && schema.properties, `${r.kind} schema lacks description or properties`);
    }
  });

  test('openapiDocument lays out namespaced paths, all-namespaces lists and subresources', () => {
    const doc = load('apis/apps/v1');
    const ops = (p: string): string[] => Object.keys(doc.paths[p] ?? {}).filter((m) => OPS.includes(m)).sort();
    assert.deepEqual(ops('/apis/apps/v1/deployments'), ['get']);
    assert.deepEqual(ops('/apis/apps/v1/namespaces/{namespace}/deployments'), ['delete', 'get', 'post']);
    assert.deepEqual(ops('/apis/apps/v1/namespaces/{namespace}/deployments/{name}'), ['delete', 'get', 'patch', 'put']);
    assert.deepEqual(ops('/apis/apps/v1/namespaces/{namespace}/deployments/{name}/status'), ['get', 'patch', 'put']);
    assert.deepEqual(ops('/apis/apps/v1/namespaces/{namespace}/deployments/{name}/scale'), ['get', 'patch', 'put']);
    const scale = doc.paths['/apis/apps/v1/namespaces/{namespace}/deployments/{name}/scale'].patch;
    assert.deepEqual(scale['x-kubernetes-group-version-kind'], { group: 'autoscaling', version: 'v1', kind: 'Scale' });
    assert.ok(doc.components.schemas['io.k8s.api.autoscaling.v1.Scale']);
    const patch = doc.paths['/apis/apps/v1/namespaces/{namespace}/deployments/{name}'].patch;
    assert.equal(patch.operationId, 'patchAppsV1NamespacedDeployment');

    const core = load('api/v1');
    assert.ok(core.paths['/api/v1/namespaces/{name}'].patch, 'cluster-scoped item path');
    assert.equal(core.paths['/api/v1/namespaces'].delete, undefined, 'namespaces have no deletecollection');
    const eviction = core.paths['/api/v1/namespaces/{namespace}/pods/{name}/eviction'].post;
    assert.deepEqual(eviction['x-kubernetes-group-version-kind'], { group: 'policy', version: 'v1', kind: 'Eviction' });
    assert.ok(core.components.schemas['io.k8s.api.policy.v1.Eviction']);
    assert.ok(core.paths['/api/v1/namespaces/{namespace}/bindings'].post);
  });

  test('openapiDocument keeps patch markers and descriptions for kubectl apply and explain', () => {
    const schemas = load('apis/apps/v1').components.schemas;
    const spec = schemas['io.k8s.api.apps.v1.DeploymentSpec'].properties as Record<string, Obj>;
    assert.equal(spec.strategy['x-kubernetes-patch-strategy'], 'retainKeys');
    assert.deepEqual(spec.template.allOf, [{ $ref: '#/components/schemas/io.k8s.api.core.v1.PodTemplateSpec' }]);
    assert.ok(typeof spec.template.description === 'string');
    const meta = schemas['io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta'].properties as Record<string, Obj>;
    assert.equal(meta.ownerReferences['x-kubernetes-patch-merge-key'], 'uid');
    assert.equal(meta.finalizers['x-kubernetes-patch-strategy'], 'merge');
    const podSpec = schemas['io.k8s.api.core.v1.PodSpec'].properties as Record<string, Obj>;
    assert.equal(podSpec.containers['x-kubernetes-patch-merge-key'], 'name');
    assert.equal(podSpec.containers['x-kubernetes-patch-strategy'], 'merge');
    assert.equal(schemas['io.k8s.apimachinery.pkg.api.resource.Quantity'].type, undefined, 'typeless so explain shows <Quantity>');
    assert.equal(schemas['io.k8s.apimachinery.pkg.util.intstr.IntOrString']['x-kubernetes-int-or-string'], true);
  });
});
