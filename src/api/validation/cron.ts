// Cron schedules as github.com/robfig/cron/v3 ParseStandard reads them (what the CronJob API and
// controller use): five fields (minute hour day-of-month month day-of-week), descriptors such as
// `@hourly`, `@every 1h30m`, and an optional `TZ=` / `CRON_TZ=` prefix. Error texts match robfig's.

import { dateIn, isKnownTimeZone, wallTime } from './wallclock.js';

interface Bounds { min: number; max: number; names?: Record<string, number> }

const SECONDS: Bounds = { min: 0, max: 59 };
const MINUTES: Bounds = { min: 0, max: 59 };
const HOURS: Bounds = { min: 0, max: 23 };
const DOM: Bounds = { min: 1, max: 31 };
const MONTHS: Bounds = { min: 1, max: 12, names: { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12 } };
const DOW: Bounds = { min: 0, max: 6, names: { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 } };

const STAR_BIT = 1n << 63n;

class CronParseError extends Error {
  override name = 'CronParseError';
}

/** strconv.Atoi with Go's error text. */
function atoi(s: string): number {
  if (!/^[+-]?[0-9]+$/.test(s)) throw new CronParseError(`strconv.Atoi: parsing ${JSON.stringify(s)}: invalid syntax`);
  const v = BigInt(s);
  if (v > 9223372036854775807n || v < -9223372036854775808n) throw new CronParseError(`strconv.Atoi: parsing ${JSON.stringify(s)}: value out of range`);
  return Number(v);
}

function mustParseInt(expr: string): number {
  let n: number;
  try {
    n = atoi(expr);
  } catch (e) {
    throw new CronParseError(`failed to parse int from ${expr}: ${(e as Error).message}`);
  }
  if (n < 0) throw new CronParseError(`negative number (${n}) not allowed: ${expr}`);
  return n;
}

function parseIntOrName(expr: string, names: Record<string, number> | undefined): number {
  if (names) {
    const v = names[expr.toLowerCase()];
    if (v !== undefined) return v;
  }
  return mustParseInt(expr);
}

function getBits(min: number, max: number, step: number): bigint {
  let bits = 0n;
  for (let i = min; i <= max; i += step) bits |= 1n << BigInt(i);
  return bits;
}

function getRange(expr: string, r: Bounds): bigint {
  const rangeAndStep = expr.split('/');
  const lowAndHigh = rangeAndStep[0].split('-');
  const singleDigit = lowAndHigh.length === 1;
  let start: number;
  let end: number;
  let extra = 0n;
  if (lowAndHigh[0] === '*' || lowAndHigh[0] === '?') {
    start = r.min;
    end = r.max;
    extra = STAR_BIT;
  } else {
    start = parseIntOrName(lowAndHigh[0], r.names);
    if (lowAndHigh.length === 1) end = start;
    else if (lowAndHigh.length === 2) end = parseIntOrName(lowAndHigh[1], r.names);
    else throw new CronParseError(`too many hyphens: ${expr}`);
  }
  let step: number;
  if (rangeAndStep.length === 1) {
    step = 1;
  } else if (rangeAndStep.length === 2) {
    step = mustParseInt(rangeAndStep[1]);
    if (singleDigit) end = r.max;
    if (step > 1) extra = 0n;
  } else {
    throw new CronParseError(`too many slashes: ${expr}`);
  }
  if (start < r.min) throw new CronParseError(`beginning of range (${start}) below minimum (${r.min}): ${expr}`);
  if (end > r.max) throw new CronParseError(`end of range (${end}) above maximum (${r.max}): ${expr}`);
  if (start > end) throw new CronParseError(`beginning of range (${start}) beyond end of range (${end}): ${expr}`);
  if (step === 0) throw new CronParseError(`step of range should be a positive number: ${expr}`);
  return getBits(start, end, step) | extra;
}

function getField(field: string, r: Bounds): bigint {
  let bits = 0n;
  for (const expr of field.split(',').filter((x) => x !== '')) bits |= getRange(expr, r);
  return bits;
}

const has = (bits: bigint, v: number): boolean => ((bits >> BigInt(v)) & 1n) === 1n;

