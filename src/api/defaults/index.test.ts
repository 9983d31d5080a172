import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../types.js';
import { applyCreateDefaults, applyDefaults, applyUpdateDefaults, defaultPullPolicy } from './index.js';

// Test objects are free-form JSON.
type Loose = any;

function defaulted(o: Loose): Loose {
  applyDefaults(o as KubeObject);
  return o;
}

describe('defaultPullPolicy', () => {
  const cases: [string, string][] = [
    ['nginx', 'Always'],
    ['nginx:latest', 'Always'],
    ['docker.io/library/nginx:latest', 'Always'],
    ['localhost:5000/app', 'Always'],
    ['nginx:1.25', 'IfNotPresent'],
    ['registry.example.com:5000/team/app:v2', 'IfNotPresent'],
    ['nginx@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef', 'IfNotPresent'],
    ['nginx:latest@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef', 'Always'],
    ['Nginx', 'IfNotPresent'],
    ['', 'IfNotPresent'],
  ];
  for (const [image, want] of cases) test(`defaultPullPolicy of ${JSON.stringify(image)} is ${want}`, () => assert.equal(defaultPullPolicy(image), want));
});

describe('applyDefaults', () => {
  test('applyDefaults fills a pod as the apiserver does', () => {
    const pod = defaulted({
      apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' },
      spec: { containers: [{
        name: 'c', image: 'nginx', ports: [{ containerPort: 80 }], env: [{ name: 'N', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }],
        readinessProbe: { httpGet: { port: 80 } }, resources: { limits: { cpu: '1', memory: '1Gi' }, requests: { cpu: '500m' } },
      }], volumes: [{ name: 'a' }, { name: 'b', secret: { secretName: 's' } }, { name: 'c', configMap: { name: 'cm' } }] },
    });
    assert.deepEqual(pod.spec, {
      containers: [{
        name: 'c', image: 'nginx', imagePullPolicy: 'Always', terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File',
        ports: [{ containerPort: 80, protocol: 'TCP' }],
        env: [{ name: 'N', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.name' } } }],
        readinessProbe: { httpGet: { port: 80, path: '/', scheme: 'HTTP' }, timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3 },
        resources: { limits: { cpu: '1', memory: '1Gi' }, requests: { cpu: '500m', memory: '1Gi' } },
      }],
      volumes: [{ name: 'a', emptyDir: {} }, { name: 'b', secret: { secretName: 's', defaultMode: 420 } }, { name: 'c', configMap: { name: 'cm', defaultMode: 420 } }],
      enableServiceLinks: true, dnsPolicy: 'ClusterFirst', restartPolicy: 'Always', securityContext: {}, terminationGracePeriodSeconds: 30,
      schedulerName: 'default-scheduler',
    });
  });

  test('applyDefaults keeps values the user set', () => {
    const pod = defaulted({ apiVersion: 'v1', kind: 'Pod', metadata: {}, spec: { restartPolicy: 'Never', terminationGracePeriodSeconds: 0, containers: [{ name: 'c', image: 'x', imagePullPolicy: 'Never' }] } });
    assert.equal(pod.spec.restartPolicy, 'Never');
    assert.equal(pod.spec.terminationGracePeriodSeconds, 0);
    assert.equal(pod.spec.containers[0].imagePullPolicy, 'Never');
  });

  test('applyDefaults gives pod templates PodSpec defaults but not Pod-only ones', () => {
    const d = defaulted({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: {}, spec: { template: { spec: { containers: [{ name: 'c', image: 'nginx:1', resources: { limits: { cpu: '1' } } }] } } } });
    assert.equal(d.spec.template.spec.dnsPolicy, 'ClusterFirst');
    assert.equal(d.spec.template.spec.enableServiceLinks, undefined);
    assert.deepEqual(d.spec.template.spec.containers[0].resources, { limits: { cpu: '1' } });
  });

  test('applyDefaults sets deployment strategy defaults', () => {
    const d = defaulted({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: {}, spec: { template: { spec: { containers: [] } } } });
    assert.equal(d.spec.replicas, 1);
    assert.deepEqual(d.spec.strategy, { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } });
    assert.equal(d.spec.revisionHistoryLimit, 10);
    assert.equal(d.spec.progressDeadlineSeconds, 600);
    assert.equal(d.spec.selector, undefined);
  });

  test('applyDefaults leaves a Recreate strategy without rollingUpdate', () => {
    const d = defaulted({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: {}, spec: { strategy: { type: 'Recreate' } } });
    assert.deepEqual(d.spec.strategy, { type: 'Recreate' });
  });

  test('applyDefaults sets statefulset and daemonset update strategies', () => {
    const s = defaulted({ apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: {}, spec: {} });
    assert.equal(s.spec.podManagementPolicy, 'OrderedReady');
    assert.deepEqual(s.spec.updateStrategy, { type: 'RollingUpdate', rollingUpdate: { partition: 0 } });
    assert.deepEqual(s.spec.persistentVolumeClaimRetentionPolicy, { whenDeleted: 'Retain', whenScaled: 'Retain' });
    assert.equal(s.spec.replicas, 1);
    const ds = defaulted({ apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: {}, spec: {} });
    assert.deepEqual(ds.spec.updateStrategy, { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } });
    assert.equal(ds.spec.revisionHistoryLimit, 10);
  });

  test('applyDefaults sets job and cronjob defaults', () => {
    const j = defaulted({ apiVersion: 'batch/v1', kind: 'Job', metadata: {}, spec: { template: { metadata: { labels: { app: 'x' } }, spec: { containers: [] } } } });
    assert.deepEqual(
      { completions: j.spec.completions, parallelism: j.spec.parallelism, backoffLimit: j.spec.backoffLimit, completionMode: j.spec.completionMode, suspend: j.spec.suspend, podReplacementPolicy: j.spec.podReplacementPolicy },
      { completions: 1, parallelism: 1, backoffLimit: 6, completionMode: 'NonIndexed', suspend: false, podReplacementPolicy: 'TerminatingOrFailed' },
    );
    assert.deepEqual(j.metadata.labels, { app: 'x' });
    const parallel = defaulted({ apiVersion: 'batch/v1', kind: 'Job', metadata: {}, spec: { parallelism: 3 } });
    assert.equal(parallel.spec.completions, undefined);
    const c = defaulted({ apiVersion: 'batch/v1', kind: 'CronJob', metadata: {}, spec: { jobTemplate: { spec: { template: { spec: { containers: [] } } } } } });
    assert.deepEqual(
      { concurrencyPolicy: c.spec.concurrencyPolicy, suspend: c.spec.suspend, ok: c.spec.successfulJobsHistoryLimit, failed: c.spec.failedJobsHistoryLimit },
      { concurrencyPolicy: 'Allow', suspend: false, ok: 3, failed: 1 },
    );
    assert.equal(c.spec.jobTemplate.spec.template.spec.restartPolicy, 'Always');
    assert.equal(c.spec.jobTemplate.spec.backoffLimit, undefined);
  });

  test('applyDefaults defaults service targetPort to port and the policies', () => {
    const s = defaulted({ apiVersion: 'v1', kind: 'Service', metadata: {}, spec: { ports: [{ port: 80 }, { port: 443, targetPort: 'https' }] } });
    assert.deepEqual(s.spec, {
      ports: [{ port: 80, protocol: 'TCP', targetPort: 80 }, { port: 443, targetPort: 'https', protocol: 'TCP' }],
      sessionAffinity: 'None', type: 'ClusterIP', internalTrafficPolicy: 'Cluster',
    });
    const lb = defaulted({ apiVersion: 'v1', kind: 'Service', metadata: {}, spec: { type: 'LoadBalancer', ports: [{ port: 80 }] } });
    assert.equal(lb.spec.externalTrafficPolicy, 'Cluster');
    assert.equal(lb.spec.allocateLoadBalancerNodePorts, true);
    const sticky = defaulted({ apiVersion: 'v1', kind: 'Service', metadata: {}, spec: { sessionAffinity: 'ClientIP' } });
    assert.deepEqual(sticky.spec.sessionAffinityConfig, { clientIP: { timeoutSeconds: 10800 } });
  });

  test('applyDefaults handles secrets, namespaces, nodes and endpoints', () => {
    const sec = defaulted({ apiVersion: 'v1', kind: 'Secret', metadata: {}, stringData: { a: 'hi' } });
    assert.deepEqual([sec.type, sec.data, sec.stringData], ['Opaque', { a: 'aGk=' }, undefined]);
    const ns = defaulted({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'dev' } });
    assert.deepEqual([ns.metadata.labels, ns.status], [{ 'kubernetes.io/metadata.name': 'dev' }, { phase: 'Active' }]);
    assert.equal(ns.spec, undefined);
    const node = defaulted({ apiVersion: 'v1', kind: 'Node', metadata: {}, spec: { podCIDR: '10.244.0.0/24' }, status: { capacity: { cpu: '2' } } });
    assert.deepEqual([node.spec.podCIDRs, node.status.allocatable], [['10.244.0.0/24'], { cpu: '2' }]);
    const ep = defaulted({ apiVersion: 'v1', kind: 'Endpoints', metadata: {}, subsets: [{ ports: [{ port: 80 }] }] });
    assert.equal(ep.subsets[0].ports[0].protocol, 'TCP');
  });
});

