import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { strictDecodingMessage, unknownFields } from './strict.js';

const DEPLOYMENT = 'io.k8s.api.apps.v1.Deployment';

function deployment(extra: { spec?: Record<string, unknown>; container?: Record<string, unknown>; metadata?: Record<string, unknown>; root?: Record<string, unknown> } = {}): unknown {
  return {
    apiVersion: 'apps/v1', kind: 'Deployment',
    metadata: { name: 'web', labels: { 'any-key': 'x', 'app.kubernetes.io/name': 'web' }, annotations: { a: 'b' }, ...extra.metadata },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: 'web' } },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: 0 } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: {
          containers: [
            { name: 'a', image: 'nginx', resources: { limits: { cpu: '1', 'example.com/gpu': 2 } } },
            { name: 'b', image: 'busybox', ...extra.container },
          ],
        },
      },
      ...extra.spec,
    },
    ...extra.root,
  };
}

describe('unknownFields', () => {
  const cases: [string, unknown, string, string[]][] = [
    ['accepts a valid Deployment', deployment(), DEPLOYMENT, []],
    ['reports a misspelt spec field', deployment({ spec: { replicass: 3 } }), DEPLOYMENT, ['spec.replicass']],
    ['indexes list elements', deployment({ container: { imagee: 'x' } }), DEPLOYMENT, ['spec.template.spec.containers[1].imagee']],
    ['checks metadata', deployment({ metadata: { labelz: {} } }), DEPLOYMENT, ['metadata.labelz']],
    ['reports unknown root fields but not apiVersion/kind', deployment({ root: { extra: 1 } }), DEPLOYMENT, ['extra']],
    ['reports in document order', deployment({ spec: { zz: 1, aa: 2 }, root: { top: true } }), DEPLOYMENT, ['spec.zz', 'spec.aa', 'top']],
    ['descends into additionalProperties maps',
      { apiVersion: 'v1', kind: 'Pod', metadata: {}, spec: { containers: [{ name: 'c', resources: { limits: { cpu: '1' } } }], nodeSelector: { any: 'x' } } },
      'io.k8s.api.core.v1.Pod', []],
    ['leaves RawExtension contents alone',
      { apiVersion: 'apps/v1', kind: 'ControllerRevision', metadata: { name: 'r' }, revision: 1, data: { anything: { goes: [1] } } },
      'io.k8s.api.apps.v1.ControllerRevision', []],
    ['leaves FieldsV1 contents alone',
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { managedFields: [{ manager: 'm', fieldsType: 'FieldsV1', fieldsV1: { 'f:data': { 'f:x': {} } } }] } },
      'io.k8s.api.core.v1.ConfigMap', []],
    ['checks inside managedFields entries',
      { metadata: { managedFields: [{ manager: 'm', bogus: 1 }] } },
      'io.k8s.api.core.v1.ConfigMap', ['metadata.managedFields[0].bogus']],
    ['checks nested structs of batch kinds',
      { apiVersion: 'batch/v1', kind: 'CronJob', spec: { schedule: '* * * * *', jobTemplate: { spec: { template: { spec: { containers: [] } }, backofLimit: 1 } } } },
      'io.k8s.api.batch.v1.CronJob', ['spec.jobTemplate.spec.backofLimit']],
    ['checks DeleteOptions', { kind: 'DeleteOptions', apiVersion: 'v1', propagationPolicy: 'Foreground', grace: 1 }, 'io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions', ['grace']],
    ['ignores values whose type does not match', deployment({ spec: { template: 'oops', selector: [1, 2] } }), DEPLOYMENT, []],
    ['returns nothing for an unknown schema', { a: 1 }, 'io.example.Nope', []],
    ['returns nothing for a non-object', 'text', DEPLOYMENT, []],
  ];
  for (const [name, obj, schema, want] of cases) {
    test(`unknownFields ${name}`, () => {
      assert.deepEqual(unknownFields(obj, schema), want);
    });
  }
});

describe('strictDecodingMessage', () => {
  test('strictDecodingMessage formats paths as upstream', () => {
    assert.equal(strictDecodingMessage(['spec.replicass', 'spec.template.spec.containers[0].imagee']),
      'strict decoding error: unknown field "spec.replicass", unknown field "spec.template.spec.containers[0].imagee"');
  });
});
