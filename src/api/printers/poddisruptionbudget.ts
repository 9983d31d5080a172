// policy/v1 PodDisruptionBudget: NAME MIN AVAILABLE MAX UNAVAILABLE ALLOWED DISRUPTIONS AGE.

import { ageColumn, column, nameColumn } from './columns.js';
import { translateTimestampSince } from './duration.js';
import { at, int, str } from './fields.js';
import type { KindPrinter } from './types.js';

const intOrStr = (v: unknown): string => (v === undefined || v === null ? 'N/A' : String(v));

export const podDisruptionBudgetPrinter: KindPrinter = {
  columns: [
    nameColumn(),
    column('Min Available', 'The minimum number of pods that must be available.'),
    column('Max Unavailable', 'The maximum number of pods that may be unavailable.'),
    column('Allowed Disruptions', 'Calculated number of pods that may be disrupted at this time.', { type: 'integer' }),
    ageColumn(),
  ],
  row: (pdb, now) => [
    str(pdb.metadata.name),
    intOrStr(at(pdb, 'spec', 'minAvailable')),
    intOrStr(at(pdb, 'spec', 'maxUnavailable')),
    int(at(pdb, 'status', 'disruptionsAllowed')),
    translateTimestampSince(pdb.metadata.creationTimestamp, now),
  ],
};
