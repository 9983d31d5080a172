// Strict JSON decoding for request bodies: JSON.parse for speed, a light tokenizer pass to find
// duplicate object keys (reported as `metadata.name`, `spec.containers[0].image` like upstream's
// strict decoder), and a precise line/column diagnosis when the text is not JSON.

import { badRequest, type StatusError } from './errors.js';

export interface StrictJsonResult {
  value: unknown;
  /** Paths of keys that appear more than once in the same object, in document order, each once. */
  duplicates: string[];
}

/**
 * Parses JSON text. Throws StatusError 400 `invalid JSON at line L, column C: ...` on a syntax error.
 * When keys repeat, the last one wins (as upstream) and its path is listed in `duplicates`.
 */
export function parseJsonStrict(text: string): StrictJsonResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw jsonSyntaxError(text, e);
  }
  return { value, duplicates: findDuplicateKeys(text) };
}

/** Builds the 400 for text that JSON.parse rejected (locating the first problem itself). */
export function jsonSyntaxError(text: string, cause?: unknown): StatusError {
  const problem = diagnoseJson(text);
  if (!problem) return badRequest(`invalid JSON: ${cause instanceof Error ? cause.message : String(cause)}`);
  const { line, column } = lineColumn(text, problem.pos);
  const err = badRequest(`invalid JSON at line ${line}, column ${column}: ${problem.message}`);
  return cause === undefined ? err : Object.assign(err, { cause });
}

/** 1-based line and column (in characters) of an offset. */
export function lineColumn(text: string, pos: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < pos; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: pos - lineStart + 1 };
}

// ---- duplicate keys ----

const enum C {
  Quote = 0x22, Backslash = 0x5c, LBrace = 0x7b, RBrace = 0x7d, LBracket = 0x5b, RBracket = 0x5d, Comma = 0x2c,
}

interface Frame {
  isObject: boolean;
  keys: Set<string> | undefined;
  /** Current key (objects) or index (arrays): the path segment of the value being read. */
  seg: string | number;
  expectKey: boolean;
}

/**
 * Lists duplicate keys of already-valid JSON text as dotted paths. Linear, allocation-light:
 * strings are skipped with indexOf, and only object keys are materialised.
 */
export function findDuplicateKeys(text: string): string[] {
  const stack: Frame[] = [];
  let dups: Set<string> | undefined;
  const n = text.length;
  let pos = 0;
  while (pos < n) {
    const c = text.charCodeAt(pos);
    if (c === C.Quote) {
      const end = stringEnd(text, pos);
      const top = stack[stack.length - 1];
      if (top && top.isObject && top.expectKey) {
        const raw = text.slice(pos + 1, end);
        const key = raw.includes('\\') ? (JSON.parse(text.slice(pos, end + 1)) as string) : raw;
        top.expectKey = false;
        top.seg = key;
        const keys = (top.keys ??= new Set());
        if (keys.has(key)) (dups ??= new Set()).add(pathOf(stack));
        else keys.add(key);
      }
      pos = end + 1;
    } else if (c === C.LBrace) {
      stack.push({ isObject: true, keys: undefined, seg: '', expectKey: true });
      pos++;
    } else if (c === C.LBracket) {
      stack.push({ isObject: false, keys: undefined, seg: 0, expectKey: false });
      pos++;
    } else if (c === C.RBrace || c === C.RBracket) {
      stack.pop();
      pos++;
    } else if (c === C.Comma) {
      const top = stack[stack.length - 1];
      if (top) {
        if (top.isObject) top.expectKey = true;
        else top.seg = (top.seg as number) + 1;
      }
      pos++;
    } else {
      pos++;
    }
  }
  return dups ? [...dups] : [];
}

/** Index of the closing quote of the string starting at `start`. */
function stringEnd(text: string, start: number): number {
  let i = start + 1;
  for (;;) {
    const q = text.indexOf('"', i);
    if (q < 0) return text.length;
    let b = q - 1;
    while (text.charCodeAt(b) === C.Backslash) b--;
    if ((q - 1 - b) % 2 === 0) return q;
    i = q + 1;
  }
}

function pathOf(stack: readonly Frame[]): string {
  let s = '';
  for (const f of stack) {
    if (f.isObject) s += s === '' ? (f.seg as string) : `.${f.seg as string}`;
    else s += `[${f.seg}]`;
  }
  return s;
}

// ---- syntax diagnosis ----

interface Problem { pos: number; message: string }

