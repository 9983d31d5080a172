// core/v1 Secret: NAME TYPE DATA AGE.

import { ageColumn, column, nameColumn } from './columns.js';
import { translateTimestampSince } from './duration.js';
import { size, str } from './fields.js';
import type { KindPrinter } from './types.js';

export const secretPrinter: KindPrinter = {
  columns: [
    nameColumn(),
    column('Type', 'Used to facilitate programmatic handling of secret data.'),
    column('Data', 'Data contains the secret data.'),
    ageColumn(),
  ],
  row: (secret, now) => [
    str(secret.metadata.name),
    str(secret.type) || 'Opaque',
    size(secret.data),
    translateTimestampSince(secret.metadata.creationTimestamp, now),
  ],
};
