// NamespaceLifecycle admission: namespaced objects need an existing namespace that is not
// terminating; the system namespaces cannot be deleted.

import type { AdmissionPlugin } from '../registry/generic.js';
import type { KubeObject } from '../../api/types.js';
import { StatusError, notFound, forbidden } from '../../machinery/errors.js';

export const SYSTEM_NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];

export function namespaceLifecycle(lookup: (name: string) => KubeObject | undefined): AdmissionPlugin {
  return {
    name: 'NamespaceLifecycle',
    admit(op, obj, _old, ctx) {
      const r = ctx.resource;
      if (r.kind === 'Namespace' && r.group === '' && op === 'DELETE' && SYSTEM_NAMESPACES.includes(obj.metadata.name ?? '')) {
        throw forbidden({ group: '', resource: 'namespaces' }, obj.metadata.name ?? '', 'this namespace may not be deleted');
      }
      if (!r.namespaced || op !== 'CREATE') return;
      const name = obj.metadata.namespace ?? ctx.namespace;
      const ns = lookup(name);
      if (!ns) throw notFound({ group: '', resource: 'namespaces' }, name);
      // Events may still be written into a terminating namespace, as upstream allows.
      const exempt = r.kind === 'Event' || (r.group === '' && r.kind === 'Binding');
      if (ns.metadata.deletionTimestamp && !exempt) {
        throw new StatusError(403, 'Forbidden', `${r.group ? `${r.resource}.${r.group}` : r.resource} "${obj.metadata.name ?? obj.metadata.generateName ?? ''}" is forbidden: unable to create new content in namespace ${name} because it is being terminated`, {
          name: obj.metadata.name, group: r.group || undefined, kind: r.resource,
          causes: [{ reason: 'NamespaceTerminating', message: `namespace ${name} is being terminated`, field: 'metadata.namespace' }],
        });
      }
    },
  };
}
