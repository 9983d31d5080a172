// A bounds-checked reader of the protobuf wire format: varints, fixed 32/64-bit values and
// length-delimited fields. Every malformed or truncated input raises WireError.

export const WIRE_VARINT = 0;
export const WIRE_FIXED64 = 1;
export const WIRE_BYTES = 2;
export const WIRE_FIXED32 = 5;

export class WireError extends Error {
  override name = 'WireError';
}

export class WireReader {
  private pos: number;
  private readonly view: DataView;

  constructor(private readonly buf: Uint8Array, start = 0, private readonly end = buf.length) {
    this.pos = start;
    this.view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  }

  get done(): boolean {
    return this.pos >= this.end;
  }

  /** An unsigned varint of up to 64 bits. */
  varint(): bigint {
    let result = 0n;
    for (let i = 0; i < 10; i++) {
      if (this.pos >= this.end) throw new WireError('truncated varint');
      const b = this.buf[this.pos++];
      result |= BigInt(b & 0x7f) << BigInt(7 * i);
      if (b < 0x80) return BigInt.asUintN(64, result);
    }
    throw new WireError('varint longer than 10 bytes');
  }

  /** A varint that must fit a JS number without loss (tags, lengths). */
  smallVarint(): number {
    // Fast path for the common one-byte case.
    if (this.pos < this.end && this.buf[this.pos] < 0x80) return this.buf[this.pos++];
    const v = this.varint();
    if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw new WireError('varint out of range');
    return Number(v);
  }

  /** Reads a field key: [field number, wire type]. */
  tag(): [number, number] {
    const key = this.smallVarint();
    const field = Math.floor(key / 8);
    if (field === 0) throw new WireError('field number 0');
    return [field, key % 8];
  }

  fixed64(): DataView {
    return this.take(8);
  }

  fixed32(): DataView {
    return this.take(4);
  }

  /** The payload of a length-delimited field, as a view into the buffer. */
  bytes(): Uint8Array {
    const len = this.smallVarint();
    if (len > this.end - this.pos) throw new WireError(`length ${len} exceeds the ${this.end - this.pos} bytes left`);
    const out = this.buf.subarray(this.pos, this.pos + len);
    this.pos += len;
    return out;
  }

  /** Skips one value of the given wire type. */
  skip(wireType: number): void {
    switch (wireType) {
      case WIRE_VARINT: this.varint(); return;
      case WIRE_FIXED64: this.take(8); return;
      case WIRE_BYTES: this.bytes(); return;
      case WIRE_FIXED32: this.take(4); return;
      default: throw new WireError(`unsupported wire type ${wireType}`);
    }
  }

  private take(n: number): DataView {
    if (n > this.end - this.pos) throw new WireError('truncated fixed-width value');
    const v = new DataView(this.view.buffer, this.view.byteOffset + this.pos, n);
    this.pos += n;
    return v;
  }
}
