// core/v1 ServiceAccount: NAME SECRETS AGE.

import { ageColumn, column, nameColumn } from './columns.js';
import { translateTimestampSince } from './duration.js';
import { list, str } from './fields.js';
import type { KindPrinter } from './types.js';

export const serviceAccountPrinter: KindPrinter = {
  columns: [
    nameColumn(),
    column('Secrets', 'Secrets is a list of the secrets in the same namespace that pods running using this ServiceAccount are allowed to use.'),
    ageColumn(),
  ],
  row: (sa, now) => [
    str(sa.metadata.name),
    list(sa.secrets).length,
    translateTimestampSince(sa.metadata.creationTimestamp, now),
  ],
};
