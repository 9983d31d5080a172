// Field selectors, as k8s.io/apimachinery/pkg/fields: `?fieldSelector=spec.nodeName=n1,status.phase!=Failed`.
// Only `=`, `==` and `!=`; values may escape `\`, `,` and `=` with a backslash.

import { badRequest } from './errors.js';

export type FieldOperator = '=' | '!=';

export interface FieldRequirement {
  readonly field: string;
  /** `==` in the input is reported as `=`, as upstream's selection.Equals. */
  readonly operator: FieldOperator;
  readonly value: string;
}

export type Fields = Readonly<Record<string, string>>;

/** Maps a (field, value) pair to another, e.g. to translate a legacy field name; may throw. */
export type FieldTransform = (field: string, value: string) => { field: string; value: string };

const hasOwn = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

export class FieldSelector {
  private static readonly EVERYTHING = new FieldSelector([]);

  static everything(): FieldSelector { return FieldSelector.EVERYTHING; }

  /** Terms in the order upstream keeps them (the parser sorts the raw terms). */
  static of(terms: readonly FieldRequirement[]): FieldSelector {
    return terms.length === 0 ? FieldSelector.EVERYTHING : new FieldSelector(terms);
  }

  private constructor(private readonly terms: readonly FieldRequirement[]) {}

  /** A missing field reads as the empty string, as fields.Set.Get does. */
  matches(fields: Fields): boolean {
    for (const t of this.terms) {
      const v = hasOwn(fields, t.field) ? fields[t.field]! : '';
      if ((v === t.value) !== (t.operator === '=')) return false;
    }
    return true;
  }

  isEmpty(): boolean {
    return this.terms.length === 0;
  }

  requirements(): FieldRequirement[] {
    return this.terms.map((t) => ({ ...t }));
  }

  /** RequiresExactMatch: the value of the first `field=value` term on `field`, if any. */
  exactValue(field: string): string | undefined {
    for (const t of this.terms) if (t.field === field && t.operator === '=') return t.value;
    return undefined;
  }

  /** The fields the selector mentions, in order, without repeats. */
  fields(): string[] {
    return [...new Set(this.terms.map((t) => t.field))];
  }

  /** Applies fn to every term; a term mapped to an empty field and value is dropped. */
  transform(fn: FieldTransform): FieldSelector {
    const out: FieldRequirement[] = [];
    for (const t of this.terms) {
      const r = fn(t.field, t.value);
      if (r.field === '' && r.value === '') continue;
      out.push({ field: r.field, operator: t.operator, value: r.value });
    }
    return FieldSelector.of(out);
  }

  toString(): string {
    return this.terms.map((t) => `${t.field}${t.operator}${escapeFieldValue(t.value)}`).join(',');
  }
}

/** fields.EscapeValue: prefixes `\`, `,` and `=` with a backslash. */
export function escapeFieldValue(s: string): string {
  return s.replace(/[\\,=]/g, (c) => `\\${c}`);
}

/** fields.UnescapeValue; throws StatusError 400 with upstream's wording on a bad sequence. */
export function unescapeFieldValue(s: string): string {
  if (!/[\\,=]/.test(s)) return s;
  let out = '';
  let inSlash = false;
  for (const c of s) {
    if (inSlash) {
      if (c !== '\\' && c !== ',' && c !== '=') throw badRequest(`invalid field selector: invalid escape sequence: \\${c}`);
      out += c;
      inSlash = false;
      continue;
    }
    if (c === '\\') inSlash = true;
    // Go prints the rune with %v, i.e. as its number.
    else if (c === ',' || c === '=') throw badRequest(`invalid field selector: unescaped character in value: ${c.codePointAt(0)}`);
    else out += c;
  }
  if (inSlash) throw badRequest('invalid field selector: invalid escape sequence: \\');
  return out;
}

/** Splits on commas not preceded by an escaping backslash (the backslash stays in the term). */
function splitTerms(s: string): string[] {
  if (s.length === 0) return [];
  const terms: string[] = [];
  let start = 0;
  let inSlash = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (inSlash) inSlash = false;
    else if (c === '\\') inSlash = true;
    else if (c === ',') { terms.push(s.slice(start, i)); start = i + 1; }
  }
  terms.push(s.slice(start));
  return terms;
}

const TERM_OPERATORS = ['!=', '==', '='] as const;

function splitTerm(term: string): { lhs: string; op: (typeof TERM_OPERATORS)[number]; rhs: string } | undefined {
  for (let i = 0; i < term.length; i++) {
    for (const op of TERM_OPERATORS) {
      if (term.startsWith(op, i)) return { lhs: term.slice(0, i), op, rhs: term.slice(i + op.length) };
    }
  }
  return undefined;
}

/**
 * Parses a field selector string. Throws StatusError 400 with upstream's message,
 * e.g. `invalid selector: 'a'; can't understand 'a'`.
 */
export function parseFieldSelector(s: string): FieldSelector {
  const parts = splitTerms(s).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const terms: FieldRequirement[] = [];
  for (const part of parts) {
    if (part === '') continue;
    const t = splitTerm(part);
    if (!t) throw badRequest(`invalid selector: '${s}'; can't understand '${part}'`);
    const value = unescapeFieldValue(t.rhs);
    // The identity transform upstream applies drops terms with an empty field and value.
    if (t.lhs === '' && value === '') continue;
    terms.push({ field: t.lhs, operator: t.op === '!=' ? '!=' : '=', value });
  }
  return FieldSelector.of(terms);
}

/** A selector matching exactly the given set. */
export function fieldSelectorFromSet(set: Fields | null | undefined): FieldSelector {
  if (!set) return FieldSelector.everything();
  return FieldSelector.of(Object.keys(set).map((k) => ({ field: k, operator: '=' as const, value: set[k]! })));
}

/** fields.OneTermEqualSelector. */
export function oneTermEqualSelector(field: string, value: string): FieldSelector {
  return FieldSelector.of([{ field, operator: '=', value }]);
}

/** The fields a selector uses that are not in `supported`, in order, without repeats. */
export function unsupportedFields(sel: FieldSelector, supported: readonly string[]): string[] {
  const ok = new Set(supported);
  return sel.fields().filter((f) => !ok.has(f));
}
