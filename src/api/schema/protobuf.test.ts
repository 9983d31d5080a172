import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { isStatusError } from '../../machinery/errors.js';
import { decodeProtobufObject } from './protobuf.js';

// ---- a tiny protobuf encoder, enough to hand-build request bodies ----------------------------------

type Bytes = number[];

function varint(value: number | bigint): Bytes {
  let v = BigInt.asUintN(64, BigInt(value));
  const out: Bytes = [];
  do {
    let b = Number(v & 0x7fn);
    v >>= 7n;
    if (v) b |= 0x80;
    out.push(b);
  } while (v);
  return out;
}
const key = (field: number, wt: number): Bytes => varint(field * 8 + wt);
const enc = new TextEncoder();
/** Length-delimited field holding raw bytes. */
const ld = (field: number, payload: Bytes | Uint8Array): Bytes => [...key(field, 2), ...varint(payload.length), ...payload];
const s = (field: number, text: string): Bytes => ld(field, enc.encode(text));
const msg = (field: number, ...parts: Bytes[]): Bytes => ld(field, parts.flat());
const v = (field: number, n: number | bigint): Bytes => [...key(field, 0), ...varint(n)];
const b = (field: number, on: boolean): Bytes => v(field, on ? 1 : 0);
const entry = (field: number, k: string, value: Bytes): Bytes => msg(field, s(1, k), value);

function envelope(apiVersion: string, kind: string, raw: Bytes, extra: Bytes = []): Uint8Array {
  return Uint8Array.from([0x6b, 0x38, 0x73, 0x00, ...msg(1, s(1, apiVersion), s(2, kind)), ...ld(2, raw), ...s(3, ''), ...s(4, ''), ...extra]);
}

/** ObjectMeta as gogo writes it: every non-pointer field, zero creationTimestamp included. */
const objectMeta = (field: number, name: string, namespace: string, ...more: Bytes[]): Bytes =>
  msg(field, s(1, name), s(2, ''), s(3, namespace), s(4, ''), s(5, ''), s(6, ''), v(7, 0), msg(8), ...more);

function expectBadRequest(body: Uint8Array, pattern?: RegExp): void {
  assert.throws(() => decodeProtobufObject(body), (e: unknown) => {
    assert.ok(isStatusError(e), `expected StatusError, got ${String(e)}`);
    assert.equal(e.code, 400);
    assert.equal(e.reason, 'BadRequest');
    if (pattern) assert.match(e.message, pattern);
    return true;
  });
}

