// Prints flat `<row>.<column>` figures as tables: rows with the same columns share one table.

type Row = Record<string, number | string>;

/** Groups `a.b.metric` keys into rows `a.b` with a column per metric. */
export function figureRows(figures: Record<string, number | string>): Record<string, Row> {
  const rows: Record<string, Row> = {};
  for (const [key, value] of Object.entries(figures)) {
    const i = key.lastIndexOf('.');
    const row = i > 0 ? key.slice(0, i) : key;
    const column = i > 0 ? key.slice(i + 1) : 'value';
    (rows[row] ??= {})[column] = value;
  }
  return rows;
}

/** Rows split into tables by their column names (in first-seen order). */
export function figureTables(figures: Record<string, number | string>): Array<Record<string, Row>> {
  const tables = new Map<string, Record<string, Row>>();
  for (const [name, row] of Object.entries(figureRows(figures))) {
    const columns = Object.keys(row).join('\u0000');
    let t = tables.get(columns);
    if (!t) { t = {}; tables.set(columns, t); }
    t[name] = row;
  }
  return [...tables.values()];
}

export function printFigures(title: string, figures: Record<string, number | string>): void {
  console.log(`\n${title}`);
  for (const t of figureTables(figures)) console.table(t);
}