function describe(text: string, pos: number): string {
  if (pos >= text.length) return 'end of input';
  const ch = String.fromCodePoint(text.codePointAt(pos)!);
  return ch >= ' ' && ch !== '\u007f' ? `'${ch}'` : `character ${JSON.stringify(ch)}`;
}

const isWs = (c: number): boolean => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;

type Mode = 'value' | 'valueOrClose' | 'key' | 'keyOrClose' | 'colon' | 'after';

/** Finds the first syntax error in text, or undefined when it is valid JSON. Iterative: deep nesting is fine. */
export function diagnoseJson(text: string): Problem | undefined {
  const stack: boolean[] = []; // true = object
  let mode: Mode = 'value';
  let pos = 0;
  const n = text.length;
  const fail = (p: number, message: string): Problem => ({ pos: p, message });
  for (;;) {
    while (pos < n && isWs(text.charCodeAt(pos))) pos++;
    if (pos >= n) {
      if (mode === 'after' && stack.length === 0) return undefined;
      return fail(pos, 'unexpected end of input');
    }
    const c = text.charCodeAt(pos);
    switch (mode) {
      case 'value':
      case 'valueOrClose': {
        if (mode === 'valueOrClose' && c === C.RBracket) { stack.pop(); pos++; mode = 'after'; break; }
        if (c === C.LBrace) { stack.push(true); pos++; mode = 'keyOrClose'; break; }
        if (c === C.LBracket) { stack.push(false); pos++; mode = 'valueOrClose'; break; }
        if (c === C.Quote) {
          const r = scanString(text, pos);
          if (typeof r !== 'number') return r;
          pos = r; mode = 'after'; break;
        }
        if (c === 0x2d || isDigit(c)) {
          const r = scanNumber(text, pos);
          if (typeof r !== 'number') return r;
          pos = r; mode = 'after'; break;
        }
        const lit = ['true', 'false', 'null'].find((l) => text.startsWith(l, pos));
        if (lit) { pos += lit.length; mode = 'after'; break; }
        return fail(pos, `unexpected ${describe(text, pos)}, expected a value`);
      }
      case 'key':
      case 'keyOrClose': {
        if (mode === 'keyOrClose' && c === C.RBrace) { stack.pop(); pos++; mode = 'after'; break; }
        if (c !== C.Quote) return fail(pos, `unexpected ${describe(text, pos)}, expected a string object key`);
        const r = scanString(text, pos);
        if (typeof r !== 'number') return r;
        pos = r; mode = 'colon'; break;
      }
      case 'colon':
        if (c !== 0x3a) return fail(pos, `unexpected ${describe(text, pos)}, expected ':' after object key`);
        pos++; mode = 'value'; break;
      case 'after': {
        if (stack.length === 0) return fail(pos, `unexpected ${describe(text, pos)} after top-level value`);
        const inObject = stack[stack.length - 1]!;
        if (c === C.Comma) { pos++; mode = inObject ? 'key' : 'value'; break; }
        if ((inObject && c === C.RBrace) || (!inObject && c === C.RBracket)) { stack.pop(); pos++; break; }
        return fail(pos, `unexpected ${describe(text, pos)}, expected ',' or '${inObject ? '}' : ']'}'`);
      }
    }
  }
}

/** Returns the offset after the string, or a Problem. */
function scanString(text: string, start: number): number | Problem {
  let i = start + 1;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === C.Quote) return i + 1;
    if (c === C.Backslash) {
      const e = text[i + 1];
      if (e === undefined) break;
      if (e === 'u') {
        if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) return { pos: i, message: 'invalid \\u escape in string' };
        i += 6;
        continue;
      }
      if (!'"\\/bfnrt'.includes(e)) return { pos: i, message: `invalid escape '\\${e}' in string` };
      i += 2;
      continue;
    }
    if (c < 0x20) return { pos: i, message: `invalid control character ${JSON.stringify(text[i])} in string` };
    i++;
  }
  return { pos: start, message: 'unterminated string' };
}

function scanNumber(text: string, start: number): number | Problem {
  const m = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
  m.lastIndex = start;
  const r = m.exec(text);
  if (!r || r[0] === '-' || r[0].length === 0) return { pos: start, message: 'invalid number' };
  const end = start + r[0].length;
  // A number must not run straight into more number-ish characters (`01`, `1.`, `1e`).
  const next = text.charCodeAt(end);
  if (isDigit(next) || next === 0x2e || next === 0x65 || next === 0x45 || next === 0x2b || next === 0x2d) {
    return { pos: start, message: 'invalid number' };
  }
  return end;
}