/** A parsed schedule. `next(after)` is the first activation strictly after `after` (the zero Date when none within five years). */
export interface CronSchedule {
  readonly spec: string;
  /** IANA zone the fields are read in. */
  readonly timeZone: string;
  next(after: Date): Date;
}

/** Go's zero time.Time, returned by Next when no time matches within five years. */
export const ZERO_TIME = new Date('0001-01-01T00:00:00Z');

class SpecSchedule implements CronSchedule {
  constructor(
    readonly spec: string,
    readonly timeZone: string,
    private readonly second: bigint,
    private readonly minute: bigint,
    private readonly hour: bigint,
    private readonly dom: bigint,
    private readonly month: bigint,
    private readonly dow: bigint,
  ) {}

  private dayMatches(w: { day: number; weekday: number }): boolean {
    const domMatch = has(this.dom, w.day);
    const dowMatch = has(this.dow, w.weekday);
    if ((this.dom & STAR_BIT) !== 0n || (this.dow & STAR_BIT) !== 0n) return domMatch && dowMatch;
    return domMatch || dowMatch;
  }

  next(after: Date): Date {
    const zone = this.timeZone;
    // Start at the upcoming whole second.
    let t = Math.floor(after.getTime() / 1000) * 1000 + 1000;
    let added = false;
    const yearLimit = wallTime(t, zone).year + 5;
    wrap: for (;;) {
      let w = wallTime(t, zone);
      if (w.year > yearLimit) return new Date(ZERO_TIME.getTime());
      while (!has(this.month, w.month)) {
        if (!added) {
          added = true;
          t = dateIn(zone, w.year, w.month, 1, 0, 0, 0);
          w = wallTime(t, zone);
        }
        t = dateIn(zone, w.year, w.month + 1, w.day, w.hour, w.minute, w.second);
        w = wallTime(t, zone);
        if (w.month === 1) continue wrap;
      }
      while (!this.dayMatches(w)) {
        if (!added) {
          added = true;
          t = dateIn(zone, w.year, w.month, w.day, 0, 0, 0);
          w = wallTime(t, zone);
        }
        t = dateIn(zone, w.year, w.month, w.day + 1, w.hour, w.minute, w.second);
        w = wallTime(t, zone);
        if (w.hour !== 0) {
          t += (w.hour > 12 ? 24 - w.hour : -w.hour) * 3_600_000;
          w = wallTime(t, zone);
        }
        if (w.day === 1) continue wrap;
      }
      while (!has(this.hour, w.hour)) {
        if (!added) {
          added = true;
          t = dateIn(zone, w.year, w.month, w.day, w.hour, 0, 0);
        }
        t += 3_600_000;
        w = wallTime(t, zone);
        if (w.hour === 0) continue wrap;
      }
      while (!has(this.minute, w.minute)) {
        if (!added) {
          added = true;
          t = Math.floor(t / 60_000) * 60_000;
        }
        t += 60_000;
        w = wallTime(t, zone);
        if (w.minute === 0) continue wrap;
      }
      while (!has(this.second, w.second)) {
        if (!added) {
          added = true;
          t = Math.floor(t / 1000) * 1000;
        }
        t += 1000;
        w = wallTime(t, zone);
        if (w.second === 0) continue wrap;
      }
      return new Date(t);
    }
  }
}

class ConstantDelaySchedule implements CronSchedule {
  constructor(readonly spec: string, readonly timeZone: string, readonly delayMs: number) {}

  next(after: Date): Date {
    return new Date(Math.floor(after.getTime() / 1000) * 1000 + this.delayMs);
  }
}

