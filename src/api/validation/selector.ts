// metav1.LabelSelector validation (meta/v1/validation) and conversion for matching templates.

import { fieldErr, type FieldError } from '../../machinery/errors.js';
import { labelSelectorFromMeta, type LabelSelector, type MetaLabelSelector } from '../../machinery/labels.js';
import { arr, isObj, isSet, obj, str, strMap } from './json.js';
import { child, index } from './path.js';
import { validateLabelName, validateLabels } from './meta.js';
import { isValidLabelValue } from './names.js';

export interface LabelSelectorOptions {
  /** Tolerate invalid label values in matchExpressions (kept for objects stored before the check). */
  allowInvalidLabelValueInSelector?: boolean;
  /** Also accept 'Gt' and 'Lt' with a single value, as a node selector requirement does. */
  allowNumericOperators?: boolean;
}

/** ValidateLabelSelectorRequirement (and, with allowNumericOperators, ValidateNodeSelectorRequirement). */
export function validateLabelSelectorRequirement(req: unknown, opts: LabelSelectorOptions, path: string): FieldError[] {
  const r = obj(req);
  const errs: FieldError[] = [];
  const op = str(r.operator);
  const values = arr(r.values);
  switch (op) {
    case 'In': case 'NotIn':
      if (values.length === 0) errs.push(fieldErr.required(child(path, 'values'), "must be specified when `operator` is 'In' or 'NotIn'"));
      break;
    case 'Exists': case 'DoesNotExist':
      if (values.length > 0) errs.push(fieldErr.forbidden(child(path, 'values'), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
      break;
    case 'Gt': case 'Lt':
      if (!opts.allowNumericOperators) errs.push(fieldErr.invalid(child(path, 'operator'), op, 'not a valid selector operator'));
      else if (values.length !== 1) errs.push(fieldErr.required(child(path, 'values'), "must be specified single value when `operator` is 'Lt' or 'Gt'"));
      break;
    default:
      errs.push(fieldErr.invalid(child(path, 'operator'), op, 'not a valid selector operator'));
  }
  errs.push(...validateLabelName(str(r.key), child(path, 'key')));
  if (!opts.allowInvalidLabelValueInSelector) {
    values.forEach((v, i) => {
      for (const m of isValidLabelValue(str(v))) errs.push(fieldErr.invalid(index(child(path, 'values'), i), str(v), m));
    });
  }
  return errs;
}

/** ValidateLabelSelector; a null selector is valid here (callers decide whether it is required). */
export function validateLabelSelector(sel: unknown, opts: LabelSelectorOptions, path: string): FieldError[] {
  if (!isSet(sel)) return [];
  const s = obj(sel);
  const errs = validateLabels(s.matchLabels, child(path, 'matchLabels'));
  arr(s.matchExpressions).forEach((e, i) => errs.push(...validateLabelSelectorRequirement(e, opts, index(child(path, 'matchExpressions'), i))));
  return errs;
}

/** The selector as a matcher, or undefined when LabelSelectorAsSelector would fail. null matches nothing. */
export function selectorOf(sel: unknown): LabelSelector | undefined {
  try {
    if (!isSet(sel)) return labelSelectorFromMeta(null);
    const s = obj(sel);
    const meta: MetaLabelSelector = {
      matchLabels: strMap(s.matchLabels),
      matchExpressions: arr(s.matchExpressions).map((e) => {
        const r = obj(e);
        return { key: str(r.key), operator: str(r.operator), values: arr(r.values).map(str) };
      }),
    };
    return labelSelectorFromMeta(meta);
  } catch {
    return undefined;
  }
}

/** len(matchLabels)+len(matchExpressions) == 0 for a present selector. */
export function isEmptySelector(sel: unknown): boolean {
  if (!isObj(sel)) return false;
  return Object.keys(obj(sel.matchLabels)).length + arr(sel.matchExpressions).length === 0;
}
