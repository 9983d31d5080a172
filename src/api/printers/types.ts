// The meta.k8s.io/v1 Table shapes kite sends for `Accept: application/json;as=Table;v=v1;g=meta.k8s.io`,
// and the contract every per-kind printer implements.

import type { KubeObject, ObjectMeta } from '../types.js';

/** One cell value: upstream sends strings, integers and booleans (`null` is allowed by the type). */
export type TableCell = string | number | boolean | null;

export interface TableColumnDefinition {
  name: string;
  /** OpenAPI type of the cells: 'string' | 'integer' | 'number' | 'boolean' | 'date'. */
  type: string;
  /** 'name' for the column holding the object's name, '' otherwise. */
  format: string;
  description: string;
  /** 0: shown by default; 1: shown with `-o wide` only. */
  priority: number;
}

export interface TableRowCondition {
  type: 'Completed';
  status: 'True' | 'False' | 'Unknown';
  reason?: string;
  message?: string;
}

export interface PartialObjectMetadata {
  kind: 'PartialObjectMetadata';
  apiVersion: 'meta.k8s.io/v1';
  metadata: ObjectMeta;
}

export interface TableRow {
  cells: TableCell[];
  conditions?: TableRowCondition[];
  /** PartialObjectMetadata (default), the full object (includeObject=Object) or absent (None). */
  object?: PartialObjectMetadata | KubeObject;
}

export interface TableMeta {
  resourceVersion?: string;
  continue?: string;
  remainingItemCount?: number;
}

export interface Table {
  kind: 'Table';
  apiVersion: 'meta.k8s.io/v1';
  metadata: TableMeta;
  columnDefinitions: TableColumnDefinition[];
  rows: TableRow[];
}

/** How one kind is printed: its columns (wide ones included, priority 1) and one row per object. */
export interface KindPrinter {
  columns: TableColumnDefinition[];
  /** All cells, wide ones included (the server always prints wide, as upstream's TableConvertor does). */
  row(obj: KubeObject, now: number): TableCell[];
  /** Row conditions (upstream marks Succeeded/Failed pods as Completed). */
  conditions?(obj: KubeObject): TableRowCondition[] | undefined;
}
