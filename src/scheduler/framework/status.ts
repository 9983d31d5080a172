// The outcome of running a plugin (kube-scheduler framework Status): a code, the reasons behind it
// and the plugin that gave it. Returned, never thrown. Statuses are immutable, so plugins keep
// their common rejections as constants instead of allocating one per node.

import { errorMessage } from '../../machinery/errors.js';

export type Code =
  | 'Success'
  /** Something unexpected went wrong; the pod is retried with back-off. */
  | 'Error'
  /** The pod does not fit this node now; preemption might help. */
  | 'Unschedulable'
  /** The pod does not fit this node and preemption would not help. */
  | 'UnschedulableAndUnresolvable'
  /** PreFilter/PreScore: the plugin has nothing to do for this pod; its Filter/Score is skipped. */
  | 'Skip';

export class Status {
  constructor(
    readonly code: Code,
    readonly reasons: readonly string[] = [],
    /** The plugin that returned it ('' until the framework stamps it). */
    readonly plugin = '',
  ) {}

  isSuccess(): boolean { return this.code === 'Success'; }

  isSkip(): boolean { return this.code === 'Skip'; }

  /** Unschedulable or UnschedulableAndUnresolvable. */
  isRejected(): boolean { return this.code === 'Unschedulable' || this.code === 'UnschedulableAndUnresolvable'; }

  /** The reasons joined with ", " (as upstream's Status.Message()). */
  message(): string { return this.reasons.join(', '); }

  /** The same status, attributed to `plugin`. */
  withPlugin(plugin: string): Status {
    return plugin === this.plugin ? this : new Status(this.code, this.reasons, plugin);
  }
}

export const SUCCESS = new Status('Success');
export const SKIP = new Status('Skip');

export function unschedulable(...reasons: string[]): Status {
  return new Status('Unschedulable', reasons);
}

export function unresolvable(...reasons: string[]): Status {
  return new Status('UnschedulableAndUnresolvable', reasons);
}

export function errorStatus(err: unknown): Status {
  return new Status('Error', [errorMessage(err)]);
}
