// The resources the controllers watch, from the shared resource table.

import { findResource, type ResourceInfo } from '../../api/resources.js';

function mustFind(group: string, version: string, resource: string): ResourceInfo {
  const r = findResource(group, version, resource);
  if (!r) throw new Error(`resource ${resource}.${group || 'core'}/${version} is not in the resource table`);
  return r;
}

export const PODS = mustFind('', 'v1', 'pods');
export const NODES = mustFind('', 'v1', 'nodes');
export const NAMESPACES = mustFind('', 'v1', 'namespaces');
export const REPLICASETS = mustFind('apps', 'v1', 'replicasets');
export const DEPLOYMENTS = mustFind('apps', 'v1', 'deployments');
export const NODE_LEASES = mustFind('coordination.k8s.io', 'v1', 'leases');
