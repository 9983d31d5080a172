// Label and selector formatting as the printers use it (labels.FormatLabels, metav1.FormatLabelSelector,
// LabelSelectorAsSelector(...).String()), tolerant of malformed input: never throws.

import { labelSelectorFromMeta, labelsToString, type MetaLabelSelector } from '../../machinery/labels.js';
import { isPlainObject } from '../types.js';
import { stringMap } from './fields.js';

/** `a=1,b=2` with sorted keys; `<none>` when empty. */
export function formatLabels(labels: unknown): string {
  return labelsToString(stringMap(labels)) || '<none>';
}

/**
 * A metav1.LabelSelector in selector syntax (`app=x,env notin (dev,prod),!legacy`). A nil selector
 * selects nothing and an empty one everything: both print as ''. Undefined when the selector is
 * invalid (unknown operator, bad key or value, wrong value count).
 */
export function selectorString(selector: unknown): string | undefined {
  if (selector === undefined || selector === null) return '';
  if (!isPlainObject(selector)) return undefined;
  try {
    return labelSelectorFromMeta(selector as MetaLabelSelector).toString();
  } catch {
    return undefined;
  }
}

/** metav1.FormatLabelSelector: `<none>` for an empty selector, `<error>` for an invalid one. */
export function formatLabelSelector(selector: unknown): string {
  const s = selectorString(selector);
  if (s === undefined) return '<error>';
  return s === '' ? '<none>' : s;
}

/** Go sorts strings by bytes; for the ASCII of label keys and addresses that is code-point order. */
export function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
