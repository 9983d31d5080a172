// Server-side apply and managedFields: the public surface.

export { apply, type ApplyOptions, type ApplyResult } from './apply.js';
export { updateManagedFields, type UpdateManagedFieldsOptions } from './update-managed-fields.js';
export { fieldsetFromObject } from './tofieldset.js';
export { toFieldsV1, fromFieldsV1 } from './fieldsv1.js';
export { FieldSet } from './fieldset.js';
export {
  type PathElement, type FieldPath, fieldPE, keyPE, pathString, pathElementString,
  serializePathElement, parsePathElement, comparePathElements,
} from './path.js';
export { LAST_APPLIED_ANNOTATION } from './last-applied.js';
export { conflictMessage, printManager, type Conflict } from './conflict.js';
