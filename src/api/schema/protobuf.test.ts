import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { isStatusError } from '../../machinery/errors.js';
import type { KubeObject } from '../types.js';
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
  test('decodeProtobufObject decodes a Secret with a bytes map, dropping zero scalars and zero times', () => {
    const raw = [
      ...objectMeta(1, 'creds', 'default', entry(11, 'app', s(2, 'web'))),
      ...entry(2, 'password', ld(2, enc.encode('hunter2'))),
      ...entry(2, 'empty', ld(2, [])),
      ...s(3, 'Opaque'),
    ];
    assert.deepEqual(decodeProtobufObject(envelope('v1', 'Secret', raw)), {
      apiVersion: 'v1', kind: 'Secret',
      metadata: { name: 'creds', namespace: 'default', labels: { app: 'web' } },
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
      metadata: { name: 'cfg', namespace: 'ns1' },
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
      metadata: { name: 'web', namespace: 'default' },
      spec: {
        replicas: 3,
        selector: { matchLabels: { app: 'web' } },
        template: {
          metadata: { labels: { app: 'web' } },
          spec: {
            containers: [{
              name: 'web', image: 'nginx:1.27',
              ports: [{ containerPort: 80, protocol: 'TCP' }],
              resources: { limits: { cpu: '500m' }, requests: { memory: '64Mi' } },
              terminationMessagePath: '/dev/termination-log', imagePullPolicy: 'IfNotPresent',
            }],
            restartPolicy: 'Always', terminationGracePeriodSeconds: 30,
          },
        },
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: '25%' } },
        minReadySeconds: -1,
      },
      status: {},
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

  test('decodeProtobufObject decodes DeleteOptions sent as v1 DeleteOptions, keeping set pointer zeros', () => {
    const raw = [...v(1, 0), ...msg(2, s(1, 'uid-1'), s(2, '')), ...s(4, 'Background'), ...s(5, 'All')];
    assert.deepEqual(decodeProtobufObject(envelope('v1', 'DeleteOptions', raw)), {
      apiVersion: 'v1', kind: 'DeleteOptions',
      gracePeriodSeconds: 0, preconditions: { uid: 'uid-1', resourceVersion: '' }, propagationPolicy: 'Background', dryRun: ['All'],
    });
  });

  test('decodeProtobufObject decodes a policy/v1 Eviction with nested DeleteOptions', () => {
    const raw = [...objectMeta(1, 'pod-1', 'default'), ...msg(2, v(1, 30))];
    assert.deepEqual(decodeProtobufObject(envelope('policy/v1', 'Eviction', raw)), {
      apiVersion: 'policy/v1', kind: 'Eviction',
      metadata: { name: 'pod-1', namespace: 'default' },
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

// ---- a tiny gogo-protobuf look-alike ---------------------------------------------------------------
// Go's generated marshallers write every non-pointer field, zero or not, and pointer fields only
// when set; repeated and map fields write one record per element (maps sorted by key). The tables
// below are an independent transcription of the upstream Go structs (k8s.io/api, apimachinery),
// with "*" marking pointers, "[]" repeated fields, "map<T>" maps and "..." structs embedded inline
// (their fields come from the same JSON object).

type GoField = { n: number; json: string; type: string; ptr: boolean; rep: boolean; map: boolean; inline: boolean };

function goStruct(...specs: string[]): GoField[] {
  return specs.map((spec) => {
    const [n, json, rawType] = spec.split(' ');
    const inline = json.startsWith('...');
    const raw = inline ? json.slice(3) : rawType;
    const ptr = raw.startsWith('*');
    const rep = raw.startsWith('[]');
    const map = raw.startsWith('map<');
    const type = ptr ? raw.slice(1) : rep ? raw.slice(2) : map ? raw.slice(4, -1) : raw;
    return { n: Number(n), json: inline ? '' : json, type, ptr, rep, map, inline };
  });
}

const META_FIELDS = ['1 metadata ObjectMeta'];
const GO: Record<string, GoField[]> = {
  ObjectMeta: goStruct('1 name string', '2 generateName string', '3 namespace string', '4 selfLink string', '5 uid string',
    '6 resourceVersion string', '7 generation int64', '8 creationTimestamp Time', '9 deletionTimestamp *Time',
    '10 deletionGracePeriodSeconds *int64', '11 labels map<string>', '12 annotations map<string>',
    '13 ownerReferences []OwnerReference', '14 finalizers []string', '17 managedFields []ManagedFieldsEntry'),
  OwnerReference: goStruct('1 kind string', '3 name string', '4 uid string', '5 apiVersion string', '6 controller *bool', '7 blockOwnerDeletion *bool'),
  LabelSelector: goStruct('1 matchLabels map<string>', '2 matchExpressions []LabelSelectorRequirement'),
  LabelSelectorRequirement: goStruct('1 key string', '2 operator string', '3 values []string'),
  PodTemplateSpec: goStruct(...META_FIELDS, '2 spec PodSpec'),
  PodSpec: goStruct('1 volumes []Volume', '2 containers []Container', '3 restartPolicy string', '4 terminationGracePeriodSeconds *int64',
    '5 activeDeadlineSeconds *int64', '6 dnsPolicy string', '7 nodeSelector map<string>', '8 serviceAccountName string',
    '9 serviceAccount string', '10 nodeName string', '11 hostNetwork bool', '12 hostPID bool', '13 hostIPC bool',
    '14 securityContext *PodSecurityContext', '15 imagePullSecrets []LocalObjectReference', '16 hostname string', '17 subdomain string',
    '19 schedulerName string', '20 initContainers []Container', '21 automountServiceAccountToken *bool', '22 tolerations []Toleration',
    '24 priorityClassName string', '25 priority *int32', '27 shareProcessNamespace *bool', '30 enableServiceLinks *bool',
    '32 overhead map<Quantity>', '34 ephemeralContainers []EphemeralContainer'),
  PodSecurityContext: goStruct('2 runAsUser *int64', '3 runAsNonRoot *bool', '4 supplementalGroups []int64', '5 fsGroup *int64', '6 runAsGroup *int64'),
  Toleration: goStruct('1 key string', '2 operator string', '3 value string', '4 effect string', '5 tolerationSeconds *int64'),
  LocalObjectReference: goStruct('1 name string'),
  Container: goStruct('1 name string', '2 image string', '3 command []string', '4 args []string', '5 workingDir string',
    '6 ports []ContainerPort', '7 env []EnvVar', '8 resources ResourceRequirements', '9 volumeMounts []VolumeMount',
    '10 livenessProbe *Probe', '13 terminationMessagePath string', '14 imagePullPolicy string', '15 securityContext *SecurityContext',
    '16 stdin bool', '17 stdinOnce bool', '18 tty bool', '19 envFrom []EnvFromSource', '20 terminationMessagePolicy string',
    '21 volumeDevices []VolumeDevice', '23 resizePolicy []ContainerResizePolicy', '24 restartPolicy *string',
    '25 restartPolicyRules []ContainerRestartRule'),
  ContainerPort: goStruct('1 name string', '2 hostPort int32', '3 containerPort int32', '4 protocol string', '5 hostIP string'),
  EnvVar: goStruct('1 name string', '2 value string'),
  ResourceRequirements: goStruct('1 limits map<Quantity>', '2 requests map<Quantity>', '3 claims []ResourceClaim'),
  VolumeMount: goStruct('1 name string', '2 readOnly bool', '3 mountPath string', '4 subPath string', '5 mountPropagation *string',
    '6 subPathExpr string', '7 recursiveReadOnly *string'),
  SecurityContext: goStruct('2 privileged *bool', '4 runAsUser *int64', '5 runAsNonRoot *bool', '6 readOnlyRootFilesystem *bool',
    '7 allowPrivilegeEscalation *bool'),
  Probe: goStruct('1 ...ProbeHandler', '2 initialDelaySeconds int32', '3 timeoutSeconds int32', '4 periodSeconds int32',
    '5 successThreshold int32', '6 failureThreshold int32', '7 terminationGracePeriodSeconds *int64'),
  ProbeHandler: goStruct('2 httpGet *HTTPGetAction', '3 tcpSocket *TCPSocketAction'),
  HTTPGetAction: goStruct('1 path string', '2 port IntOrString', '3 host string', '4 scheme string', '5 httpHeaders []HTTPHeader'),
  TCPSocketAction: goStruct('1 port IntOrString', '2 host string'),
  Volume: goStruct('1 name string', '2 ...VolumeSource'),
  VolumeSource: goStruct('2 emptyDir *EmptyDirVolumeSource', '10 persistentVolumeClaim *PersistentVolumeClaimVolumeSource',
    '19 configMap *ConfigMapVolumeSource'),
  EmptyDirVolumeSource: goStruct('1 medium string', '2 sizeLimit *Quantity'),
  PersistentVolumeClaimVolumeSource: goStruct('1 claimName string', '2 readOnly bool'),
  ConfigMapVolumeSource: goStruct('1 ...LocalObjectReference', '2 items []KeyToPath', '3 defaultMode *int32', '4 optional *bool'),
  KeyToPath: goStruct('1 key string', '2 path string', '3 mode *int32'),
  Pod: goStruct(...META_FIELDS, '2 spec PodSpec', '3 status PodStatus'),
  PodStatus: goStruct('1 phase string', '2 conditions []PodCondition', '3 message string', '4 reason string', '5 hostIP string',
    '6 podIP string', '7 startTime *Time', '8 containerStatuses []ContainerStatus', '9 qosClass string',
    '10 initContainerStatuses []ContainerStatus', '11 nominatedNodeName string', '12 podIPs []PodIP',
    '13 ephemeralContainerStatuses []ContainerStatus', '14 resize string', '15 resourceClaimStatuses []PodResourceClaimStatus',
    '16 hostIPs []HostIP', '17 observedGeneration int64', '19 allocatedResources map<Quantity>'),
  Deployment: goStruct(...META_FIELDS, '2 spec DeploymentSpec', '3 status DeploymentStatus'),
  DeploymentSpec: goStruct('1 replicas *int32', '2 selector *LabelSelector', '3 template PodTemplateSpec', '4 strategy DeploymentStrategy',
    '5 minReadySeconds int32', '6 revisionHistoryLimit *int32', '7 paused bool', '9 progressDeadlineSeconds *int32'),
  DeploymentStrategy: goStruct('1 type string', '2 rollingUpdate *RollingUpdateDeployment'),
  RollingUpdateDeployment: goStruct('1 maxUnavailable *IntOrString', '2 maxSurge *IntOrString'),
  DeploymentStatus: goStruct('1 observedGeneration int64', '2 replicas int32', '3 updatedReplicas int32', '4 availableReplicas int32',
    '5 unavailableReplicas int32', '6 conditions []DeploymentCondition', '7 readyReplicas int32', '8 collisionCount *int32',
    '9 terminatingReplicas *int32'),
  ReplicaSet: goStruct(...META_FIELDS, '2 spec ReplicaSetSpec', '3 status ReplicaSetStatus'),
  ReplicaSetSpec: goStruct('1 replicas *int32', '2 selector *LabelSelector', '3 template PodTemplateSpec', '4 minReadySeconds int32'),
  ReplicaSetStatus: goStruct('1 replicas int32', '2 fullyLabeledReplicas int32', '3 observedGeneration int64', '4 readyReplicas int32',
    '5 availableReplicas int32', '6 conditions []ReplicaSetCondition', '7 terminatingReplicas *int32'),
  Service: goStruct(...META_FIELDS, '2 spec ServiceSpec', '3 status ServiceStatus'),
  ServiceSpec: goStruct('1 ports []ServicePort', '2 selector map<string>', '3 clusterIP string', '4 type string', '5 externalIPs []string',
    '7 sessionAffinity string', '8 loadBalancerIP string', '9 loadBalancerSourceRanges []string', '10 externalName string',
    '11 externalTrafficPolicy string', '12 healthCheckNodePort int32', '13 publishNotReadyAddresses bool', '17 ipFamilyPolicy *string',
    '18 clusterIPs []string', '19 ipFamilies []string', '20 allocateLoadBalancerNodePorts *bool', '22 internalTrafficPolicy *string'),
  ServicePort: goStruct('1 name string', '2 protocol string', '3 port int32', '4 targetPort IntOrString', '5 nodePort int32', '6 appProtocol *string'),
  ServiceStatus: goStruct('1 loadBalancer LoadBalancerStatus', '2 conditions []Condition'),
  LoadBalancerStatus: goStruct('1 ingress []LoadBalancerIngress'),
  Job: goStruct(...META_FIELDS, '2 spec JobSpec', '3 status JobStatus'),
  JobSpec: goStruct('1 parallelism *int32', '2 completions *int32', '3 activeDeadlineSeconds *int64', '4 selector *LabelSelector',
    '5 manualSelector *bool', '6 template PodTemplateSpec', '7 backoffLimit *int32', '8 ttlSecondsAfterFinished *int32',
    '9 completionMode *string', '10 suspend *bool', '12 backoffLimitPerIndex *int32', '14 podReplacementPolicy *string'),
  JobStatus: goStruct('1 conditions []JobCondition', '2 startTime *Time', '3 completionTime *Time', '4 active int32', '5 succeeded int32',
    '6 failed int32', '7 completedIndexes string', '9 ready *int32', '11 terminating *int32'),
  CronJob: goStruct(...META_FIELDS, '2 spec CronJobSpec', '3 status CronJobStatus'),
  CronJobSpec: goStruct('1 schedule string', '2 startingDeadlineSeconds *int64', '3 concurrencyPolicy string', '4 suspend *bool',
    '5 jobTemplate JobTemplateSpec', '6 successfulJobsHistoryLimit *int32', '7 failedJobsHistoryLimit *int32', '8 timeZone *string'),
  JobTemplateSpec: goStruct(...META_FIELDS, '2 spec JobSpec'),
  CronJobStatus: goStruct('1 active []ObjectReference', '4 lastScheduleTime *Time', '5 lastSuccessfulTime *Time'),
  Secret: goStruct(...META_FIELDS, '2 data map<bytes>', '3 type string', '4 stringData map<string>', '5 immutable *bool'),
  ConfigMap: goStruct(...META_FIELDS, '2 data map<string>', '3 binaryData map<bytes>', '4 immutable *bool'),
  Namespace: goStruct(...META_FIELDS, '2 spec NamespaceSpec', '3 status NamespaceStatus'),
  NamespaceSpec: goStruct('1 finalizers []string'),
  NamespaceStatus: goStruct('1 phase string', '2 conditions []NamespaceCondition'),
  PersistentVolumeClaim: goStruct(...META_FIELDS, '2 spec PersistentVolumeClaimSpec', '3 status PersistentVolumeClaimStatus'),
  PersistentVolumeClaimSpec: goStruct('1 accessModes []string', '2 resources VolumeResourceRequirements', '3 volumeName string',
    '4 selector *LabelSelector', '5 storageClassName *string', '6 volumeMode *string', '9 volumeAttributesClassName *string'),
  VolumeResourceRequirements: goStruct('1 limits map<Quantity>', '2 requests map<Quantity>'),
  PersistentVolumeClaimStatus: goStruct('1 phase string', '2 accessModes []string', '3 capacity map<Quantity>',
    '4 conditions []PersistentVolumeClaimCondition', '5 allocatedResources map<Quantity>', '7 allocatedResourceStatuses map<string>'),
  DeleteOptions: goStruct('1 gracePeriodSeconds *int64', '2 preconditions *Preconditions', '3 orphanDependents *bool',
    '4 propagationPolicy *string', '5 dryRun []string'),
  Preconditions: goStruct('1 uid *string', '2 resourceVersion *string'),
};

type GoValue = Record<string, unknown>;

/** One field as gogo writes it; `value` undefined means the Go zero value. */
function goField(n: number, type: string, value: unknown): Bytes {
  switch (type) {
    case 'string': return s(n, (value as string | undefined) ?? '');
    case 'bytes': return ld(n, enc.encode((value as string | undefined) ?? ''));
    case 'bool': return b(n, value === true);
    case 'int32': case 'int64': return v(n, (value as number | undefined) ?? 0);
    case 'Time': return value === undefined ? msg(n) : msg(n, v(1, Date.parse(value as string) / 1000));
    case 'Quantity': return msg(n, s(1, (value as string | undefined) ?? '0'));
    case 'IntOrString':
      return typeof value === 'string' ? msg(n, v(1, 1), v(2, 0), s(3, value)) : msg(n, v(1, 0), v(2, (value as number | undefined) ?? 0), s(3, ''));
    default: return msg(n, gogo(type, (value as GoValue | undefined) ?? {}));
  }
}

/** Marshals a Go value (JSON field names; absent = nil pointer or zero value) the way gogo-protobuf does. */
function gogo(type: string, value: GoValue = {}): Bytes {
  const fields = GO[type];
  if (!fields) throw new Error(`test encoder has no Go struct ${type}`);
  const out: Bytes = [];
  for (const f of fields) {
    if (f.inline) {
      out.push(...msg(f.n, gogo(f.type, value)));
      continue;
    }
    const val = value[f.json];
    if (f.rep) {
      for (const item of (val as unknown[] | undefined) ?? []) out.push(...goField(f.n, f.type, item));
    } else if (f.map) {
      const m = (val as Record<string, unknown> | undefined) ?? {};
      for (const k of Object.keys(m).sort()) out.push(...msg(f.n, s(1, k), goField(2, f.type, m[k])));
    } else if (!f.ptr || val !== undefined) {
      out.push(...goField(f.n, f.type, val));
    }
  }
  return out;
}

const decodeGo = (apiVersion: string, kind: string, value: GoValue): KubeObject =>
  decodeProtobufObject(envelope(apiVersion, kind, gogo(kind, value)));

describe('decodeProtobufObject with bodies as kubectl and helm send them', () => {
  test('decodeProtobufObject stores kubectl create deployment like upstream (no false/0 noise, replicas kept)', () => {
    const labels = { app: 'd' };
    const out = decodeGo('apps/v1', 'Deployment', {
      metadata: { name: 'd', labels },
      spec: {
        replicas: 1,
        selector: { matchLabels: labels },
        template: { metadata: { labels }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] } },
      },
    });
    assert.deepEqual(out, {
      apiVersion: 'apps/v1', kind: 'Deployment',
      metadata: { name: 'd', labels: { app: 'd' } },
      spec: {
        replicas: 1,
        selector: { matchLabels: { app: 'd' } },
        template: { metadata: { labels: { app: 'd' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27', resources: {} }] } },
        strategy: {},
      },
      status: {},
    });
  });

  test('decodeProtobufObject stores a pod template identical to the JSON one, so template hashes match', () => {
    // What kubectl rollout undo sends back as JSON: the template as upstream stored it.
    const jsonTemplate = {
      metadata: { labels: { app: 'd' } },
      spec: {
        containers: [{ name: 'nginx', image: 'nginx:1.27', ports: [{ containerPort: 80, protocol: 'TCP' }], resources: {}, terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File', imagePullPolicy: 'IfNotPresent' }],
        restartPolicy: 'Always', terminationGracePeriodSeconds: 30, dnsPolicy: 'ClusterFirst', securityContext: {}, schedulerName: 'default-scheduler',
      },
    };
    const out = decodeGo('apps/v1', 'ReplicaSet', { metadata: { name: 'd-1' }, spec: { replicas: 2, template: jsonTemplate } });
    assert.deepEqual((out.spec as GoValue).template, jsonTemplate);
    assert.deepEqual(out.status, { replicas: 0 }, 'ReplicaSetStatus.replicas has no omitempty');
  });

  test('decodeProtobufObject stores kubectl create service clusterip with port and targetPort kept', () => {
    const out = decodeGo('v1', 'Service', {
      metadata: { name: 's', labels: { app: 's' } },
      spec: { type: 'ClusterIP', selector: { app: 's' }, ports: [{ name: '80-8080', protocol: 'TCP', port: 80, targetPort: 8080 }] },
    });
    assert.deepEqual(out, {
      apiVersion: 'v1', kind: 'Service',
      metadata: { name: 's', labels: { app: 's' } },
      spec: { ports: [{ name: '80-8080', protocol: 'TCP', port: 80, targetPort: 8080 }], selector: { app: 's' }, type: 'ClusterIP' },
      status: { loadBalancer: {} },
    });
  });

  test('decodeProtobufObject drops a zero targetPort (omitempty IntOrString) but keeps port 0 (no omitempty)', () => {
    const out = decodeGo('v1', 'Service', { metadata: { name: 's' }, spec: { ports: [{ port: 0 }, { port: 53, targetPort: 'dns' }] } });
    assert.deepEqual((out.spec as GoValue).ports, [{ port: 0 }, { port: 53, targetPort: 'dns' }]);
  });

  test('decodeProtobufObject stores kubectl create job and create cronjob like upstream', () => {
    const job = decodeGo('batch/v1', 'Job', {
      metadata: { name: 'j' },
      spec: { template: { spec: { containers: [{ name: 'j', image: 'busybox', command: ['echo', 'hi'] }], restartPolicy: 'Never' } } },
    });
    assert.deepEqual(job, {
      apiVersion: 'batch/v1', kind: 'Job',
      metadata: { name: 'j' },
      spec: { template: { metadata: {}, spec: { containers: [{ name: 'j', image: 'busybox', command: ['echo', 'hi'], resources: {} }], restartPolicy: 'Never' } } },
      status: {},
    });

    const cron = decodeGo('batch/v1', 'CronJob', {
      metadata: { name: 'c' },
      spec: {
        schedule: '*/1 * * * *',
        jobTemplate: { metadata: { name: 'c' }, spec: { template: { spec: { containers: [{ name: 'c', image: 'busybox' }], restartPolicy: 'OnFailure' } } } },
      },
    });
    assert.deepEqual(cron, {
      apiVersion: 'batch/v1', kind: 'CronJob',
      metadata: { name: 'c' },
      spec: {
        schedule: '*/1 * * * *',
        jobTemplate: { metadata: { name: 'c' }, spec: { template: { metadata: {}, spec: { containers: [{ name: 'c', image: 'busybox', resources: {} }], restartPolicy: 'OnFailure' } } } },
      },
      status: {},
    });
  });

  test('decodeProtobufObject keeps zero values of pointer fields (suspend, parallelism, backoffLimit)', () => {
    const out = decodeGo('batch/v1', 'Job', {
      metadata: { name: 'j' },
      spec: { parallelism: 0, backoffLimit: 0, suspend: false, manualSelector: false, template: { spec: { restartPolicy: 'Never' } } },
      status: { active: 0, ready: 0 },
    });
    assert.deepEqual(out.spec, { parallelism: 0, manualSelector: false, template: { metadata: {}, spec: { restartPolicy: 'Never' } }, backoffLimit: 0, suspend: false });
    assert.deepEqual(out.status, { ready: 0 });
  });

  test('decodeProtobufObject stores kubectl create configmap, secret generic and namespace like upstream', () => {
    assert.deepEqual(decodeGo('v1', 'ConfigMap', { metadata: { name: 'cm' }, data: { a: '1', empty: '' } }), {
      apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm' }, data: { a: '1', empty: '' },
    });
    assert.deepEqual(decodeGo('v1', 'Secret', { metadata: { name: 's' }, data: { k: 'v' } }), {
      apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, data: { k: Buffer.from('v').toString('base64') },
    });
    assert.deepEqual(decodeGo('v1', 'Secret', { metadata: { name: 's' }, type: 'Opaque', immutable: false }), {
      apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, type: 'Opaque', immutable: false,
    });
    assert.deepEqual(decodeGo('v1', 'Namespace', { metadata: { name: 'ns' } }), {
      apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'ns' }, spec: {}, status: {},
    });
  });

  test('decodeProtobufObject stores a helm release Secret with labels, data and type', () => {
    const labels = { name: 'web', owner: 'helm', status: 'deployed', version: '1' };
    const out = decodeGo('v1', 'Secret', {
      metadata: { name: 'sh.helm.release.v1.web.v1', namespace: 'default', labels },
      data: { release: 'H4sIAAAA' },
      type: 'helm.sh/release.v1',
    });
    assert.deepEqual(out, {
      apiVersion: 'v1', kind: 'Secret',
      metadata: { name: 'sh.helm.release.v1.web.v1', namespace: 'default', labels },
      data: { release: Buffer.from('H4sIAAAA').toString('base64') },
      type: 'helm.sh/release.v1',
    });
  });

  test('decodeProtobufObject decodes DeleteOptions, keeping a set gracePeriodSeconds of 0', () => {
    assert.deepEqual(decodeGo('v1', 'DeleteOptions', { propagationPolicy: 'Background' }), {
      apiVersion: 'v1', kind: 'DeleteOptions', propagationPolicy: 'Background',
    });
    assert.deepEqual(decodeGo('meta.k8s.io/v1', 'DeleteOptions', { gracePeriodSeconds: 0, orphanDependents: false, dryRun: ['All'] }), {
      apiVersion: 'meta.k8s.io/v1', kind: 'DeleteOptions', gracePeriodSeconds: 0, orphanDependents: false, dryRun: ['All'],
    });
  });

  test('decodeProtobufObject keeps pointer zeros in a pod and drops non-pointer zeros', () => {
    const out = decodeGo('v1', 'Pod', {
      metadata: { name: 'p', namespace: 'default', generation: 2 },
      spec: {
        containers: [{
          name: 'c', image: 'busybox', stdin: false, tty: false,
          securityContext: { allowPrivilegeEscalation: false, runAsNonRoot: false, runAsUser: 0 },
          volumeMounts: [{ name: 'cfg', mountPath: '/cfg', readOnly: false }],
          livenessProbe: { tcpSocket: { port: 8080 }, periodSeconds: 10, terminationGracePeriodSeconds: 0 },
        }],
        volumes: [
          { name: 'cfg', configMap: { name: 'cm', defaultMode: 0, optional: false } },
          { name: 'tmp', emptyDir: {} },
        ],
        terminationGracePeriodSeconds: 0, automountServiceAccountToken: false, enableServiceLinks: false, priority: 0,
        securityContext: {}, tolerations: [{ key: 'k', operator: 'Exists', tolerationSeconds: 0 }],
      },
    });
    assert.deepEqual(out, {
      apiVersion: 'v1', kind: 'Pod',
      metadata: { name: 'p', namespace: 'default', generation: 2 },
      spec: {
        volumes: [{ name: 'cfg', configMap: { name: 'cm', defaultMode: 0, optional: false } }, { name: 'tmp', emptyDir: {} }],
        containers: [{
          name: 'c', image: 'busybox', resources: {},
          volumeMounts: [{ name: 'cfg', mountPath: '/cfg' }],
          livenessProbe: { tcpSocket: { port: 8080 }, periodSeconds: 10, terminationGracePeriodSeconds: 0 },
          securityContext: { runAsUser: 0, runAsNonRoot: false, allowPrivilegeEscalation: false },
        }],
        terminationGracePeriodSeconds: 0, securityContext: {}, automountServiceAccountToken: false,
        tolerations: [{ key: 'k', operator: 'Exists', tolerationSeconds: 0 }], priority: 0, enableServiceLinks: false,
      },
      status: {},
    });
  });

  test('decodeProtobufObject keeps storageClassName "" (pointer) but drops volumeName "" in a claim', () => {
    const out = decodeGo('v1', 'PersistentVolumeClaim', {
      metadata: { name: 'data' },
      spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, storageClassName: '' },
    });
    assert.deepEqual(out.spec, { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, storageClassName: '' });
    assert.deepEqual(out.status, {});
  });

  test('decodeProtobufObject keeps zero IntOrString in pointer fields (maxUnavailable: 0)', () => {
    const out = decodeGo('apps/v1', 'Deployment', {
      metadata: { name: 'd' },
      spec: { replicas: 0, strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: '25%' } }, revisionHistoryLimit: 0 },
      status: { observedGeneration: 3, replicas: 0, collisionCount: 0 },
    });
    assert.deepEqual(out.spec, {
      replicas: 0, template: { metadata: {}, spec: {} },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: '25%' } }, revisionHistoryLimit: 0,
    });
    assert.deepEqual(out.status, { observedGeneration: 3, collisionCount: 0 });
  });

  test('decodeProtobufObject treats a Timestamp of Go zero time (0001-01-01) as unset', () => {
    const raw = [...msg(1, s(1, 'ns'), msg(8, v(1, -62135596800n), v(2, 0)))];
    assert.deepEqual(decodeProtobufObject(envelope('v1', 'Namespace', raw)).metadata, { name: 'ns' });
  });

  test('decodeProtobufObject drops a scalar set to zero after a non-zero value (last occurrence wins)', () => {
    const raw = [...msg(1, s(1, 'p'), v(7, 5), v(7, 0)), ...msg(2, msg(2, s(1, 'c'), b(16, true), b(16, false)))];
    const pod = decodeProtobufObject(envelope('v1', 'Pod', raw));
    assert.deepEqual(pod.metadata, { name: 'p' });
    assert.deepEqual(pod.spec, { containers: [{ name: 'c' }] });
  });
});
