// Wall-clock arithmetic in an IANA time zone, enough to port Go's time.Date/AddDate/Truncate as the
// cron scheduler uses them. Built on Intl (full ICU ships with Node 20).

export interface WallTime {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number;
  minute: number;
  second: number;
  weekday: number; // 0 = Sunday
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric',
      hour: 'numeric', minute: 'numeric', second: 'numeric', weekday: 'short',
    });
    formatters.set(zone, f);
  }
  return f;
}

const WEEKDAYS: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };

/** Whether the zone name is one the runtime knows (time.LoadLocation succeeds). */
export function isKnownTimeZone(zone: string): boolean {
  if (zone === 'UTC' || zone === 'Local') return true;
  try {
    formatter(zone);
    return true;
  } catch {
    return false;
  }
}

/** The wall clock at instant `ms` in `zone`. */
export function wallTime(ms: number, zone: string): WallTime {
  if (zone === 'UTC') {
    const d = new Date(ms);
    return {
      year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: d.getUTCHours(),
      minute: d.getUTCMinutes(), second: d.getUTCSeconds(), weekday: d.getUTCDay(),
    };
  }
  const parts: Record<string, string> = {};
  for (const p of formatter(zone).formatToParts(new Date(ms))) parts[p.type] = p.value;
  return {
    year: Number(parts.year), month: Number(parts.month), day: Number(parts.day), hour: Number(parts.hour),
    minute: Number(parts.minute), second: Number(parts.second), weekday: WEEKDAYS[parts.weekday] ?? 0,
  };
}

/** Offset of `zone` from UTC at instant `ms`, in milliseconds. */
function offsetAt(ms: number, zone: string): number {
  if (zone === 'UTC') return 0;
  const w = wallTime(ms, zone);
  const asUTC = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUTC - (ms - (((ms % 1000) + 1000) % 1000));
}

/**
 * time.Date(year, month, day, hour, min, sec, 0, zone): out-of-range fields normalise; a wall time
 * inside a DST gap or overlap resolves to one of its candidates, as Go does.
 */
export function dateIn(zone: string, year: number, month: number, day: number, hour: number, minute: number, second: number): number {
  const wall = Date.UTC(year, month - 1, day, hour, minute, second);
  if (zone === 'UTC') return wall;
  const guess = wall - offsetAt(wall, zone);
  const off = offsetAt(guess, zone);
  const candidate = wall - off;
  // Prefer the candidate whose wall clock matches; otherwise use the pre-transition offset (Go's choice).
  if (offsetAt(candidate, zone) === off) return candidate;
  return wall - offsetAt(wall - off - 3_600_000, zone);
}
