// core/v1 Namespace: NAME STATUS AGE.

import { ageColumn, column, nameColumn } from './columns.js';
import { translateTimestampSince } from './duration.js';
import { at, str } from './fields.js';
import type { KindPrinter } from './types.js';

export const namespacePrinter: KindPrinter = {
  columns: [nameColumn(), column('Status', 'The status of the namespace'), ageColumn()],
  row: (ns, now) => [
    str(ns.metadata.name),
    str(at(ns, 'status', 'phase')),
    translateTimestampSince(ns.metadata.creationTimestamp, now),
  ],
};
