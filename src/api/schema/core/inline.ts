// Go structs embedded inline (`json:",inline"`) show their fields flat in JSON but travel as one
// nested message in protobuf: Volume{name=1, volumeSource=2{hostPath=1, ...}}. Such properties
// keep their number inside the embedded message in `x-kite-proto` and name the parent's field
// that holds the embedded message in `x-kite-proto-inline`.

import type { OpenAPISchema } from '../types.js';

/** Extension naming the parent's protobuf field that carries an inlined struct. */
export const INLINE = 'x-kite-proto-inline';

/** Marks every property as coming from a struct embedded inline at protobuf field `at`. */
export function inline(at: number, props: Record<string, OpenAPISchema>): Record<string, OpenAPISchema> {
  const out: Record<string, OpenAPISchema> = {};
  for (const [name, schema] of Object.entries(props)) {
    const marked: OpenAPISchema & Record<string, unknown> = { ...schema };
    marked[INLINE] = at;
    out[name] = marked;
  }
  return out;
}
