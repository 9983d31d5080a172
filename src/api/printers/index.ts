// Server-side Table printing: what `kubectl get` shows, with upstream's columns and cell formatting.

export { toTable, partialObjectMetadata, type TableOptions } from './table.js';
export { printerFor, PRINTERS } from './printers.js';
export { humanDuration, shortHumanDuration, translateTimestampSince } from './duration.js';
export type {
  KindPrinter,
  PartialObjectMetadata,
  Table,
  TableCell,
  TableColumnDefinition,
  TableMeta,
  TableRow,
  TableRowCondition,
} from './types.js';
