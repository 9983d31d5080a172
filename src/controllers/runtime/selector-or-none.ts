// A workload's metav1.LabelSelector as a matcher, for event handlers that must not throw.

import { labelSelectorFromMeta, type LabelSelector, type MetaLabelSelector } from '../../machinery/labels.js';

/** The selector, or undefined when it does not parse (such an object selects nothing). */
export function selectorOrNone(sel: MetaLabelSelector | null | undefined): LabelSelector | undefined {
  try {
    return labelSelectorFromMeta(sel);
  } catch {
    return undefined;
  }
}
