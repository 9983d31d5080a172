// SchedulingGates: a pod with spec.schedulingGates stays out of the active queue until they are
// all removed.

import type { Pod } from '../../api-types.js';
import type { PreEnqueuePlugin } from '../../framework/interfaces.js';
import { SUCCESS, Status } from '../../framework/status.js';

export const NAME = 'SchedulingGates';

export class SchedulingGates implements PreEnqueuePlugin {
  readonly name = NAME;

  preEnqueue(pod: Pod): Status {
    const gates = pod.spec?.schedulingGates ?? [];
    if (gates.length === 0) return SUCCESS;
    return new Status('UnschedulableAndUnresolvable', [`waiting for scheduling gates: [${gates.map((g) => g.name).join(' ')}]`], NAME);
  }
}
