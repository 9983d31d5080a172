// Quantities as they arrive in plain JSON (a string such as "500m", or a bare number), parsed with the
// shared machinery parser. Upstream rejects malformed quantities while decoding (400); here they
// surface as field errors at the quantity's path.

import { Quantity, QUANTITY_FORMAT_ERROR, quantityError, tryParseQuantity } from '../../machinery/quantity.js';
import { fieldErr, type FieldError } from '../../machinery/errors.js';

export type { Quantity };

export type ParsedQuantity = { ok: true; q: Quantity } | { ok: false; error: FieldError };

export function parseJsonQuantity(v: unknown, path: string): ParsedQuantity {
  if (typeof v === 'string' || typeof v === 'number') {
    const input = typeof v === 'string' ? v.trim() : v;
    const q = tryParseQuantity(input);
    if (q) return { ok: true, q };
    return { ok: false, error: fieldErr.invalid(path, v, quantityError(input) ?? QUANTITY_FORMAT_ERROR) };
  }
  return { ok: false, error: fieldErr.invalid(path, v, QUANTITY_FORMAT_ERROR) };
}

/** The parsed quantity, or undefined for absent/malformed values (callers report those separately). */
export function quantityOf(v: unknown): Quantity | undefined {
  if (typeof v === 'string') return tryParseQuantity(v.trim());
  if (typeof v === 'number') return tryParseQuantity(v);
  return undefined;
}

export const ZERO = Quantity.zero();
