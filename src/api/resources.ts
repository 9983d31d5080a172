// The resource kinds kite serves: the single table discovery, routing, storage keys and OpenAPI
// are derived from.

export interface SubresourceInfo {
  name: string; // 'status' | 'scale' | 'binding' | 'eviction' | 'log' ...
  group: string;
  version: string;
  kind: string;
  verbs: string[];
}

export interface ResourceInfo {
  group: string; // '' for core
  version: string;
  resource: string; // plural: 'deployments'
  singular: string; // 'deployment'
  kind: string; // 'Deployment'
  listKind: string; // 'DeploymentList'
  namespaced: boolean;
  shortNames: string[];
  categories: string[];
  verbs: string[];
  subresources: SubresourceInfo[];
  /** Kinds whose spec changes bump metadata.generation (all with a status subresource, as upstream). */
  hasStatus: boolean;
}

const ALL_VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

interface Def {
  kind: string;
  resource?: string;
  namespaced?: boolean;
  shortNames?: string[];
  categories?: string[];
  status?: boolean;
  scale?: boolean;
  extra?: SubresourceInfo[];
  verbs?: string[];
}

function build(group: string, version: string, defs: Def[]): ResourceInfo[] {
  return defs.map((d) => {
    const resource = d.resource ?? `${d.kind.toLowerCase()}s`;
    const subresources: SubresourceInfo[] = [];
    if (d.status) subresources.push({ name: 'status', group, version, kind: d.kind, verbs: ['get', 'patch', 'update'] });
    if (d.scale) subresources.push({ name: 'scale', group: 'autoscaling', version: 'v1', kind: 'Scale', verbs: ['get', 'patch', 'update'] });
    subresources.push(...(d.extra ?? []));
    return {
      group, version, resource,
      singular: d.kind.toLowerCase(),
      kind: d.kind,
      listKind: `${d.kind}List`,
      namespaced: d.namespaced ?? true,
      shortNames: d.shortNames ?? [],
      categories: d.categories ?? [],
      verbs: d.verbs ?? ALL_VERBS,
      subresources,
      hasStatus: d.status ?? false,
    };
  });
}

const sub = (name: string, group: string, version: string, kind: string, verbs: string[]): SubresourceInfo => ({ name, group, version, kind, verbs });

/** In discovery order; `kubectl get all` lists category "all" in this order. */
export const RESOURCES: ResourceInfo[] = [
  ...build('', 'v1', [
    { kind: 'Binding', resource: 'bindings', verbs: ['create'] },
    { kind: 'ConfigMap', shortNames: ['cm'] },
    { kind: 'Endpoints', resource: 'endpoints', shortNames: ['ep'] },
    { kind: 'Event', shortNames: ['ev'] },
    { kind: 'Namespace', namespaced: false, shortNames: ['ns'], status: true, extra: [sub('finalize', '', 'v1', 'Namespace', ['update'])], verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'] },
    { kind: 'Node', namespaced: false, shortNames: ['no'], status: true },
    { kind: 'Pod', shortNames: ['po'], categories: ['all'], status: true, extra: [
      sub('binding', '', 'v1', 'Binding', ['create']),
      sub('eviction', 'policy', 'v1', 'Eviction', ['create']),
      sub('log', '', 'v1', 'Pod', ['get']),
    ] },
    { kind: 'ResourceQuota', shortNames: ['quota'], status: true },
    { kind: 'Secret' },
    { kind: 'ServiceAccount', shortNames: ['sa'] },
    { kind: 'Service', shortNames: ['svc'], categories: ['all'], status: true },
  ]),
  ...build('apps', 'v1', [
    { kind: 'ControllerRevision' },
    { kind: 'DaemonSet', shortNames: ['ds'], categories: ['all'], status: true },
    { kind: 'Deployment', shortNames: ['deploy'], categories: ['all'], status: true, scale: true },
    { kind: 'ReplicaSet', shortNames: ['rs'], categories: ['all'], status: true, scale: true },
    { kind: 'StatefulSet', shortNames: ['sts'], categories: ['all'], status: true, scale: true },
  ]),
  ...build('batch', 'v1', [
    { kind: 'CronJob', shortNames: ['cj'], categories: ['all'], status: true },
    { kind: 'Job', categories: ['all'], status: true },
  ]),
  ...build('coordination.k8s.io', 'v1', [{ kind: 'Lease' }]),
  ...build('events.k8s.io', 'v1', [{ kind: 'Event', shortNames: ['ev'] }]),
  ...build('policy', 'v1', [{ kind: 'PodDisruptionBudget', shortNames: ['pdb'], status: true }]),
  ...build('scheduling.k8s.io', 'v1', [{ kind: 'PriorityClass', resource: 'priorityclasses', namespaced: false, shortNames: ['pc'] }]),
];

export function groupVersion(r: { group: string; version: string }): string {
  return r.group ? `${r.group}/${r.version}` : r.version;
}

export function apiVersionOf(r: ResourceInfo): string {
  return groupVersion(r);
}

export function findResource(group: string, version: string, resource: string): ResourceInfo | undefined {
  return RESOURCES.find((r) => r.group === group && r.version === version && r.resource === resource);
}

export function findByKind(apiVersion: string, kind: string): ResourceInfo | undefined {
  return RESOURCES.find((r) => groupVersion(r) === apiVersion && r.kind === kind);
}

/** Group-versions served, core first, in discovery order. */
export function groupVersions(): { group: string; version: string }[] {
  const seen = new Map<string, { group: string; version: string }>();
  for (const r of RESOURCES) seen.set(groupVersion(r), { group: r.group, version: r.version });
  return [...seen.values()];
}
