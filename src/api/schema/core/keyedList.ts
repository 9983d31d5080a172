// A list merged by key under server-side apply only: `+listType=map` without the strategic merge
// patch markers (upstream leaves `patchStrategy` off these, so strategic merge replaces them).

import type { OpenAPISchema } from '../types.js';

export const keyedList = (items: OpenAPISchema, keys: string | string[]): OpenAPISchema => ({
  type: 'array',
  items,
  'x-kubernetes-list-type': 'map',
  'x-kubernetes-list-map-keys': Array.isArray(keys) ? keys : [keys],
});
