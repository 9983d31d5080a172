// Reading values by path: dotted field paths (`spec.nodeName`, `spec.containers[0].image`,
// `metadata.labels['app.kubernetes.io/name']`) and RFC 6901 JSON pointers (`/spec/nodeName`).

const hasOwn = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

/** A path segment: an object key or an array index. */
export type PathSegment = string | number;

/**
 * Splits a dotted field path into segments. `a.b[0]` → ['a','b',0]; `a['x.y']` / `a["x.y"]` → ['a','x.y'].
 * Throws a plain Error on malformed brackets.
 */
export function parseFieldPath(path: string): PathSegment[] {
  const out: PathSegment[] = [];
  let i = 0;
  let cur = '';
  let pendingKey = false;
  const flush = (): void => {
    if (cur !== '' || pendingKey) out.push(cur);
    cur = '';
    pendingKey = false;
  };
  while (i < path.length) {
    const c = path[i]!;
    if (c === '.') {
      flush();
      pendingKey = true;
      i++;
    } else if (c === '[') {
      flush();
      const q = path[i + 1];
      if (q === "'" || q === '"') {
        const end = path.indexOf(`${q}]`, i + 2);
        if (end < 0) throw new Error(`invalid field path ${JSON.stringify(path)}: unclosed quote`);
        out.push(path.slice(i + 2, end));
        i = end + 2;
        continue;
      }
      const close = path.indexOf(']', i);
      if (close < 0) throw new Error(`invalid field path ${JSON.stringify(path)}: unclosed '['`);
      const inner = path.slice(i + 1, close);
      if (!/^[0-9]+$/.test(inner)) throw new Error(`invalid field path ${JSON.stringify(path)}: bad index ${JSON.stringify(inner)}`);
      out.push(Number(inner));
      i = close + 1;
    } else {
      cur += c;
      i++;
    }
  }
  flush();
  return out;
}

/** The value at segments, or undefined when any step is missing or of the wrong kind. */
export function getSegments(obj: unknown, segments: readonly PathSegment[]): unknown {
  let v: unknown = obj;
  for (const seg of segments) {
    if (v === null || typeof v !== 'object') return undefined;
    if (Array.isArray(v)) {
      const idx = typeof seg === 'number' ? seg : /^(0|[1-9][0-9]*)$/.test(seg) ? Number(seg) : -1;
      if (idx < 0 || idx >= v.length) return undefined;
      v = v[idx];
    } else {
      const key = String(seg);
      if (!hasOwn(v, key)) return undefined;
      v = (v as Record<string, unknown>)[key];
    }
  }
  return v;
}

/** The value at a dotted field path, e.g. `getPath(pod, 'spec.nodeName')`; undefined when absent. */
export function getPath(obj: unknown, path: string): unknown {
  if (path === '') return obj;
  return getSegments(obj, parseFieldPath(path));
}

/** Whether the dotted field path leads to a present value (null counts as present). */
export function hasPath(obj: unknown, path: string): boolean {
  const segs = parseFieldPath(path);
  if (segs.length === 0) return true;
  const parent = getSegments(obj, segs.slice(0, -1));
  if (parent === null || typeof parent !== 'object') return false;
  const last = segs[segs.length - 1]!;
  if (Array.isArray(parent)) {
    const idx = typeof last === 'number' ? last : Number(last);
    return Number.isInteger(idx) && idx >= 0 && idx < parent.length;
  }
  return hasOwn(parent, String(last));
}

/** The value at a dotted path as a string (for field-selector sets): strings as-is, scalars via String, else ''. */
export function getPathString(obj: unknown, path: string): string {
  const v = getPath(obj, path);
  if (v === undefined || v === null) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return '';
}

/** RFC 6901: `~` → `~0`, `/` → `~1`. */
export function escapeJsonPointer(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** RFC 6901 inverse: `~1` → `/`, then `~0` → `~`. Throws on a `~` not followed by 0 or 1. */
export function unescapeJsonPointer(token: string): string {
  if (/~(?![01])/.test(token)) throw new Error(`invalid JSON pointer token ${JSON.stringify(token)}: '~' must be followed by '0' or '1'`);
  return token.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** Splits a JSON pointer into unescaped tokens; '' is the whole document. Throws when it does not start with '/'. */
export function parseJsonPointer(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) throw new Error(`invalid JSON pointer ${JSON.stringify(pointer)}: must be empty or start with '/'`);
  return pointer.slice(1).split('/').map(unescapeJsonPointer);
}

/** Builds a JSON pointer from tokens. */
export function formatJsonPointer(tokens: readonly PathSegment[]): string {
  return tokens.map((t) => `/${escapeJsonPointer(String(t))}`).join('');
}

/** The field path of segments, as upstream prints it: `spec.containers[0].image`. */
export function formatFieldPath(segments: readonly PathSegment[]): string {
  let s = '';
  for (const seg of segments) {
    if (typeof seg === 'number') s += `[${seg}]`;
    else s += s === '' ? seg : `.${seg}`;
  }
  return s;
}
