// apps/v1 ControllerRevision: NAME CONTROLLER REVISION AGE; CONTROLLER is `daemonset.apps/name`.

import type { KubeObject } from '../types.js';
import { ageColumn, column, nameColumn } from './columns.js';
import { translateTimestampSince } from './duration.js';
import { int, list, str } from './fields.js';
import type { KindPrinter, TableCell } from './types.js';

/** The controller owner as `kind.group/name` in lower case (`kind/name` for the core group). */
export function formatController(obj: KubeObject): string {
  const ref = list(obj.metadata.ownerReferences).find((r) => r.controller === true);
  if (!ref) return '<none>';
  const apiVersion = str(ref.apiVersion);
  const slash = apiVersion.indexOf('/');
  const group = slash >= 0 ? apiVersion.slice(0, slash) : '';
  const kind = str(ref.kind);
  if (kind === '' && group === '') return str(ref.name);
  const groupKind = group === '' ? kind : `${kind}.${group}`;
  return `${groupKind.toLowerCase()}/${str(ref.name)}`;
}

function printControllerRevision(cr: KubeObject, now: number): TableCell[] {
  return [
    str(cr.metadata.name),
    formatController(cr),
    int(cr.revision),
    translateTimestampSince(cr.metadata.creationTimestamp, now),
  ];
}

export const controllerRevisionPrinter: KindPrinter = {
  columns: [
    nameColumn(),
    column('Controller', 'Controller of the object'),
    column('Revision', 'Revision indicates the revision of the state represented by Data.'),
    ageColumn(),
  ],
  row: printControllerRevision,
};
