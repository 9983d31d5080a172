// core/v1 ConfigMap: NAME DATA AGE (DATA counts data and binaryData keys).

import { ageColumn, column, nameColumn } from './columns.js';
import { translateTimestampSince } from './duration.js';
import { size, str } from './fields.js';
import type { KindPrinter } from './types.js';

export const configMapPrinter: KindPrinter = {
  columns: [nameColumn(), column('Data', 'Data contains the configuration data.'), ageColumn()],
  row: (cm, now) => [
    str(cm.metadata.name),
    size(cm.data) + size(cm.binaryData),
    translateTimestampSince(cm.metadata.creationTimestamp, now),
  ],
};
