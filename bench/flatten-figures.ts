// Flattens whatever a benchmark returns (flat or nested figures) into `a.b.c` keys for printing.

export function flattenFigures(value: unknown, prefix = '', out: Record<string, number | string> = {}): Record<string, number | string> {
  if (typeof value === 'number' || typeof value === 'string') {
    out[prefix || 'value'] = value;
  } else if (typeof value === 'boolean') {
    out[prefix || 'value'] = String(value);
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => flattenFigures(v, prefix ? `${prefix}.${i}` : String(i), out));
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) flattenFigures(v, prefix ? `${prefix}.${k}` : k, out);
  }
  return out;
}
