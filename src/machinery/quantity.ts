// resource.Quantity, as k8s.io/apimachinery/pkg/api/resource: fixed-point amounts such as `100m`,
// `1.5Gi`, `1e3`. Held exactly as a bigint count of nano-units (10^-9), which is the finest precision
// upstream keeps (smaller amounts are rounded up, away from zero, to 1n).

import { badRequest } from './errors.js';

export type QuantityFormat = 'DecimalExponent' | 'BinarySI' | 'DecimalSI';

const SPLIT_RE = '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$';
export const QUANTITY_FORMAT_ERROR = `quantities must match the regular expression '${SPLIT_RE}'`;
export const QUANTITY_NUMERIC_ERROR = 'unable to parse numeric part of quantity';
export const QUANTITY_SUFFIX_ERROR = "unable to parse quantity's suffix";

const NANO = 1_000_000_000n;
const MAX_INT64 = 9223372036854775807n;
/** Beyond this many decimal places of magnitude we refuse to expand (upstream would allocate without bound). */
const MAX_DECIMAL_EXPONENT = 1000;

const DEC_SUFFIXES: Readonly<Record<string, number>> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BIN_SUFFIXES: Readonly<Record<string, number>> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const DEC_BY_EXP: ReadonlyMap<number, string> = new Map(Object.entries(DEC_SUFFIXES).map(([k, v]) => [v, k]));
const BIN_BY_EXP = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];

const hasOwn = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);
const abs = (v: bigint): bigint => (v < 0n ? -v : v);
const pow10 = (n: number): bigint => 10n ** BigInt(n);

/** Divides, rounding the magnitude up (away from zero). */
function divAway(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b === 0n ? q : a < 0n ? q - 1n : q + 1n;
}

class QuantityError extends Error {
  override name = 'QuantityError';
}

interface Scanned { positive: boolean; num: string; denom: string; suffix: string }

/** parseQuantityString: splits sign, integer digits, fraction digits and suffix. */
function scan(str: string): Scanned {
  let positive = true;
  let pos = 0;
  const end = str.length;
  if (pos < end && (str[0] === '-' || str[0] === '+')) {
    positive = str[0] !== '-';
    pos++;
  }
  while (pos < end && str[pos] === '0') pos++;
  if (pos >= end) return { positive, num: '0', denom: '', suffix: '' };
  const numStart = pos;
  while (pos < end && isDigit(str[pos]!)) pos++;
  let num = str.slice(numStart, pos);
  if (pos >= end) return { positive, num: num || '0', denom: '', suffix: '' };
  if (num.length === 0) num = '0';
  let denom = '';
  if (str[pos] === '.') {
    pos++;
    const dStart = pos;
    while (pos < end && isDigit(str[pos]!)) pos++;
    denom = str.slice(dStart, pos);
    if (pos >= end) return { positive, num, denom, suffix: '' };
  }
  const suffixStart = pos;
  while (pos < end && 'eEinumkKMGTP'.includes(str[pos]!)) pos++;
  if (pos >= end) return { positive, num, denom, suffix: str.slice(suffixStart) };
  if (str[pos] === '-' || str[pos] === '+') pos++;
  while (pos < end && isDigit(str[pos]!)) pos++;
  if (pos >= end) return { positive, num, denom, suffix: str.slice(suffixStart) };
  throw new QuantityError(QUANTITY_FORMAT_ERROR);
}

function isDigit(c: string): boolean {
  return c >= '0' && c <= '9';
}

interface Suffix { base: 2 | 10; exponent: number; format: QuantityFormat }

function interpretSuffix(s: string): Suffix | undefined {
  if (hasOwn(DEC_SUFFIXES, s)) return { base: 10, exponent: DEC_SUFFIXES[s]!, format: 'DecimalSI' };
  if (hasOwn(BIN_SUFFIXES, s)) return { base: 2, exponent: BIN_SUFFIXES[s]!, format: 'BinarySI' };
  if (s.length > 1 && (s[0] === 'e' || s[0] === 'E')) {
    const rest = s.slice(1);
    if (!/^[+-]?[0-9]+$/.test(rest)) return undefined;
    const v = BigInt(rest);
    // The exponent must fit an int32 scale that can be negated: [-MaxInt32, MaxInt32].
    if (v > 2147483647n || v < -2147483647n) return undefined;
    return { base: 10, exponent: Number(v), format: 'DecimalExponent' };
  }
  return undefined;
}

export class Quantity {
  /** Cached canonical string; upstream also keeps the input text when it was already canonical. */
  private s: string | undefined;

  /** Prefer {@link parseQuantity} and the static constructors; `s` is the cached canonical text. */
  constructor(
    /** The amount in nano-units (value × 10^9). */
    readonly nanos: bigint,
    readonly format: QuantityFormat,
    s?: string,
  ) {
    this.s = s;
  }

  // ---- construction ----