describe('decodeProtobufObject', () => {
  test('decodeProtobufObject decodes a Secret with a bytes map, dropping empty strings and zero times', () => {
    const raw = [
      ...objectMeta(1, 'creds', 'default', entry(11, 'app', s(2, 'web'))),
      ...entry(2, 'password', ld(2, enc.encode('hunter2'))),
      ...entry(2, 'empty', ld(2, [])),
      ...s(3, 'Opaque'),
    ];
    assert.deepEqual(decodeProtobufObject(envelope('v1', 'Secret', raw)), {
      apiVersion: 'v1', kind: 'Secret',
      metadata: { name: 'creds', namespace: 'default', generation: 0, labels: { app: 'web' } },
      data: { password: Buffer.from('hunter2').toString('base64'), empty: '' },
      type: 'Opaque',
    });
  });

  test('decodeProtobufObject decodes a ConfigMap keeping empty map values', () => {
    const raw = [
      ...objectMeta(1, 'cfg', 'ns1'),
      ...entry(2, 'a.conf', s(2, 'x=1\n')),
      ...entry(2, 'blank', s(2, '')),
      ...entry(3, 'bin', ld(2, [0, 1, 255])),
      ...b(4, true),
    ];
    assert.deepEqual(decodeProtobufObject(envelope('v1', 'ConfigMap', raw)), {
      apiVersion: 'v1', kind: 'ConfigMap',
      metadata: { name: 'cfg', namespace: 'ns1', generation: 0 },
      data: { 'a.conf': 'x=1\n', blank: '' },
      binaryData: { bin: 'AAH/' },
      immutable: true,
    });
  });

  test('decodeProtobufObject decodes a Namespace with timestamps and finalizers', () => {
    const raw = [
      ...msg(1, s(1, 'team-a'), msg(8, v(1, 1700000000)), msg(9), entry(12, 'note', s(2, 'hi'))),
      ...msg(2, s(1, 'kubernetes')),
      ...msg(3, s(1, 'Active')),
    ];
    assert.deepEqual(decodeProtobufObject(envelope('v1', 'Namespace', raw)), {
      apiVersion: 'v1', kind: 'Namespace',
      metadata: { name: 'team-a', creationTimestamp: '2023-11-14T22:13:20Z', annotations: { note: 'hi' } },
      spec: { finalizers: ['kubernetes'] },
      status: { phase: 'Active' },
    });
  });

  test('decodeProtobufObject decodes a Deployment with a container, IntOrString, Quantity and unknown fields', () => {
    const container = [
      ...s(1, 'web'), ...s(2, 'nginx:1.27'),
      ...msg(6, s(1, ''), v(2, 0), v(3, 80), s(4, 'TCP'), s(5, '')),
      ...msg(8, entry(1, 'cpu', msg(2, s(1, '500m'))), entry(2, 'memory', msg(2, s(1, '64Mi')))),
      ...s(13, '/dev/termination-log'), ...s(14, 'IfNotPresent'),
      ...b(16, false),
    ];
    const podSpec = [...msg(2, container), ...s(3, 'Always'), ...v(4, 30), ...b(11, false), ...s(999, 'ignored')];
    const raw = [
      ...objectMeta(1, 'web', 'default'),
      ...msg(2,
        v(1, 3),
        msg(2, entry(1, 'app', s(2, 'web'))),
        msg(3, msg(1, s(1, ''), msg(8), entry(11, 'app', s(2, 'web'))), msg(2, podSpec)),
        msg(4, s(1, 'RollingUpdate'), msg(2, msg(1, v(1, 0), v(2, 0), s(3, '')), msg(2, v(1, 1), v(2, 0), s(3, '25%')))),
        v(5, -1),
        v(77, 12345),
      ),
      ...msg(3, v(1, 0), v(2, 0)),
    ];
    assert.deepEqual(decodeProtobufObject(envelope('apps/v1', 'Deployment', raw)), {
      apiVersion: 'apps/v1', kind: 'Deployment',
      metadata: { name: 'web', namespace: 'default', generation: 0 },
      spec: {
        replicas: 3,
        selector: { matchLabels: { app: 'web' } },
        template: {
          metadata: { labels: { app: 'web' } },
          spec: {
            containers: [{
              name: 'web', image: 'nginx:1.27',
              ports: [{ hostPort: 0, containerPort: 80, protocol: 'TCP' }],
              resources: { limits: { cpu: '500m' }, requests: { memory: '64Mi' } },
              terminationMessagePath: '/dev/termination-log', imagePullPolicy: 'IfNotPresent',
              stdin: false,
            }],
            restartPolicy: 'Always', terminationGracePeriodSeconds: 30, hostNetwork: false,
          },
        },
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: '25%' } },
        minReadySeconds: -1,
      },
      status: { observedGeneration: 0, replicas: 0 },
    });
  });

  test('decodeProtobufObject decodes fields of structs embedded inline (x-kite-proto-inline)', () => {
    // Volume{name=1, volumeSource=2{emptyDir=2{medium=1, sizeLimit=2}}}; Probe{handler=1{httpGet=2}, initialDelaySeconds=2}.
    const volume = msg(1, s(1, 'scratch'), msg(2, msg(2, s(1, ''), msg(2, s(1, '1Gi')))));
    const probe = msg(10, msg(1, msg(2, s(1, '/healthz'), msg(2, v(1, 0), v(2, 8080), s(3, '')), s(3, ''), s(4, 'HTTP'))), v(2, 5));
    const raw = [...objectMeta(1, 'p', 'default'), ...msg(2, volume, msg(2, s(1, 'app'), s(2, 'busybox'), probe))];
    const pod = decodeProtobufObject(envelope('v1', 'Pod', raw));
    assert.deepEqual(pod.spec, {
      volumes: [{ name: 'scratch', emptyDir: { sizeLimit: '1Gi' } }],
      containers: [{ name: 'app', image: 'busybox', livenessProbe: { httpGet: { path: '/healthz', port: 8080, scheme: 'HTTP' }, initialDelaySeconds: 5 } }],
    });
  });

  test('decodeProtobufObject decodes DeleteOptions sent as v1 DeleteOptions', () => {
    const raw = [...v(1, 0), ...msg(2, s(1, 'uid-1'), s(2, '')), ...s(4, 'Background'), ...s(5, 'All')];
    assert.deepEqual(decodeProtobufObject(envelope('v1', 'DeleteOptions', raw)), {
      apiVersion: 'v1', kind: 'DeleteOptions',
      gracePeriodSeconds: 0, preconditions: { uid: 'uid-1' }, propagationPolicy: 'Background', dryRun: ['All'],
    });
  });

  test('decodeProtobufObject decodes a policy/v1 Eviction with nested DeleteOptions', () => {
    const raw = [...objectMeta(1, 'pod-1', 'default'), ...msg(2, v(1, 30))];
    assert.deepEqual(decodeProtobufObject(envelope('policy/v1', 'Eviction', raw)), {
      apiVersion: 'policy/v1', kind: 'Eviction',
      metadata: { name: 'pod-1', namespace: 'default', generation: 0 },
      deleteOptions: { gracePeriodSeconds: 30 },
    });
  });

  test('decodeProtobufObject decodes MicroTime, RawExtension, FieldsV1 and packed or unpacked repeated ints', () => {
    const lease = [...objectMeta(1, 'l', 'kube-system'), ...msg(2, s(1, 'node-1'), v(2, 40), msg(3, v(1, 1700000000), v(2, 123456789)), msg(4), v(5, 2))];
    assert.deepEqual(decodeProtobufObject(envelope('coordination.k8s.io/v1', 'Lease', lease)).spec, {
      holderIdentity: 'node-1', leaseDurationSeconds: 40, acquireTime: '2023-11-14T22:13:20.123456Z', leaseTransitions: 2,
    });

    const fields = enc.encode(JSON.stringify({ 'f:data': {} }));
    const revision = [
      ...msg(1, s(1, 'rev'), msg(17, s(1, 'kubectl'), s(2, 'Update'), s(6, 'FieldsV1'), msg(7, ld(1, fields)))),
      ...msg(2, ld(1, enc.encode('{"spec":{"x":[1,2]}}'))),
      ...v(3, 7),
    ];
    assert.deepEqual(decodeProtobufObject(envelope('apps/v1', 'ControllerRevision', revision)), {
      apiVersion: 'apps/v1', kind: 'ControllerRevision',
      metadata: { name: 'rev', managedFields: [{ manager: 'kubectl', operation: 'Update', fieldsType: 'FieldsV1', fieldsV1: { 'f:data': {} } }] },
      data: { spec: { x: [1, 2] } },
      revision: 7,
    });

    // PodFailurePolicyOnExitCodesRequirement.values: repeated int32, packed or not.
    const job = (values: Bytes) => [...msg(2, msg(11, msg(1, s(1, 'FailJob'), msg(2, s(2, 'In'), values))))];
    const packed = ld(3, [...varint(1), ...varint(42)]);
    const unpacked = [...v(3, 1), ...v(3, 42)];
    for (const values of [packed, unpacked]) {
      const out = decodeProtobufObject(envelope('batch/v1', 'Job', job(values)));
      assert.deepEqual(out.spec, { podFailurePolicy: { rules: [{ action: 'FailJob', onExitCodes: { operator: 'In', values: [1, 42] } }] } });
    }
  });

  test('decodeProtobufObject rejects malformed bodies with 400 BadRequest', () => {
    const good = envelope('v1', 'DeleteOptions', [...s(4, 'Orphan')]);
    const cases: [string, Uint8Array, RegExp?][] = [
      ['no magic', Uint8Array.from([1, 2, 3, 4, 5]), /expected prefix/],
      ['empty', new Uint8Array(0), /expected prefix/],
      ['magic only', Uint8Array.from([0x6b, 0x38, 0x73, 0x00]), /Kind/],
      ['unknown kind', envelope('v1', 'Nope', []), /no kind "Nope"/],
      ['length overrun', Uint8Array.from([0x6b, 0x38, 0x73, 0x00, ...key(2, 2), ...varint(50), 1, 2]), /length/],
      ['endless varint', Uint8Array.from([0x6b, 0x38, 0x73, 0x00, ...key(9, 0), ...Array(11).fill(0xff)]), /varint/],
      ['group wire type', envelope('v1', 'DeleteOptions', [...key(7, 3)]), /wire type/],
      ['wrong wire type', envelope('v1', 'DeleteOptions', [...v(4, 1)]), /wire type/],
      ['field number zero', envelope('v1', 'DeleteOptions', [0]), /field number 0/],
      ['bad utf-8', envelope('v1', 'DeleteOptions', [...ld(4, [0xc3, 0x28])]), /UTF-8/],
      ['raw extension not json', envelope('apps/v1', 'ControllerRevision', [...msg(2, ld(1, enc.encode('{nope')))]), /JSON/],
      ['content encoding', envelope('v1', 'DeleteOptions', [], s(3, 'gzip')), /encoding/],
    ];
    for (const [name, body, pattern] of cases) {
      try {
        expectBadRequest(body, pattern);
      } catch (e) {
        assert.fail(`${name}: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
    assert.equal(decodeProtobufObject(good).propagationPolicy, 'Orphan');
  });

  test('decodeProtobufObject never throws anything but a 400 StatusError on truncated bodies', () => {
    const raw = [...objectMeta(1, 'web', 'default'), ...msg(2, v(1, 3), msg(4, s(1, 'Recreate')))];
    const body = envelope('apps/v1', 'Deployment', raw);
    for (let n = 0; n < body.length; n++) {
      try {
        decodeProtobufObject(body.subarray(0, n));
      } catch (e) {
        assert.ok(isStatusError(e) && e.code === 400, `prefix ${n}: ${String(e)}`);
      }
    }
  });
});
