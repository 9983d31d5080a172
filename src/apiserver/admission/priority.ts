// Priority admission: resolves spec.priorityClassName to spec.priority (and preemptionPolicy),
// using the global default PriorityClass when none is named, as upstream.

import type { AdmissionPlugin } from '../registry/generic.js';
import type { KubeObject } from '../../api/types.js';
import { StatusError } from '../../machinery/errors.js';

/** Built-in classes upstream always serves. */
export const SYSTEM_PRIORITY_CLASSES: Record<string, number> = {
  'system-node-critical': 2000001000,
  'system-cluster-critical': 2000000000,
};

export function priorityAdmission(list: () => KubeObject[]): AdmissionPlugin {
  return {
    name: 'Priority',
    admit(op, obj, _old, ctx) {
      if (op !== 'CREATE' || ctx.resource.kind !== 'Pod' || ctx.resource.group !== '' || ctx.subresource) return;
      const spec = (obj.spec ??= {}) as { priorityClassName?: string; priority?: number; preemptionPolicy?: string };
      const classes = list();
      let value = 0;
      let policy = 'PreemptLowerPriority';
      if (spec.priorityClassName) {
        const name = spec.priorityClassName;
        const pc = classes.find((c) => c.metadata.name === name);
        if (pc) {
          value = Number(pc.value ?? 0);
          policy = String(pc.preemptionPolicy ?? policy);
        } else if (SYSTEM_PRIORITY_CLASSES[name] !== undefined) {
          value = SYSTEM_PRIORITY_CLASSES[name]!;
        } else {
          throw new StatusError(403, 'Forbidden', `pods "${obj.metadata.name ?? obj.metadata.generateName ?? ''}" is forbidden: no PriorityClass with name ${name} was found`, { name: obj.metadata.name, kind: 'pods' });
        }
      } else {
        const dflt = classes.find((c) => c.globalDefault === true);
        if (dflt) {
          value = Number(dflt.value ?? 0);
          policy = String(dflt.preemptionPolicy ?? policy);
          spec.priorityClassName = dflt.metadata.name;
        }
      }
      if (spec.priority !== undefined && spec.priority !== value) {
        throw new StatusError(403, 'Forbidden', `pods "${obj.metadata.name ?? ''}" is forbidden: the integer value of priority (${spec.priority}) must not be provided in pod spec; priority admission controller computed ${value} from the given PriorityClass name`, { name: obj.metadata.name, kind: 'pods' });
      }
      spec.priority = value;
      spec.preemptionPolicy ??= policy;
    },
  };
}
