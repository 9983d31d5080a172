// coordination.k8s.io/v1 Lease: NAME HOLDER AGE.

import { ageColumn, column, nameColumn } from './columns.js';
import { translateTimestampSince } from './duration.js';
import { at, str } from './fields.js';
import type { KindPrinter } from './types.js';

export const leasePrinter: KindPrinter = {
  columns: [
    nameColumn(),
    column('Holder', 'holderIdentity contains the identity of the holder of a current lease.'),
    ageColumn(),
  ],
  row: (lease, now) => [
    str(lease.metadata.name),
    str(at(lease, 'spec', 'holderIdentity')),
    translateTimestampSince(lease.metadata.creationTimestamp, now),
  ],
};
