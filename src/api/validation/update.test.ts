import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { fieldErrorString } from '../../machinery/errors.js';
import type { KubeObject } from '../types.js';
import { validateNamespaceFinalize, validateStatusUpdate, validateUpdate } from './index.js';
import { configMap, deployment, job, namespace, node, pod, replicaSet, secret, service, statefulSet, withVersion, type Loose } from './fixtures.js';

/** An old object at resourceVersion 1 and a changed copy at 2. */
function pair(build: (m?: (o: Loose) => void) => KubeObject, change: (o: Loose) => void, before: (o: Loose) => void = () => {}): [KubeObject, KubeObject] {
  const old = withVersion(build(before), '1');
  const updated = structuredClone(old) as Loose;
  updated.metadata.resourceVersion = '2';
  change(updated);
  return [updated as KubeObject, old];
}

const POD_UPDATE_PREFIX = 'spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)\n';

const cases: { name: string; objs: () => [KubeObject, KubeObject]; want: string[] }[] = [
  { name: 'an unchanged deployment is valid', objs: () => pair(deployment, () => {}), want: [] },
  { name: 'deployment selector is immutable', objs: () => pair(deployment, (d) => { d.spec.selector.matchLabels.tier = 'fe'; d.spec.template.metadata.labels.tier = 'fe'; }), want: ['spec.selector: Invalid value: {"matchLabels":{"app":"web","tier":"fe"}}: field is immutable'] },
  { name: 'replicaset selector is immutable', objs: () => pair(replicaSet, (d) => { d.spec.selector.matchLabels = { app: 'web2' }; d.spec.template.metadata.labels = { app: 'web2' }; }), want: ['spec.selector: Invalid value: {"matchLabels":{"app":"web2"}}: field is immutable'] },
  { name: 'deployment replicas may change', objs: () => pair(deployment, (d) => { d.spec.replicas = 5; }), want: [] },
  { name: 'name is immutable', objs: () => pair(deployment, (d) => { d.metadata.name = 'other'; }), want: ['metadata.name: Invalid value: "other": field is immutable'] },
  { name: 'uid is immutable', objs: () => pair(configMap, (c) => { c.metadata.uid = 'uid-2'; }), want: ['metadata.uid: Invalid value: "uid-2": field is immutable'] },
  { name: 'resourceVersion is required', objs: () => pair(configMap, (c) => { delete c.metadata.resourceVersion; }), want: ['metadata.resourceVersion: Invalid value: "": must be specified for an update'] },
  { name: 'no new finalizers while deleting', objs: () => pair(configMap, (c) => { c.metadata.finalizers = ['example.com/x']; }, (c) => { c.metadata.deletionTimestamp = '2024-01-02T00:00:00Z'; }), want: ['metadata.finalizers: Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers []string{"example.com/x"}'] },
  { name: 'pod image may change', objs: () => pair(pod, (p) => { p.spec.containers[0].image = 'nginx:1.26'; }), want: [] },
  { name: 'pod tolerations may be added', objs: () => pair(pod, (p) => { p.spec.tolerations = [{ operator: 'Exists' }]; }), want: [] },
  { name: 'pod containers may not be added', objs: () => pair(pod, (p) => { p.spec.containers.push({ name: 'b', image: 'busybox', imagePullPolicy: 'Always', terminationMessagePolicy: 'File' }); }), want: ['spec.containers: Forbidden: pod updates may not add or remove containers'] },
  { name: 'pod other fields are immutable', objs: () => pair(pod, (p) => { p.spec.containers[0].env = [{ name: 'A', value: '1' }]; }), want: [`${POD_UPDATE_PREFIX}  core.PodSpec{\n- \tContainers: [{"name":"web","image":"nginx:1.25","imagePullPolicy":"IfNotPresent","terminationMessagePath":"/dev/termination-log","terminationMessagePolicy":"File"}],\n+ \tContainers: [{"name":"web","image":"nginx:1.25","imagePullPolicy":"IfNotPresent","terminationMessagePath":"/dev/termination-log","terminationMessagePolicy":"File","env":[{"name":"A","value":"1"}]}],\n  \t... // 6 identical fields\n  }\n`] },
  { name: 'pod activeDeadlineSeconds may only shrink', objs: () => pair(pod, (p) => { p.spec.activeDeadlineSeconds = 60; }, (p) => { p.spec.activeDeadlineSeconds = 30; }), want: ['spec.activeDeadlineSeconds: Invalid value: 60: must be less than or equal to previous value'] },
  { name: 'service clusterIP is immutable', objs: () => pair(service, (s) => { s.spec.clusterIP = '10.96.0.11'; s.spec.clusterIPs = ['10.96.0.11']; }, (s) => { s.spec.clusterIP = '10.96.0.10'; s.spec.clusterIPs = ['10.96.0.10']; }), want: ['spec.clusterIPs[0]: Invalid value: ["10.96.0.11"]: may not change once set'] },
  { name: 'secret type is immutable', objs: () => pair(secret, (s) => { s.type = 'kubernetes.io/basic-auth'; s.data = { username: 'YQ==' }; }), want: ['type: Invalid value: "kubernetes.io/basic-auth": field is immutable'] },
  { name: 'immutable secret data cannot change', objs: () => pair(secret, (s) => { s.data = { password: 'b3RoZXI=' }; }, (s) => { s.immutable = true; }), want: ['data: Forbidden: field is immutable when `immutable` is set'] },
  { name: 'immutable configmaps stay immutable', objs: () => pair(configMap, (c) => { c.immutable = false; }, (c) => { c.immutable = true; }), want: ['immutable: Forbidden: field is immutable when `immutable` is set'] },
  { name: 'job selector is immutable', objs: () => pair(job, (j) => { j.spec.selector.matchExpressions = [{ key: 'job-name', operator: 'Exists' }]; }), want: ['spec.selector: Invalid value: {"matchLabels":{"batch.kubernetes.io/controller-uid":"8f6b1a2c-0000-4000-8000-000000000001"},"matchExpressions":[{"key":"job-name","operator":"Exists"}]}: field is immutable'] },
  { name: 'job template is immutable', objs: () => pair(job, (j) => { j.spec.template.spec.containers[0].image = 'perl:5.36'; }), want: ['TEMPLATE'] },
  { name: 'job template may change scheduling directives while suspended', objs: () => pair(job, (j) => { j.spec.template.spec.nodeSelector = { disk: 'ssd' }; }, (j) => { j.spec.suspend = true; }), want: [] },
  { name: 'statefulset serviceName is immutable', objs: () => pair(statefulSet, (s) => { s.spec.serviceName = 'other'; }), want: ["spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden"] },
  { name: 'node podCIDRs are set once', objs: () => pair(node, (n) => { n.spec.podCIDRs = ['10.244.1.0/24']; n.spec.podCIDR = '10.244.1.0/24'; }, (n) => { n.spec.podCIDRs = ['10.244.0.0/24']; }), want: ['spec.podCIDRs: Forbidden: node updates may not change podCIDR except from "" to valid'] },
];

