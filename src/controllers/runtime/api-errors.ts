// Predicates on errors returned by the client (upstream apierrors.IsNotFound and friends).

import { isStatusError } from '../../machinery/errors.js';

export const isNotFound = (e: unknown): boolean => isStatusError(e) && e.code === 404;
export const isConflict = (e: unknown): boolean => isStatusError(e) && e.code === 409 && e.reason === 'Conflict';
export const isAlreadyExists = (e: unknown): boolean => isStatusError(e) && e.reason === 'AlreadyExists';

/** The error carries a Status cause of this type (upstream HasStatusCause), e.g. NamespaceTerminating. */
export function hasStatusCause(e: unknown, type: string): boolean {
  return isStatusError(e) && (e.details?.causes ?? []).some((c) => c.reason === type);
}

export const isNamespaceTerminating = (e: unknown): boolean => hasStatusCause(e, 'NamespaceTerminating');

export { errorMessage } from '../../machinery/errors.js';
