// core/v1 Endpoints: NAME ENDPOINTS AGE, at most three addresses then `+ N more...`.

import type { KubeObject } from '../types.js';
import { ageColumn, column, nameColumn } from './columns.js';
import { translateTimestampSince } from './duration.js';
import { int, list, str } from './fields.js';
import type { KindPrinter, TableCell } from './types.js';

const MAX_SHOWN = 3;

/** net.JoinHostPort: IPv6 addresses are bracketed. */
function joinHostPort(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/** `10.0.0.1:80,10.0.0.2:80,10.0.0.3:80 + 2 more...`; `<none>` without subsets. */
export function formatEndpoints(endpoints: KubeObject): string {
  const subsets = list(endpoints.subsets);
  if (subsets.length === 0) return '<none>';
  const shown: string[] = [];
  let more = false;
  let count = 0;
  for (const ss of subsets) {
    const addresses = list(ss.addresses);
    const ports = list(ss.ports);
    if (ports.length === 0) {
      // Headless services may have no ports.
      count += addresses.length;
      for (const a of addresses) {
        if (shown.length === MAX_SHOWN) { more = true; break; }
        shown.push(str(a.ip));
      }
      continue;
    }
    for (const port of ports) {
      count += addresses.length;
      for (const a of addresses) {
        if (shown.length === MAX_SHOWN) { more = true; break; }
        shown.push(joinHostPort(str(a.ip), int(port.port)));
      }
    }
  }
  const joined = shown.join(',');
  return more ? `${joined} + ${count - MAX_SHOWN} more...` : joined;
}

export const endpointsPrinter: KindPrinter = {
  columns: [
    nameColumn(),
    column('Endpoints', 'The set of all endpoints is the union of all subsets.'),
    ageColumn(),
  ],
  row: (ep: KubeObject, now: number): TableCell[] => [
    str(ep.metadata.name),
    formatEndpoints(ep),
    translateTimestampSince(ep.metadata.creationTimestamp, now),
  ],
};
