// structured-merge-diff's Set.EnsureNamedFieldsAreMembers: besides its members, a set also owns
// every named struct field it has something below (`spec` for `spec.replicas`), but not map
// entries or list items. Pruning uses it so that emptied structs disappear with their last field.

import { FieldSet } from './fieldset.js';
import type { Schema, TypeInfo } from './typeinfo.js';

export function ensureNamedFieldsAreMembers(types: TypeInfo, set: FieldSet, schema: Schema): FieldSet {
  const out = new FieldSet();
  for (const pe of set.sortedMembers()) out.addMember(pe);
  const atom = types.schemaAtom(schema);
  for (const [pe, child] of set.sortedChildren()) {
    let childSchema: Schema;
    if (pe.kind === 'field' && atom?.kind === 'map') {
      childSchema = types.fieldSchema(atom, pe.name);
      if (types.isNamedField(atom, pe.name)) out.addMember(pe);
    } else if (pe.kind === 'key' && atom?.kind === 'list') {
      childSchema = atom.items;
    }
    out.attach(pe, ensureNamedFieldsAreMembers(types, child, childSchema));
  }
  return out;
}