  /** Parses a quantity string (or a JSON number); throws StatusError 400 with upstream's message. */
  static parse(input: string | number): Quantity {
    try {
      return parseInternal(typeof input === 'number' ? numberText(input) : input);
    } catch (e) {
      if (e instanceof QuantityError) throw badRequest(e.message);
      throw e;
    }
  }

  /** value × 10^scale, e.g. `fromScaled(5, -3)` is 5m. */
  static fromScaled(value: number | bigint, scale: number, format: QuantityFormat = 'DecimalSI'): Quantity {
    const v = toBigInt(value);
    const shift = scale + 9;
    return new Quantity(shift >= 0 ? v * pow10(shift) : divAway(v, pow10(-shift)), format);
  }

  static fromValue(value: number | bigint, format: QuantityFormat = 'DecimalSI'): Quantity {
    return Quantity.fromScaled(value, 0, format);
  }

  static fromMilli(value: number | bigint, format: QuantityFormat = 'DecimalSI'): Quantity {
    return Quantity.fromScaled(value, -3, format);
  }

  static fromNanos(nanos: bigint, format: QuantityFormat = 'DecimalSI'): Quantity {
    return new Quantity(nanos, format);
  }

  static zero(format: QuantityFormat = 'DecimalSI'): Quantity {
    return new Quantity(0n, format);
  }

  // ---- reading ----

  isZero(): boolean { return this.nanos === 0n; }

  sign(): -1 | 0 | 1 { return this.nanos === 0n ? 0 : this.nanos < 0n ? -1 : 1; }

  /** ceil(q / 10^scale), rounding away from zero, exactly. */
  scaledValueBig(scale: number): bigint {
    const shift = scale + 9;
    return shift >= 0 ? divAway(this.nanos, pow10(shift)) : this.nanos * pow10(-shift);
  }

  /** The value rounded up (away from zero) to an integer. */
  valueBig(): bigint { return this.scaledValueBig(0); }

  /** ceil(q × 1000), e.g. CPU millicores. */
  milliValueBig(): bigint { return this.scaledValueBig(-3); }

  /** {@link valueBig} as a number (exact below 2^53). */
  value(): number { return Number(this.valueBig()); }

  /** {@link milliValueBig} as a number (exact below 2^53). */
  milliValue(): number { return Number(this.milliValueBig()); }

  /** {@link scaledValueBig} as a number. */
  scaledValue(scale: number): number { return Number(this.scaledValueBig(scale)); }

  asApproximateFloat64(): number { return Number(this.nanos) / 1e9; }

  cmp(other: Quantity): -1 | 0 | 1 {
    return this.nanos < other.nanos ? -1 : this.nanos > other.nanos ? 1 : 0;
  }

  equals(other: Quantity): boolean { return this.nanos === other.nanos; }

  // ---- arithmetic (new values; a zero receiver takes the other's format, as upstream) ----

  add(other: Quantity): Quantity {
    return new Quantity(this.nanos + other.nanos, this.nanos === 0n ? other.format : this.format);
  }

  sub(other: Quantity): Quantity {
    return new Quantity(this.nanos - other.nanos, this.nanos === 0n ? other.format : this.format);
  }

  mul(factor: number | bigint): Quantity {
    return new Quantity(this.nanos * toBigInt(factor), this.format);
  }

  neg(): Quantity {
    return new Quantity(-this.nanos, this.format);
  }

  /** Rounds up (away from zero) to a multiple of 10^scale, e.g. `roundUp(-3)` to whole millis. */
  roundUp(scale: number): Quantity {
    const shift = scale + 9;
    if (shift <= 0) return this;
    const unit = pow10(shift);
    return new Quantity(divAway(this.nanos, unit) * unit, this.format);
  }

  withFormat(format: QuantityFormat): Quantity {
    return format === this.format ? this : new Quantity(this.nanos, format);
  }

  // ---- text ----

  /** The canonical form (`1500m`, `1536Mi`, `1e3`), or the input text when that was already canonical. */
  toString(): string {
    if (this.s === undefined) this.s = canonical(this.nanos, this.format);
    return this.s;
  }

  toJSON(): string { return this.toString(); }
}

function toBigInt(v: number | bigint): bigint {
  if (typeof v === 'bigint') return v;
  if (!Number.isInteger(v)) throw new RangeError(`not an integer: ${v}`);
  return BigInt(v);
}

/** The text a JSON number had (as near as a JS number can tell). */
function numberText(n: number): string {
  if (!Number.isFinite(n)) throw new QuantityError(QUANTITY_FORMAT_ERROR);
  return String(n);
}

