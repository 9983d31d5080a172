// Column-definition helpers and the columns most kinds share. Descriptions are the first sentence of
// upstream's (the API field documentation, or the literal text in pkg/printers/internalversion).

import type { TableColumnDefinition } from './types.js';

export interface ColumnOptions {
  /** Default 'string'. */
  type?: string;
  /** Default 0; 1 for `-o wide` columns. */
  priority?: number;
  /** Default ''. */
  format?: string;
}

export function column(name: string, description: string, opts: ColumnOptions = {}): TableColumnDefinition {
  return { name, type: opts.type ?? 'string', format: opts.format ?? '', description, priority: opts.priority ?? 0 };
}

export const NAME_DESCRIPTION = 'Name must be unique within a namespace.';
export const CREATION_DESCRIPTION =
  'CreationTimestamp is a timestamp representing the server time when this object was created.';

export const nameColumn = (priority = 0): TableColumnDefinition =>
  column('Name', NAME_DESCRIPTION, { format: 'name', priority });
export const ageColumn = (): TableColumnDefinition => column('Age', CREATION_DESCRIPTION);
export const containersColumn = (): TableColumnDefinition =>
  column('Containers', 'Names of each container in the template.', { priority: 1 });
export const imagesColumn = (): TableColumnDefinition =>
  column('Images', 'Images referenced by each container in the template.', { priority: 1 });
export const selectorColumn = (description: string): TableColumnDefinition =>
  column('Selector', description, { priority: 1 });
