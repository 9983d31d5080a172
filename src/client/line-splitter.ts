// Splits a stream of text chunks into lines ('\n' delimited, '\r\n' tolerated).

import { StringDecoder } from 'node:string_decoder';

export class LineSplitter {
  private partial = '';
  private readonly decoder = new StringDecoder('utf8');

  /** Feeds a chunk; returns the complete, non-empty lines it finished. */
  push(chunk: string | Buffer): string[] {
    const text = this.partial + (typeof chunk === 'string' ? chunk : this.decoder.write(chunk));
    const parts = text.split('\n');
    this.partial = parts.pop() ?? '';
    return clean(parts);
  }

  /** Flushes what is left after the last '\n'. */
  end(): string[] {
    const rest = this.partial + this.decoder.end();
    this.partial = '';
    return clean([rest]);
  }
}

function clean(lines: string[]): string[] {
  const out: string[] = [];
  for (const l of lines) {
    const s = l.endsWith('\r') ? l.slice(0, -1) : l;
    if (s.trim() !== '') out.push(s);
  }
  return out;
}
