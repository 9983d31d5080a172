// The printers' time cells: translateTimestampSince renders an Age from a timestamp with
// apimachinery's HumanDuration (src/machinery/duration.ts).

import { humanDuration, shortHumanDuration } from '../../machinery/duration.js';

export { humanDuration, shortHumanDuration };

/** Milliseconds since the epoch of an RFC 3339 timestamp, or undefined when absent or unparsable. */
export function parseTimestamp(ts: unknown): number | undefined {
  if (typeof ts !== 'string' || ts === '') return undefined;
  const t = Date.parse(ts);
  return Number.isNaN(t) ? undefined : t;
}

/** Elapsed time since `ts` (an RFC 3339 string) at `now`; "<unknown>" when unset. */
export function translateTimestampSince(ts: unknown, now: number): string {
  const t = parseTimestamp(ts);
  return t === undefined ? '<unknown>' : humanDuration(now - t);
}
