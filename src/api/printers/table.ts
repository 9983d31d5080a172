// toTable: objects of one kind as a meta.k8s.io/v1 Table, the way the apiserver answers
// `Accept: application/json;as=Table;v=v1;g=meta.k8s.io` (cells always include the wide columns;
// kubectl hides priority > 0 columns unless `-o wide`).

import type { KubeObject, ListMeta, ObjectMeta } from '../types.js';
import { printerFor } from './printers.js';
import type { PartialObjectMetadata, Table, TableMeta, TableRow } from './types.js';

export interface TableOptions {
  /** Milliseconds since the epoch the AGE-style cells are computed against. */
  now: number;
  /** What `rows[].object` holds: 'Metadata' (default) a PartialObjectMetadata, 'Object' the object, 'None' nothing. */
  includeObject?: 'None' | 'Metadata' | 'Object';
  /** No column definitions (watch events after the first). Default false. */
  noHeaders?: boolean;
}

/** The object's metadata minus managedFields, as a meta.k8s.io/v1 PartialObjectMetadata. */
export function partialObjectMetadata(obj: KubeObject): PartialObjectMetadata {
  const { managedFields: _managedFields, ...metadata }: ObjectMeta = obj.metadata ?? {};
  return { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata };
}

function tableMeta(objects: KubeObject[], listMeta: ListMeta | undefined): TableMeta {
  const meta: TableMeta = {};
  if (listMeta) {
    if (listMeta.resourceVersion) meta.resourceVersion = listMeta.resourceVersion;
    if (listMeta.continue) meta.continue = listMeta.continue;
    if (listMeta.remainingItemCount !== undefined && listMeta.remainingItemCount !== null) {
      meta.remainingItemCount = listMeta.remainingItemCount;
    }
  } else if (objects.length === 1 && objects[0]?.metadata?.resourceVersion) {
    // A single object's table carries that object's resourceVersion.
    meta.resourceVersion = objects[0].metadata.resourceVersion;
  }
  return meta;
}

/**
 * Prints `objects` (all of `apiVersion`/`kind`) as a Table. Pass `listMeta` for a list (its
 * resourceVersion, continue and remainingItemCount are copied); without it a single object's
 * resourceVersion is used.
 */
export function toTable(
  apiVersion: string,
  kind: string,
  objects: KubeObject[],
  opts: TableOptions,
  listMeta?: { resourceVersion?: string; continue?: string; remainingItemCount?: number },
): Table {
  const printer = printerFor(apiVersion, kind);
  const include = opts.includeObject ?? 'Metadata';
  const rows = objects.map((obj): TableRow => {
    const safe: KubeObject = obj.metadata ? obj : { ...obj, metadata: {} };
    const row: TableRow = { cells: printer.row(safe, opts.now) };
    const conditions = printer.conditions?.(safe);
    if (conditions && conditions.length > 0) row.conditions = conditions.map((c) => ({ ...c }));
    if (include === 'Object') row.object = obj;
    else if (include === 'Metadata') row.object = partialObjectMetadata(safe);
    return row;
  });
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: tableMeta(objects, listMeta),
    columnDefinitions: opts.noHeaders ? [] : printer.columns.map((c) => ({ ...c })),
    rows,
  };
}
