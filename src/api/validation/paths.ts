// Path-shaped string fields (subPath, hostPath, item paths): core validation's path helpers.

import { fieldErr, type FieldError } from '../../machinery/errors.js';

/** validatePathNoBacksteps: no `..` element. */
export function validatePathNoBacksteps(target: string, path: string): FieldError[] {
  return target.replace(/\\/g, '/').split('/').includes('..') ? [fieldErr.invalid(path, target, "must not contain '..'")] : [];
}

/** validateLocalDescendingPath: relative, without `..` elements. */
export function validateLocalDescendingPath(target: string, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (target.startsWith('/')) errs.push(fieldErr.invalid(path, target, 'must be a relative path'));
  errs.push(...validatePathNoBacksteps(target, path));
  return errs;
}

/** ValidateLocalNonReservedPath: as above, and not starting with `..`. */
export function validateLocalNonReservedPath(target: string, path: string): FieldError[] {
  const errs = validateLocalDescendingPath(target, path);
  if (target.startsWith('..') && !target.startsWith('../')) errs.push(fieldErr.invalid(path, target, "must not start with '..'"));
  return errs;
}
