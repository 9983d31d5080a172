// Label selectors, as k8s.io/apimachinery/pkg/labels: the string syntax used by `?labelSelector=`
// and `kubectl -l`, the metav1.LabelSelector object form, and matching.

import { badRequest } from './errors.js';
import { isQualifiedName, isValidLabelValue } from './validation.js';

/** selection.Operator values, spelled as upstream. */
export type LabelOperator = '=' | '==' | '!=' | 'in' | 'notin' | 'exists' | '!' | 'gt' | 'lt';

export interface LabelRequirement {
  readonly key: string;
  readonly operator: LabelOperator;
  /** For `in`/`notin` a set; one value for `=`, `==`, `!=`, `gt`, `lt`; none for `exists`/`!`. */
  readonly values: readonly string[];
}

export type Labels = Readonly<Record<string, string>>;

/** metav1.LabelSelector. */
export interface MetaLabelSelector {
  matchLabels?: Record<string, string> | null;
  matchExpressions?: MetaLabelSelectorRequirement[] | null;
}

export interface MetaLabelSelectorRequirement {
  key: string;
  operator: string;
  values?: string[] | null;
}

const BINARY_OPERATORS = ['in', 'notin', '=', '==', '!=', 'gt', 'lt'];
const hasOwn = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

function lookup(labels: Labels | undefined, key: string): string | undefined {
  if (!labels || !hasOwn(labels, key)) return undefined;
  return labels[key];
}

/** strconv.ParseInt(s, 10, 64). */
function parseInt64(s: string): bigint | undefined {
  if (!/^[+-]?[0-9]+$/.test(s)) return undefined;
  const v = BigInt(s);
  if (v > 9223372036854775807n || v < -9223372036854775808n) return undefined;
  return v;
}

/** Does one requirement hold for this label set? */
export function requirementMatches(r: LabelRequirement, labels: Labels | undefined): boolean {
  switch (r.operator) {
    case 'in': case '=': case '==': {
      const v = lookup(labels, r.key);
      return v !== undefined && r.values.includes(v);
    }
    case 'notin': case '!=': {
      const v = lookup(labels, r.key);
      return v === undefined || !r.values.includes(v);
    }
    case 'exists':
      return lookup(labels, r.key) !== undefined;
    case '!':
      return lookup(labels, r.key) === undefined;
    case 'gt': case 'lt': {
      const v = lookup(labels, r.key);
      if (v === undefined || r.values.length !== 1) return false;
      const have = parseInt64(v);
      const want = parseInt64(r.values[0]!);
      if (have === undefined || want === undefined) return false;
      return r.operator === 'gt' ? have > want : have < want;
    }
    default:
      return false;
  }
}

