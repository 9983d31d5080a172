// Test-only builders for test objects: valid, defaulted objects of each kind that a case then breaks.

import type { KubeObject } from '../types.js';
import { applyCreateDefaults, applyDefaults } from '../defaults/index.js';

// Test objects are free-form JSON that cases poke at, hence `any` (test-only module).
export type Loose = any;

export function make(o: Loose, mutate: (o: Loose) => void = () => {}): KubeObject {
  mutate(o);
  applyDefaults(o as KubeObject);
  applyCreateDefaults(o as KubeObject);
  return o as KubeObject;
}

const podSpec = (): Loose => ({ containers: [{ name: 'web', image: 'nginx:1.25' }] });

export const pod = (m?: (o: Loose) => void): KubeObject =>
  make({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', namespace: 'default' }, spec: podSpec() }, m);

export const deployment = (m?: (o: Loose) => void): KubeObject => make({
  apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'default' },
  spec: { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: podSpec() } },
}, m);

export const replicaSet = (m?: (o: Loose) => void): KubeObject => make({
  apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'web', namespace: 'default' },
  spec: { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: podSpec() } },
}, m);

export const statefulSet = (m?: (o: Loose) => void): KubeObject => make({
  apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'db', namespace: 'default' },
  spec: { serviceName: 'db', selector: { matchLabels: { app: 'db' } }, template: { metadata: { labels: { app: 'db' } }, spec: podSpec() } },
}, m);

export const daemonSet = (m?: (o: Loose) => void): KubeObject => make({
  apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'agent', namespace: 'default' },
  spec: { selector: { matchLabels: { app: 'agent' } }, template: { metadata: { labels: { app: 'agent' } }, spec: podSpec() } },
}, m);

export const job = (m?: (o: Loose) => void): KubeObject => make({
  apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'pi', namespace: 'default', uid: '8f6b1a2c-0000-4000-8000-000000000001' },
  spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'pi', image: 'perl:5.34' }] } } },
}, m);

export const cronJob = (m?: (o: Loose) => void): KubeObject => make({
  apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'hello', namespace: 'default' },
  spec: { schedule: '*/5 * * * *', jobTemplate: { spec: { template: { spec: { restartPolicy: 'OnFailure', containers: [{ name: 'hello', image: 'busybox' }] } } } } },
}, m);

export const service = (m?: (o: Loose) => void): KubeObject => make({
  apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'default' },
  spec: { selector: { app: 'web' }, ports: [{ port: 80 }] },
}, m);

export const secret = (m?: (o: Loose) => void): KubeObject =>
  make({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'creds', namespace: 'default' }, data: { password: 'c2VjcmV0' } }, m);

export const configMap = (m?: (o: Loose) => void): KubeObject =>
  make({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg', namespace: 'default' }, data: { 'app.conf': 'x=1' } }, m);

export const namespace = (m?: (o: Loose) => void): KubeObject => make({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-a' } }, m);

export const node = (m?: (o: Loose) => void): KubeObject => make({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'node-1' }, spec: {} }, m);

export function withVersion(o: KubeObject, rv: string): KubeObject {
  o.metadata.resourceVersion = rv;
  o.metadata.uid ??= 'uid-1';
  o.metadata.creationTimestamp ??= '2024-01-01T00:00:00Z';
  return o;
}