function parseInternal(str: string): Quantity {
  if (str.length === 0) throw new QuantityError(QUANTITY_FORMAT_ERROR);
  if (str === '0') return new Quantity(0n, 'DecimalSI', '0');
  const { positive, num, denom, suffix } = scan(str);
  const suf = interpretSuffix(suffix);
  if (!suf) throw new QuantityError(QUANTITY_SUFFIX_ERROR);
  let format = suf.format;

  const digits = BigInt(num + denom);
  let mag: bigint;
  if (suf.base === 10) {
    const shift = suf.exponent - denom.length + 9;
    if (shift > MAX_DECIMAL_EXPONENT) throw new QuantityError(QUANTITY_NUMERIC_ERROR);
    if (shift >= 0) mag = digits * pow10(shift);
    else if (digits === 0n) mag = 0n;
    else if (-shift > (num + denom).length) mag = 1n; // smaller than 1n: rounds up to 1n
    else mag = divAway(digits, pow10(-shift));
  } else {
    const scaled = digits << BigInt(suf.exponent);
    const shift = 9 - denom.length;
    mag = shift >= 0 ? scaled * pow10(shift) : divAway(scaled, pow10(-shift));
    if (mag > MAX_INT64 * NANO) mag = MAX_INT64 * NANO;
    if (mag > 0n && mag < NANO) format = 'DecimalSI';
  }
  const nanos = positive ? mag : -mag;
  return new Quantity(nanos, format, reusableText(str, num, denom, suf));
}

/** Upstream keeps the input string verbatim when its fast path finds it already canonical. */
function reusableText(str: string, num: string, denom: string, suf: Suffix): string | undefined {
  const shifted = num + denom;
  if (suf.format === 'BinarySI') {
    if (denom.length !== 0) return undefined;
    const precision = 15 - num.length - Math.trunc(Math.fround(suf.exponent) * 3 / 10) - 1;
    if (precision < 0) return undefined;
    const v = BigInt(num);
    if (v > MAX_INT64 || v << BigInt(suf.exponent) > MAX_INT64) return undefined;
    return suf.exponent % 10 === 0 && (v & 7n) !== 0n ? str : undefined;
  }
  if (18 - shifted.length < 0) return undefined;
  const scale = suf.exponent - denom.length;
  if (scale < -9) return undefined;
  return scale % 3 === 0 && !shifted.endsWith('000') && shifted[0] !== '0' ? str : undefined;
}

function canonical(nanos: bigint, format: QuantityFormat): string {
  if (nanos === 0n) return '0';
  if (format === 'BinarySI' && abs(nanos) >= 1024n * NANO && nanos % NANO === 0n) {
    let v = nanos / NANO;
    let e = 0;
    while (abs(v) >= 1024n && v % 1024n === 0n) { v /= 1024n; e++; }
    // No binary suffix past Ei: fall back to exact exponent notation rather than drop the magnitude.
    if (e > 6) return decimalCanonical(nanos, 'DecimalExponent');
    return `${v}${BIN_BY_EXP[e]}`;
  }
  // BinarySI below 1024 or with a fraction is shown as DecimalSI, as upstream.
  return decimalCanonical(nanos, format === 'DecimalExponent' ? 'DecimalExponent' : 'DecimalSI');
}

/** Mantissa with no trailing zeros, exponent lowered to a multiple of 3, then a suffix. */
function decimalCanonical(nanos: bigint, format: 'DecimalSI' | 'DecimalExponent'): string {
  let m = nanos;
  let e = -9;
  while (m % 10n === 0n) { m /= 10n; e++; }
  while (e % 3 !== 0) { m *= 10n; e--; }
  // DecimalSI has no suffix past E (10^18): exponent notation keeps the value exact.
  if (format === 'DecimalExponent' || e > 18) return e === 0 ? `${m}` : `${m}e${e}`;
  return `${m}${DEC_BY_EXP.get(e)}`;
}

/** ParseQuantity; throws StatusError 400 (`quantities must match the regular expression ...`). */
export function parseQuantity(input: string | number): Quantity {
  return Quantity.parse(input);
}

/** Like {@link parseQuantity} but returns undefined instead of throwing. */
export function tryParseQuantity(input: string | number): Quantity | undefined {
  try {
    return parseInternal(typeof input === 'number' ? numberText(input) : input);
  } catch (e) {
    if (e instanceof QuantityError) return undefined;
    throw e;
  }
}

/** The parse error message for a bad quantity, or undefined when it parses. */
export function quantityError(input: string | number): string | undefined {
  try {
    parseInternal(typeof input === 'number' ? numberText(input) : input);
    return undefined;
  } catch (e) {
    if (e instanceof QuantityError) return e.message;
    throw e;
  }
}

/**
 * Decodes a Quantity from a JSON value as UnmarshalJSON does: a string (trimmed) or a number;
 * null gives zero. Throws StatusError 400 on anything else.
 */
export function quantityFromJson(v: unknown): Quantity {
  if (v === null || v === undefined) return Quantity.zero();
  if (typeof v === 'string') return Quantity.parse(v.trim());
  if (typeof v === 'number') return Quantity.parse(v);
  throw badRequest(QUANTITY_FORMAT_ERROR);
}

/** Canonical text of a JSON quantity value (for normalising stored objects). */
export function canonicalQuantity(v: string | number): string {
  return Quantity.parse(typeof v === 'string' ? v.trim() : v).toString();
}