describe('applyCreateDefaults', () => {
  test('applyCreateDefaults adds the kubernetes finalizer to namespaces', () => {
    const ns: Loose = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'dev' }, spec: { finalizers: ['example.com/x'] } };
    applyCreateDefaults(ns);
    assert.deepEqual([ns.spec.finalizers, ns.status], [['example.com/x', 'kubernetes'], { phase: 'Active' }]);
  });

  test('applyCreateDefaults generates a job selector from the uid', () => {
    const job: Loose = { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'pi', uid: 'u-1' }, spec: { template: { spec: {} } } };
    applyCreateDefaults(job);
    assert.deepEqual(job.spec.selector, { matchLabels: { 'batch.kubernetes.io/controller-uid': 'u-1' } });
    assert.deepEqual(job.spec.template.metadata.labels, {
      'job-name': 'pi', 'batch.kubernetes.io/job-name': 'pi', 'controller-uid': 'u-1', 'batch.kubernetes.io/controller-uid': 'u-1',
    });
  });

  test('applyCreateDefaults fills service clusterIPs and IP families', () => {
    const svc: Loose = { apiVersion: 'v1', kind: 'Service', metadata: {}, spec: { type: 'ClusterIP', clusterIP: 'None' } };
    applyCreateDefaults(svc);
    assert.deepEqual([svc.spec.clusterIPs, svc.spec.ipFamilyPolicy, svc.spec.ipFamilies], [['None'], 'PreferDualStack', ['IPv4']]);
  });

  test('applyUpdateDefaults bumps the daemonset template generation only when the template changes', () => {
    const old: Loose = { apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { annotations: { 'deprecated.daemonset.template.generation': '3' } }, spec: { template: { spec: { a: 1 } } } };
    const same: Loose = structuredClone(old);
    applyUpdateDefaults(same, old);
    assert.equal(same.metadata.annotations['deprecated.daemonset.template.generation'], '3');
    const changed: Loose = structuredClone(old);
    changed.spec.template.spec.a = 2;
    applyUpdateDefaults(changed, old);
    assert.equal(changed.metadata.annotations['deprecated.daemonset.template.generation'], '4');
  });

  test('applyUpdateDefaults restores clusterIPs an old client dropped', () => {
    const old: Loose = { apiVersion: 'v1', kind: 'Service', metadata: {}, spec: { clusterIP: '10.96.0.5', clusterIPs: ['10.96.0.5'] } };
    const svc: Loose = { apiVersion: 'v1', kind: 'Service', metadata: {}, spec: { clusterIP: '10.96.0.5' } };
    applyUpdateDefaults(svc, old);
    assert.deepEqual(svc.spec.clusterIPs, ['10.96.0.5']);
  });
});