const DURATION_UNITS: Record<string, number> = { ns: 1e-6, us: 1e-3, 'µs': 1e-3, 'μs': 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** time.ParseDuration, in milliseconds, with Go's error texts. */
export function parseGoDuration(s: string): number {
  const quoted = JSON.stringify(s);
  let rest = s;
  let sign = 1;
  if (rest.startsWith('-') || rest.startsWith('+')) {
    sign = rest.startsWith('-') ? -1 : 1;
    rest = rest.slice(1);
  }
  if (rest === '0') return 0;
  if (rest === '') throw new CronParseError(`time: invalid duration ${quoted}`);
  let total = 0;
  while (rest !== '') {
    const m = /^([0-9]*)(\.[0-9]*)?/.exec(rest);
    const numText = m ? m[0] : '';
    if (numText === '' || numText === '.') throw new CronParseError(`time: invalid duration ${quoted}`);
    rest = rest.slice(numText.length);
    const u = /^[^0-9.]*/.exec(rest)?.[0] ?? '';
    if (u === '') throw new CronParseError(`time: missing unit in duration ${quoted}`);
    const unit = DURATION_UNITS[u];
    if (unit === undefined) throw new CronParseError(`time: unknown unit ${JSON.stringify(u)} in duration ${quoted}`);
    total += Number(numText) * unit;
    rest = rest.slice(u.length);
  }
  return sign * total;
}

function parseDescriptor(descriptor: string, spec: string, zone: string): CronSchedule {
  const make = (s: string, m: string, h: string, dom: string, mon: string, dow: string): CronSchedule =>
    new SpecSchedule(spec, zone, getField(s, SECONDS), getField(m, MINUTES), getField(h, HOURS), getField(dom, DOM), getField(mon, MONTHS), getField(dow, DOW));
  switch (descriptor) {
    case '@yearly': case '@annually': return make('0', '0', '0', '1', '1', '*');
    case '@monthly': return make('0', '0', '0', '1', '*', '*');
    case '@weekly': return make('0', '0', '0', '*', '*', '0');
    case '@daily': case '@midnight': return make('0', '0', '0', '*', '*', '*');
    case '@hourly': return make('0', '0', '*', '*', '*', '*');
    default:
  }
  const every = '@every ';
  if (descriptor.startsWith(every)) {
    let ms: number;
    try {
      ms = parseGoDuration(descriptor.slice(every.length));
    } catch (e) {
      throw new CronParseError(`failed to parse duration ${descriptor}: ${(e as Error).message}`);
    }
    const delay = Math.max(1000, ms) - (Math.max(1000, ms) % 1000);
    return new ConstantDelaySchedule(spec, zone, delay);
  }
  throw new CronParseError(`unrecognized descriptor: ${descriptor}`);
}

export type ParseResult = { ok: true; schedule: CronSchedule } | { ok: false; error: string };

export interface ParseOptions {
  /** Zone used when the spec carries no TZ= prefix (the CronJob's spec.timeZone; default UTC). */
  timeZone?: string;
}

/** cron.ParseStandard. */
export function parse(spec: string, opts: ParseOptions = {}): ParseResult {
  const zone = opts.timeZone ?? 'UTC';
  if (!isKnownTimeZone(zone)) return { ok: false, error: `provided bad location ${zone}: unknown time zone ${zone}` };
  try {
    return { ok: true, schedule: parseOrThrow(spec, zone === 'Local' ? 'UTC' : zone) };
  } catch (e) {
    if (e instanceof CronParseError) return { ok: false, error: e.message };
    throw e;
  }
}

function parseOrThrow(original: string, defaultZone: string): CronSchedule {
  let spec = original;
  if (spec.length === 0) throw new CronParseError('empty spec string');
  let zone = defaultZone;
  if (spec.startsWith('TZ=') || spec.startsWith('CRON_TZ=')) {
    const i = spec.indexOf(' ');
    const eq = spec.indexOf('=');
    const name = i < 0 ? spec.slice(eq + 1) : spec.slice(eq + 1, i);
    if (!isKnownTimeZone(name)) throw new CronParseError(`provided bad location ${name}: unknown time zone ${name}`);
    zone = name === 'Local' ? 'UTC' : name;
    spec = i < 0 ? '' : spec.slice(i).trim();
  }
  if (spec.startsWith('@')) return parseDescriptor(spec, original, zone);
  const fields = spec.split(/\s+/).filter((f) => f !== '');
  if (fields.length !== 5) throw new CronParseError(`expected exactly 5 fields, found ${fields.length}: [${fields.join(' ')}]`);
  const [minute, hour, dom, month, dow] = fields;
  const second = getField('0', SECONDS);
  const mi = getField(minute, MINUTES);
  const h = getField(hour, HOURS);
  const d = getField(dom, DOM);
  const mo = getField(month, MONTHS);
  const w = getField(dow, DOW);
  return new SpecSchedule(original, zone, second, mi, h, d, mo, w);
}

/** The next activation of `schedule` after `after`. */
export function next(schedule: CronSchedule, after: Date): Date {
  return schedule.next(after);
}