describe('validateUpdate', () => {
  for (const c of cases) {
    test(`validateUpdate ${c.name}`, () => {
      const [obj, old] = c.objs();
      const got = validateUpdate(obj, old).map(fieldErrorString);
      if (c.want[0] === 'TEMPLATE') {
        assert.equal(got.length, 1);
        assert.match(got[0], /^spec\.template: Invalid value: \{.*"perl:5\.36".*\}: field is immutable$/);
      } else {
        assert.deepEqual(got, c.want);
      }
    });
  }
});

describe('validateStatusUpdate', () => {
  test('validateStatusUpdate checks deployment status counters', () => {
    const [d, old] = pair(deployment, (x) => { x.status = { replicas: 1, readyReplicas: 2, availableReplicas: -1 }; });
    assert.deepEqual(validateStatusUpdate(d, old).map(fieldErrorString), [
      'status.availableReplicas: Invalid value: -1: must be greater than or equal to 0',
      'status.readyReplicas: Invalid value: 2: cannot be greater than status.replicas',
    ]);
  });

  test('validateStatusUpdate forbids moving a pod to another node', () => {
    const [p, old] = pair(pod, (x) => { x.spec.nodeName = 'node-2'; }, (x) => { x.spec.nodeName = 'node-1'; });
    assert.deepEqual(validateStatusUpdate(p, old).map(fieldErrorString), ['status.nodeName: Forbidden: may not be changed directly']);
  });

  test('validateStatusUpdate keeps terminated containers terminated when restartPolicy is Never', () => {
    const [p, old] = pair(pod, (x) => { x.status.containerStatuses = [{ name: 'web', state: { running: {} } }]; }, (x) => {
      x.spec.restartPolicy = 'Never';
      x.status = { containerStatuses: [{ name: 'web', state: { terminated: { exitCode: 1 } } }] };
    });
    assert.deepEqual(validateStatusUpdate(p, old).map(fieldErrorString), ['status.containerStatuses[0].state: Forbidden: may not be transitioned to non-terminated state']);
  });

  test('validateStatusUpdate ties namespace phase to deletion', () => {
    const [n, old] = pair(namespace, (x) => { x.status.phase = 'Terminating'; });
    assert.deepEqual(validateStatusUpdate(n, old).map(fieldErrorString), ['status.Phase: Invalid value: "Terminating": may only be \'Active\' if `deletionTimestamp` is empty']);
  });

  test('validateNamespaceFinalize checks finalizer names', () => {
    const [n, old] = pair(namespace, (x) => { x.spec.finalizers = ['kubernetes', 'mine']; });
    assert.deepEqual(validateNamespaceFinalize(n, old).map(fieldErrorString), ['spec.finalizers[1]: Invalid value: "mine": name is neither a standard finalizer name nor is it fully qualified']);
  });
});
