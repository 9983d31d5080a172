// The half-open key range [start, end) holding every key that begins with a prefix, in the byte
// order databases compare UTF-8 text in (which is code point order).

export interface KeyRange {
  start: string;
  /** Smallest string greater than every key with the prefix. */
  end: string;
}

/** Greater than any key a caller can store (U+10FFFF is the last code point). */
const TOP = String.fromCodePoint(0x10ffff, 0x10ffff);

export function prefixRange(prefix: string): KeyRange {
  const points = Array.from(prefix, (c) => c.codePointAt(0) ?? 0);
  while (points.length > 0) {
    let last = (points.pop() ?? 0) + 1;
    if (last === 0xd800) last = 0xe000; // surrogates are not code points of their own
    if (last <= 0x10ffff) {
      points.push(last);
      return { start: prefix, end: String.fromCodePoint(...points) };
    }
  }
  return { start: prefix, end: TOP };
}