/** The string form of one requirement, as upstream (`!k`, `k in (a,b)`, `k>3`). */
export function requirementString(r: LabelRequirement): string {
  let s = r.operator === '!' ? `!${r.key}` : r.key;
  switch (r.operator) {
    case 'exists': case '!': return s;
    case 'in': s += ' in '; break;
    case 'notin': s += ' notin '; break;
    case 'gt': s += '>'; break;
    case 'lt': s += '<'; break;
    default: s += r.operator;
  }
  const vals = r.values.length === 1 ? r.values[0]! : [...r.values].sort(compareStrings).join(',');
  return r.operator === 'in' || r.operator === 'notin' ? `${s}(${vals})` : s + vals;
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export class LabelSelector {
  private static readonly EVERYTHING = new LabelSelector([], false);
  private static readonly NOTHING = new LabelSelector([], true);

  /** Matches every label set. */
  static everything(): LabelSelector { return LabelSelector.EVERYTHING; }
  /** Matches no label set (a nil metav1.LabelSelector). */
  static nothing(): LabelSelector { return LabelSelector.NOTHING; }

  private constructor(
    /** Requirements, ANDed, sorted by key. */
    readonly requirements: readonly LabelRequirement[],
    /** True only for {@link LabelSelector.nothing}. */
    readonly matchesNothing: boolean,
  ) {}

  /** Builds a selector from already-validated requirements (sorted by key, stably). */
  static of(requirements: readonly LabelRequirement[]): LabelSelector {
    if (requirements.length === 0) return LabelSelector.EVERYTHING;
    return new LabelSelector(stableSortByKey(requirements), false);
  }

  matches(labels: Labels | undefined): boolean {
    if (this.matchesNothing) return false;
    for (const r of this.requirements) if (!requirementMatches(r, labels)) return false;
    return true;
  }

  /** True when the selector does not restrict anything (Nothing is not empty). */
  isEmpty(): boolean {
    return !this.matchesNothing && this.requirements.length === 0;
  }

  toString(): string {
    return this.requirements.map(requirementString).join(',');
  }

  /**
   * RequiresExactMatch: when the first requirement on `key` is `=`, `==` or a one-value `in`,
   * the value every match must carry (so an index can serve the query); otherwise undefined.
   */
  exactMatchValue(key: string): string | undefined {
    for (const r of this.requirements) {
      if (r.key !== key) continue;
      if ((r.operator === '=' || r.operator === '==' || r.operator === 'in') && r.values.length === 1) return r.values[0];
      return undefined;
    }
    return undefined;
  }

  /** A new selector with extra requirements (Nothing stays Nothing). */
  add(...reqs: LabelRequirement[]): LabelSelector {
    if (this.matchesNothing) return this;
    return LabelSelector.of([...this.requirements, ...reqs]);
  }
}

function stableSortByKey(reqs: readonly LabelRequirement[]): LabelRequirement[] {
  return reqs.map((r, i) => ({ r, i })).sort((a, b) => compareStrings(a.r.key, b.r.key) || a.i - b.i).map((x) => x.r);
}

// ---- requirement validation (NewRequirement), with upstream's field-error wording ----

/** Go's %#v of a []string, as field.Invalid prints it. */
function goStringSlice(vals: readonly string[] | null | undefined): string {
  if (vals == null) return '[]string(nil)';
  return `[]string{${vals.map((v) => JSON.stringify(v)).join(', ')}}`;
}

function invalidField(path: string, shownValue: string, detail: string): string {
  return `${path}: Invalid value: ${shownValue}: ${detail}`;
}

function aggregate(errs: string[]): string {
  const uniq = [...new Set(errs)];
  return uniq.length === 1 ? uniq[0]! : `[${uniq.join(', ')}]`;
}

/** Problems NewRequirement would report, already formatted; empty when valid. */
function requirementErrors(key: string, op: string, vals: readonly string[] | null | undefined, path: string): string[] {
  const errs: string[] = [];
  const keyErrs = isQualifiedName(key);
  const prefix = path ? `${path}.` : '';
  if (keyErrs.length) errs.push(invalidField(`${prefix}key`, JSON.stringify(key), keyErrs.join('; ')));
  const n = vals?.length ?? 0;
  const valuesPath = `${prefix}values`;
  switch (op) {
    case 'in': case 'notin':
      if (n === 0) errs.push(invalidField(valuesPath, goStringSlice(vals), "for 'in', 'notin' operators, values set can't be empty"));
      break;
    case '=': case '==': case '!=':
      if (n !== 1) errs.push(invalidField(valuesPath, goStringSlice(vals), 'exact-match compatibility requires one single value'));
      break;
    case 'exists': case '!':
      if (n !== 0) errs.push(invalidField(valuesPath, goStringSlice(vals), 'values set must be empty for exists and does not exist'));
      break;
    case 'gt': case 'lt':
      if (n !== 1) errs.push(invalidField(valuesPath, goStringSlice(vals), "for 'Gt', 'Lt' operators, exactly one value is required"));
      (vals ?? []).forEach((v, i) => {
        if (parseInt64(v) === undefined) errs.push(invalidField(`${valuesPath}[${i}]`, JSON.stringify(v), "for 'Gt', 'Lt' operators, the value must be an integer"));
      });
      break;
    default: {
      const supported = [...BINARY_OPERATORS, 'exists', '!'].map((o) => JSON.stringify(o)).join(', ');
      errs.push(`${prefix}operator: Unsupported value: ${JSON.stringify(op)}: supported values: ${supported}`);
    }
  }
  (vals ?? []).forEach((v, i) => {
    const vErrs = isValidLabelValue(v);
    if (vErrs.length) errs.push(invalidField(`${valuesPath}[${i}][${key}]`, JSON.stringify(v), vErrs.join('; ')));
  });
  return errs;
}

/**
 * NewRequirement: validates key, operator and values; throws StatusError (400) with upstream's
 * aggregated field-error text, e.g. `values: Invalid value: []string(nil): for 'in', 'notin' operators, values set can't be empty`.
 */
export function newRequirement(key: string, operator: LabelOperator, values: readonly string[] = []): LabelRequirement {
  const errs = requirementErrors(key, operator, values, '');
  if (errs.length) throw badRequest(aggregate(errs));
  return { key, operator, values: [...values] };
}

// ---- the string syntax (labels.Parse) ----

const enum Tok {
  Error, End, ClosedPar, Comma, DoesNotExist, DoubleEquals, Equals, GreaterThan, Identifier, In, LessThan,
  NotEquals, NotIn, OpenPar,
}

const STRING_TO_TOKEN: ReadonlyMap<string, Tok> = new Map([
  [')', Tok.ClosedPar], [',', Tok.Comma], ['!', Tok.DoesNotExist], ['==', Tok.DoubleEquals], ['=', Tok.Equals],
  ['>', Tok.GreaterThan], ['in', Tok.In], ['<', Tok.LessThan], ['!=', Tok.NotEquals], ['notin', Tok.NotIn], ['(', Tok.OpenPar],
]);

interface Item { tok: Tok; lit: string }

const isWhitespace = (c: string): boolean => c === ' ' || c === '\t' || c === '\r' || c === '\n';
const isSpecial = (c: string): boolean => c === '=' || c === '!' || c === '(' || c === ')' || c === ',' || c === '>' || c === '<';

function lex(s: string): Item[] {
  const items: Item[] = [];
  let pos = 0;
  for (;;) {
    while (pos < s.length && isWhitespace(s[pos]!)) pos++;
    if (pos >= s.length) { items.push({ tok: Tok.End, lit: '' }); return items; }
    if (isSpecial(s[pos]!)) {
      // Longest run of special symbols that still forms a known operator.
      let buf = '';
      let last: Item | undefined;
      while (pos < s.length && isSpecial(s[pos]!)) {
        buf += s[pos];
        const t = STRING_TO_TOKEN.get(buf);
        if (t !== undefined) { last = { tok: t, lit: buf }; pos++; }
        else if (last) break;
        else pos++;
      }
      items.push(last ?? { tok: Tok.Error, lit: `error expected: keyword found '${buf}'` });
    } else {
      const start = pos;
      while (pos < s.length && !isSpecial(s[pos]!) && !isWhitespace(s[pos]!)) pos++;
      const lit = s.slice(start, pos);
      items.push({ tok: STRING_TO_TOKEN.get(lit) ?? Tok.Identifier, lit });
    }
  }
}

type Ctx = 'keyAndOperator' | 'values';

class Parser {
  private pos = 0;
  constructor(private readonly items: Item[]) {}

  private view(i: number, ctx: Ctx): Item {
    const it = this.items[Math.min(i, this.items.length - 1)]!;
    if (ctx === 'values' && (it.tok === Tok.In || it.tok === Tok.NotIn)) return { tok: Tok.Identifier, lit: it.lit };
    return it;
  }
  private lookahead(ctx: Ctx): Item { return this.view(this.pos, ctx); }
  private consume(ctx: Ctx): Item { return this.view(this.pos++, ctx); }

  parse(): LabelRequirement[] {
    const reqs: LabelRequirement[] = [];
    for (;;) {
      const { tok, lit } = this.lookahead('values');
      if (tok === Tok.Identifier || tok === Tok.DoesNotExist) {
        let r: LabelRequirement;
        try {
          r = this.parseRequirement();
        } catch (e) {
          if (e instanceof ParseError) throw new ParseError(`unable to parse requirement: ${e.message}`);
          throw e;
        }
        reqs.push(r);
        const next = this.consume('values');
        if (next.tok === Tok.End) return reqs;
        if (next.tok === Tok.Comma) {
          const t2 = this.lookahead('values');
          if (t2.tok !== Tok.Identifier && t2.tok !== Tok.DoesNotExist) throw new ParseError(`found '${t2.lit}', expected: identifier after ','`);
        } else {
          throw new ParseError(`found '${next.lit}', expected: ',' or 'end of string'`);
        }
      } else if (tok === Tok.End) {
        return reqs;
      } else {
        throw new ParseError(`found '${lit}', expected: !, identifier, or 'end of string'`);
      }
    }
  }

  private parseRequirement(): LabelRequirement {
    const { key, op: inferred } = this.parseKeyAndInferOperator();
    if (inferred === 'exists' || inferred === '!') return this.build(key, inferred, []);
    const op = this.parseOperator();
    const values = op === 'in' || op === 'notin' ? this.parseValues() : this.parseExactValue();
    // sets.String.List(): sorted, de-duplicated.
    return this.build(key, op, [...new Set(values)].sort(compareStrings));
  }

  private build(key: string, op: LabelOperator, values: string[]): LabelRequirement {
    const errs = requirementErrors(key, op, values, '');
    if (errs.length) throw new ParseError(aggregate(errs));
    return { key, operator: op, values };
  }

  private parseKeyAndInferOperator(): { key: string; op: LabelOperator | undefined } {
    let op: LabelOperator | undefined;
    let it = this.consume('values');
    if (it.tok === Tok.DoesNotExist) {
      op = '!';
      it = this.consume('values');
    }
    if (it.tok !== Tok.Identifier) throw new ParseError(`found '${it.lit}', expected: identifier`);
    const keyErrs = isQualifiedName(it.lit);
    if (keyErrs.length) throw new ParseError(invalidField('<nil>', JSON.stringify(it.lit), keyErrs.join('; ')));
    const t = this.lookahead('values').tok;
    if ((t === Tok.End || t === Tok.Comma) && op !== '!') op = 'exists';
    return { key: it.lit, op };
  }

  private parseOperator(): LabelOperator {
    const { tok, lit } = this.consume('keyAndOperator');
    switch (tok) {
      case Tok.In: return 'in';
      case Tok.Equals: return '=';
      case Tok.DoubleEquals: return '==';
      case Tok.GreaterThan: return 'gt';
      case Tok.LessThan: return 'lt';
      case Tok.NotIn: return 'notin';
      case Tok.NotEquals: return '!=';
      default: throw new ParseError(`found '${lit}', expected: ${BINARY_OPERATORS.join(', ')}`);
    }
  }

  private parseValues(): string[] {
    const open = this.consume('values');
    if (open.tok !== Tok.OpenPar) throw new ParseError(`found '${open.lit}' expected: '('`);
    const { tok, lit } = this.lookahead('values');
    if (tok === Tok.Identifier || tok === Tok.Comma) {
      const s = this.parseIdentifiersList();
      if (this.consume('values').tok !== Tok.ClosedPar) throw new ParseError(`found '${lit}', expected: ')'`);
      return s;
    }
    if (tok === Tok.ClosedPar) {
      this.consume('values');
      return [''];
    }
    throw new ParseError(`found '${lit}', expected: ',', ')' or identifier`);
  }

  private parseIdentifiersList(): string[] {
    const s = new Set<string>();
    for (;;) {
      const { tok, lit } = this.consume('values');
      if (tok === Tok.Identifier) {
        s.add(lit);
        const next = this.lookahead('values');
        if (next.tok === Tok.Comma) continue;
        if (next.tok === Tok.ClosedPar) return [...s];
        throw new ParseError(`found '${next.lit}', expected: ',' or ')'`);
      } else if (tok === Tok.Comma) {
        if (s.size === 0) s.add('');
        const next = this.lookahead('values').tok;
        if (next === Tok.ClosedPar) { s.add(''); return [...s]; }
        if (next === Tok.Comma) s.add('');
      } else {
        throw new ParseError(`found '${lit}', expected: ',', or identifier`);
      }
    }
  }

  private parseExactValue(): string[] {
    const t = this.lookahead('values').tok;
    if (t === Tok.End || t === Tok.Comma) return [''];
    const { tok, lit } = this.consume('values');
    if (tok === Tok.Identifier) return [lit];
    throw new ParseError(`found '${lit}', expected: identifier`);
  }
}

class ParseError extends Error {
  override name = 'LabelSelectorParseError';
}

/**
 * Parses the label selector string syntax (`a=b,c!=d,e in (f,g),!h,i,j>3`).
 * Throws StatusError 400 with upstream's message on bad input.
 */
export function parseLabelSelector(s: string): LabelSelector {
  try {
    return LabelSelector.of(new Parser(lex(s)).parse());
  } catch (e) {
    if (e instanceof ParseError) throw badRequest(e.message);
    throw e;
  }
}

/** A selector matching exactly the given set (`k=v` for each entry); empty set → everything. No validation. */
export function selectorFromSet(set: Labels | null | undefined): LabelSelector {
  if (!set) return LabelSelector.everything();
  const reqs = Object.keys(set).map((k): LabelRequirement => ({ key: k, operator: '=', values: [set[k]!] }));
  return LabelSelector.of(reqs);
}

/** Like {@link selectorFromSet} but validating keys and values (ValidatedSelectorFromSet). */
export function validatedSelectorFromSet(set: Labels | null | undefined): LabelSelector {
  if (!set) return LabelSelector.everything();
  return LabelSelector.of(Object.keys(set).map((k) => newRequirement(k, '=', [set[k]!])));
}

const META_OPERATORS: Readonly<Record<string, LabelOperator>> = { In: 'in', NotIn: 'notin', Exists: 'exists', DoesNotExist: '!' };

/**
 * metav1.LabelSelectorAsSelector: null/undefined matches nothing; `{}` matches everything.
 * Throws StatusError 400 with upstream's message for an unknown operator or invalid requirement.
 */
export function labelSelectorFromMeta(sel: MetaLabelSelector | null | undefined): LabelSelector {
  if (sel == null) return LabelSelector.nothing();
  const matchLabels = sel.matchLabels ?? {};
  const exprs = sel.matchExpressions ?? [];
  const keys = Object.keys(matchLabels);
  if (keys.length + exprs.length === 0) return LabelSelector.everything();
  const reqs: LabelRequirement[] = keys.map((k) => newRequirement(k, '=', [matchLabels[k]!]));
  for (const e of exprs) {
    const op = hasOwn(META_OPERATORS, e.operator) ? META_OPERATORS[e.operator] : undefined;
    if (!op) throw badRequest(`${JSON.stringify(e.operator)} is not a valid label selector operator`);
    const errs = requirementErrors(e.key, op, e.values && e.values.length ? e.values : null, '');
    if (errs.length) throw badRequest(aggregate(errs));
    reqs.push({ key: e.key, operator: op, values: [...(e.values ?? [])] });
  }
  return LabelSelector.of(reqs);
}

/** Like {@link labelSelectorFromMeta} but a null selector matches everything (used where absent means "all"). */
export function labelSelectorFromMetaOrEverything(sel: MetaLabelSelector | null | undefined): LabelSelector {
  return sel == null ? LabelSelector.everything() : labelSelectorFromMeta(sel);
}

/** metav1.FormatLabelSelector: `<none>` for empty, `<error>` when invalid, else the string form. */
export function formatLabelSelector(sel: MetaLabelSelector | null | undefined): string {
  let s: string;
  try {
    s = labelSelectorFromMeta(sel).toString();
  } catch {
    return '<error>';
  }
  return s.length === 0 ? '<none>' : s;
}

/** labels.Set.String(): `a=b,c=d`, sorted by key. */
export function labelsToString(set: Labels | null | undefined): string {
  if (!set) return '';
  return Object.keys(set).sort(compareStrings).map((k) => `${k}=${set[k]}`).join(',');
}
