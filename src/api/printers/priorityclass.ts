// scheduling.k8s.io/v1 PriorityClass: NAME VALUE GLOBAL-DEFAULT AGE | PREEMPTIONPOLICY.

import { ageColumn, column, nameColumn } from './columns.js';
import { translateTimestampSince } from './duration.js';
import { at, int, str } from './fields.js';
import type { KindPrinter } from './types.js';

export const priorityClassPrinter: KindPrinter = {
  columns: [
    nameColumn(),
    column('Value', 'The value of this priority class.', { type: 'integer' }),
    column('Global-Default', 'Whether this class is the default for pods that name none.', { type: 'boolean' }),
    ageColumn(),
    column('PreemptionPolicy', 'The preemption policy of pods of this class.', { priority: 1 }),
  ],
  row: (pc, now) => [
    str(pc.metadata.name),
    int(at(pc, 'value')),
    at(pc, 'globalDefault') === true,
    translateTimestampSince(pc.metadata.creationTimestamp, now),
    str(at(pc, 'preemptionPolicy') ?? 'PreemptLowerPriority'),
  ],
};
