// Integration: bad input. Malformed JSON/YAML/protobuf bodies, wrong kinds, huge bodies, bad paths
// and unknown resources, unsupported methods and media types: a Status error each (never a 500),
// and storage exactly as before.

import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Harness, assertStatus, configMap, deployment } from './testing/harness.js';
import { MAX_BODY_BYTES } from './rest.js';

const CM = '/api/v1/namespaces/default/configmaps';
const DEPLOY = '/apis/apps/v1/namespaces/default/deployments';

interface Case {
  name: string;
  method: string;
  path: string;
  body?: unknown;
  contentType?: string;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  code: number;
  reason: string;
  message?: string | RegExp;
}

const bigData = (bytes: number) => ({ ...configMap('big'), data: { a: 'x'.repeat(bytes) } });

const CASES: Case[] = [
  // Bodies that are not JSON, YAML or protobuf.
  { name: 'truncated JSON', method: 'POST', path: CM, body: '{"apiVersion":"v1","kind":"Conf', code: 400, reason: 'BadRequest', message: /^invalid JSON at line 1, column \d+: / },
  { name: 'a JSON syntax error', method: 'POST', path: CM, body: '{bad', code: 400, reason: 'BadRequest' },
  { name: 'trailing garbage after JSON', method: 'POST', path: CM, body: `${JSON.stringify(configMap('tr'))}garbage`, code: 400, reason: 'BadRequest' },
  { name: 'NaN in JSON', method: 'POST', path: CM, body: '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"n"},"data":{"a":NaN}}', code: 400, reason: 'BadRequest' },
  { name: 'a byte order mark', method: 'POST', path: CM, body: `\ufeff${JSON.stringify(configMap('bom'))}`, code: 400, reason: 'BadRequest' },
  { name: 'an empty body', method: 'POST', path: CM, body: '', code: 400, reason: 'BadRequest', message: 'the request body is empty: expected an object' },
  { name: 'a JSON array', method: 'POST', path: CM, body: [configMap('a')], code: 400, reason: 'BadRequest' },
  { name: 'a JSON string', method: 'POST', path: CM, body: '"configmap"', code: 400, reason: 'BadRequest' },
  { name: 'JSON null', method: 'POST', path: CM, body: 'null', code: 400, reason: 'BadRequest' },
  { name: 'a JSON number', method: 'PUT', path: `${CM}/keep`, body: '42', code: 400, reason: 'BadRequest' },
  { name: 'malformed YAML', method: 'POST', path: CM, body: 'apiVersion: v1\nkind: [', contentType: 'application/yaml', code: 400, reason: 'BadRequest', message: /^error converting YAML to JSON: yaml: / },
  { name: 'two YAML documents', method: 'POST', path: CM, body: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: b}\n', contentType: 'application/yaml', code: 400, reason: 'BadRequest' },
  { name: 'a YAML alias bomb', method: 'POST', path: CM, contentType: 'application/yaml', code: 400, reason: 'BadRequest',
    body: ['a: &a ["x","x","x","x","x","x","x","x","x"]', ...'bcdefg'.split('').map((c, i) => `${c}: &${c} [${Array(9).fill(`*${'abcdefg'[i]}`).join(',')}]`), 'h: [*g,*g,*g,*g,*g,*g,*g,*g,*g]'].join('\n') },
  { name: 'YAML nested 5000 deep', method: 'POST', path: CM, body: `a: ${'['.repeat(5000)}${']'.repeat(5000)}`, contentType: 'application/yaml', code: 400, reason: 'BadRequest' },
  { name: 'a YAML scalar', method: 'POST', path: CM, body: 'just a string', contentType: 'application/yaml', code: 400, reason: 'BadRequest' },
  { name: 'protobuf without the magic prefix', method: 'POST', path: CM, body: Buffer.from([1, 2, 3, 4, 5]), contentType: 'application/vnd.kubernetes.protobuf', code: 400, reason: 'BadRequest' },
  { name: 'truncated protobuf', method: 'POST', path: CM, body: Buffer.from([0x6b, 0x38, 0x73, 0x00, 0x0a, 0xff, 0xff, 0xff]), contentType: 'application/vnd.kubernetes.protobuf', code: 400, reason: 'BadRequest' },
  { name: 'invalid UTF-8', method: 'POST', path: CM, body: Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]), code: 422, reason: 'Invalid' },
  { name: 'JSON nested 10000 deep in data', method: 'POST', path: CM, body: `{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"deep"},"data":${'{"a":'.repeat(10000)}1${'}'.repeat(10000)}}`, code: 400, reason: 'BadRequest', message: 'the request body is nested too deeply: more than 10000 levels' },
  { name: 'JSON nested 9000 deep in data', method: 'POST', path: CM, body: `{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"deep"},"data":${'{"a":'.repeat(9000)}1${'}'.repeat(9000)}}`, code: 400, reason: 'BadRequest', message: 'ConfigMap in version "v1" cannot be handled as a ConfigMap: json: cannot unmarshal object into Go struct field ConfigMap.data.a of type string' },
  { name: 'a merge patch nested 9000 deep', method: 'PATCH', path: `${CM}/keep`, body: `{"data":${'{"a":'.repeat(9000)}1${'}'.repeat(9000)}}`, contentType: 'application/merge-patch+json', code: 400, reason: 'BadRequest' },
  { name: 'a strategic patch nested 9000 deep', method: 'PATCH', path: `${DEPLOY}/web`, body: `{"spec":{"template":${'{"a":'.repeat(9000)}1${'}'.repeat(9000)}}}`, contentType: 'application/strategic-merge-patch+json', code: 400, reason: 'BadRequest' },
  { name: 'JSON nested 10000 deep at the top', method: 'POST', path: CM, body: `${'['.repeat(10000)}${']'.repeat(10000)}`, code: 400, reason: 'BadRequest' },
  // Wrong kinds and versions.
  { name: 'a Deployment posted to configmaps', method: 'POST', path: CM, body: deployment('d'), code: 400, reason: 'BadRequest', message: 'the API version in the data (apps/v1) does not match the expected API version (v1)' },
  { name: 'a Secret posted to configmaps', method: 'POST', path: CM, body: { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' } }, code: 400, reason: 'BadRequest', message: 'the kind in the data (Secret) does not match the expected kind (ConfigMap)' },
  { name: 'a ConfigMap put to a deployment', method: 'PUT', path: `${DEPLOY}/web`, body: configMap('web'), code: 400, reason: 'BadRequest', message: 'the API version in the data (v1) does not match the expected API version (apps/v1)' },
  { name: 'an old apiVersion', method: 'POST', path: DEPLOY, body: { ...deployment('old'), apiVersion: 'extensions/v1beta1' }, code: 400, reason: 'BadRequest', message: 'the API version in the data (extensions/v1beta1) does not match the expected API version (apps/v1)' },
  // Sizes.
  { name: 'a body over 3 MiB', method: 'POST', path: CM, body: bigData(MAX_BODY_BYTES), code: 413, reason: 'RequestEntityTooLarge', message: 'Request entity too large: limit is 3145728' },
  { name: 'a PUT body over 3 MiB', method: 'PUT', path: `${CM}/keep`, body: bigData(MAX_BODY_BYTES), code: 413, reason: 'RequestEntityTooLarge', message: 'Request entity too large: limit is 3145728' },
  { name: 'a patch over 3 MiB', method: 'PATCH', path: `${CM}/keep`, body: { data: { a: 'x'.repeat(MAX_BODY_BYTES) } }, contentType: 'application/merge-patch+json', code: 413, reason: 'RequestEntityTooLarge' },
  { name: 'a ConfigMap over 1 MiB', method: 'POST', path: CM, body: bigData(2 * 1024 * 1024), code: 422, reason: 'Invalid', message: /Too long: must have at most 1048576 bytes/ },
  // Media types.
  { name: 'a text/plain body', method: 'POST', path: CM, body: 'x', contentType: 'text/plain', code: 415, reason: 'UnsupportedMediaType', message: 'the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf' },
  { name: 'a form body', method: 'PUT', path: `${CM}/keep`, body: 'a=b', contentType: 'application/x-www-form-urlencoded', code: 415, reason: 'UnsupportedMediaType' },
  { name: 'an unacceptable Accept', method: 'GET', path: CM, headers: { accept: 'application/xml' }, code: 406, reason: 'NotAcceptable', message: 'only the following media types are accepted: application/json, application/yaml, application/vnd.kubernetes.protobuf' },
  // Paths, resources and methods.
  { name: 'an unknown core resource', method: 'GET', path: '/api/v1/namespaces/default/foos', code: 404, reason: 'NotFound', message: 'the server could not find the requested resource' },
  { name: 'an unknown group', method: 'POST', path: '/apis/example.com/v1/namespaces/default/widgets', body: { kind: 'Widget' }, code: 404, reason: 'NotFound', message: 'the server could not find the requested resource' },
  { name: 'an unknown version', method: 'GET', path: '/apis/apps/v1beta1/namespaces/default/deployments', code: 404, reason: 'NotFound', message: 'the server could not find the requested resource' },
  { name: 'an unknown path', method: 'GET', path: '/nonsense', code: 404, reason: 'NotFound', message: 'the server could not find the requested resource' },
  { name: 'a namespaced resource under a cluster-scoped path', method: 'GET', path: '/api/v1/namespaces/default/nodes', code: 404, reason: 'NotFound' },
  { name: 'a name with an escaped slash', method: 'GET', path: `${CM}/a%2Fb`, code: 404, reason: 'NotFound', message: 'the server could not find the requested resource' },
  { name: 'a namespace with an escaped slash', method: 'POST', path: '/api/v1/namespaces/a%2Fb/configmaps', body: configMap('x'), code: 404, reason: 'NotFound' },
  { name: 'a malformed escape', method: 'GET', path: `${CM}/%E0%A4%A`, code: 400, reason: 'BadRequest', message: 'invalid URL escape "%A"' },
  { name: 'too many path segments', method: 'GET', path: `${CM}/keep/x/y/z`, code: 404, reason: 'NotFound' },
  { name: 'POST to a named object', method: 'POST', path: `${CM}/keep`, body: configMap('keep'), code: 405, reason: 'MethodNotAllowed', message: 'the server does not allow this method on the requested resource' },
  { name: 'PUT to a collection', method: 'PUT', path: CM, body: configMap('keep'), code: 405, reason: 'MethodNotAllowed' },
  { name: 'PATCH to a collection', method: 'PATCH', path: CM, body: {}, contentType: 'application/merge-patch+json', code: 405, reason: 'MethodNotAllowed' },
  { name: 'DELETE of the namespace collection', method: 'DELETE', path: '/api/v1/namespaces', code: 405, reason: 'MethodNotAllowed' },
  { name: 'an OPTIONS request', method: 'OPTIONS', path: CM, code: 405, reason: 'MethodNotAllowed' },
  { name: 'a name that is too long', method: 'POST', path: CM, body: configMap('a'.repeat(300)), code: 422, reason: 'Invalid' },
  // Query parameters.
  { name: 'an invalid label selector', method: 'GET', path: CM, query: { labelSelector: 'a in (' }, code: 400, reason: 'BadRequest' },
  { name: 'an invalid field selector', method: 'DELETE', path: CM, query: { fieldSelector: 'x' }, code: 400, reason: 'BadRequest' },
  { name: 'an invalid resourceVersion on get', method: 'GET', path: `${CM}/keep`, query: { resourceVersion: 'latest' }, code: 400, reason: 'BadRequest', message: 'invalid resource version: "latest"' },
  { name: 'an invalid resourceVersion in a PUT body', method: 'PUT', path: `${CM}/keep`, body: { ...configMap('keep'), metadata: { name: 'keep', resourceVersion: 'abc' } }, code: 400, reason: 'BadRequest', message: 'invalid resource version: "abc"' },
  { name: 'a stale resourceVersion in a PUT body', method: 'PUT', path: `${CM}/keep`, body: { ...configMap('keep'), metadata: { name: 'keep', resourceVersion: '1' } }, code: 409, reason: 'Conflict' },
  { name: 'an invalid limit', method: 'GET', path: CM, query: { limit: 'ten' }, code: 400, reason: 'BadRequest' },
  { name: 'an invalid continue token', method: 'GET', path: CM, query: { limit: '1', continue: '!!!' }, code: 400, reason: 'BadRequest' },
  { name: 'an unsupported includeObject', method: 'GET', path: CM, query: { includeObject: 'All' }, headers: { accept: 'application/json;as=Table;v=v1;g=meta.k8s.io' }, code: 400, reason: 'BadRequest' },
  { name: 'a fieldManager over 128 bytes', method: 'POST', path: CM, body: configMap('fm'), query: { fieldManager: 'm'.repeat(129) }, code: 400, reason: 'BadRequest' },
  // DeleteOptions and subresource bodies.
  { name: 'a malformed DeleteOptions body', method: 'DELETE', path: `${CM}/keep`, body: '{', code: 400, reason: 'BadRequest' },
  { name: 'a DeleteOptions array', method: 'DELETE', path: `${CM}/keep`, body: '[]', code: 400, reason: 'BadRequest' },
  { name: 'a DeleteOptions of another kind', method: 'DELETE', path: `${CM}/keep`, body: { kind: 'Pod' }, code: 400, reason: 'BadRequest' },
  { name: 'a malformed deletecollection body', method: 'DELETE', path: CM, body: '{', code: 400, reason: 'BadRequest' },
  { name: 'a malformed binding', method: 'POST', path: '/api/v1/namespaces/default/pods/p/binding', body: '{', code: 400, reason: 'BadRequest' },
  { name: 'a binding without a target', method: 'POST', path: '/api/v1/namespaces/default/pods/p/binding', body: { apiVersion: 'v1', kind: 'Binding', metadata: { name: 'p' } }, code: 422, reason: 'Invalid' },
  { name: 'a malformed namespace finalize', method: 'PUT', path: '/api/v1/namespaces/default/finalize', body: '[1]', code: 400, reason: 'BadRequest' },
  { name: 'a malformed status update', method: 'PUT', path: `${DEPLOY}/web/status`, body: '"x"', code: 400, reason: 'BadRequest' },
  { name: 'a mistyped status update', method: 'PUT', path: `${DEPLOY}/web/status`, body: { ...deployment('web'), status: { replicas: 'two' } }, code: 400, reason: 'BadRequest', message: 'Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal string into Go struct field DeploymentStatus.status.replicas of type int32' },
];

describe('apiserver bad input', () => {
  let h: Harness;
  before(async () => {
    h = await Harness.start();
    await h.create(CM, configMap('keep'));
    await h.create(DEPLOY, deployment('web'));
    await h.create('/api/v1/namespaces/default/pods', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image: 'x' }] } });
  });
  after(async () => {
    assert.deepEqual(h.log.filter((l) => l.startsWith('internal error')), [], 'no internal errors were logged');
    await h.stop();
  });

  for (const c of CASES) {
    test(`${c.method} with ${c.name} is ${c.code} ${c.reason} and changes nothing`, async () => {
      const r = await h.assertUnchanged(() => h.request(c.method, c.path, { body: c.body, contentType: c.contentType, query: c.query, headers: c.headers }), c.name);
      assertStatus(r, c.code, c.reason, c.message);
      assert.equal(r.headers['content-type'], 'application/json');
    });
  }

  test('a body of exactly 3 MiB is not too large', async () => {
    const base = JSON.stringify(configMap('exact', { a: '' }));
    const body = base.replace('"a":""', `"a":"${'x'.repeat(MAX_BODY_BYTES - base.length)}"`);
    assert.equal(Buffer.byteLength(body), MAX_BODY_BYTES);
    const r = await h.assertUnchanged(() => h.post(CM, body));
    assertStatus(r, 422, 'Invalid'); // over the 1 MiB ConfigMap limit, but decoded
  });

  test('a huge watch with a bad selector fails before streaming', async () => {
    const r = await h.get(CM, { query: { watch: 'true', labelSelector: '=' } });
    assertStatus(r, 400, 'BadRequest');
  });

  test('a watch with a negative timeoutSeconds ends at once', async () => {
    const w = await h.watch(CM, { query: { timeoutSeconds: '-1' } });
    assert.equal(w.status, 200);
    await new Promise((r) => setTimeout(r, 20));
    assert.equal(w.ended, true);
  });
});
