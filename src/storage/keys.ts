// Storage keys for API objects: /registry/<group or 'core'>/<resource>/<namespace>/<name>.
// Cluster-scoped objects have no namespace segment.

export interface ResourceRef {
  group: string;
  resource: string;
}

function segment(kind: string, value: string): string {
  if (value === '' || value.includes('/')) {
    throw new RangeError(`invalid ${kind} for a storage key: ${JSON.stringify(value)} (must be non-empty and contain no '/')`);
  }
  return value;
}

/** The prefix every object of the resource (in namespace, when given) is stored under; ends with '/'. */
export function registryPrefix(r: ResourceRef, namespace?: string): string {
  const base = `/registry/${r.group === '' ? 'core' : segment('group', r.group)}/${segment('resource', r.resource)}/`;
  return namespace === undefined || namespace === '' ? base : `${base}${segment('namespace', namespace)}/`;
}

/** The key of one object; namespace undefined or '' for cluster-scoped objects. */
export function registryKey(r: ResourceRef, namespace: string | undefined, name: string): string {
  return `${registryPrefix(r, namespace)}${segment('name', name)}`;
}
