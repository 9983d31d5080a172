// A transport wrapper that can hold back watch events of chosen resources, to give a controller a
// stale cache on purpose.

import type { ApiRequest } from '../../client/transport.js';
import type { Requester } from '../../client/requester.js';

export class WatchGate {
  private closed = false;
  private waiters: (() => void)[] = [];

  constructor(private readonly match: (req: ApiRequest) => boolean) {}

  /** Holds back further events of matching watches. */
  close(): void { this.closed = true; }

  /** Lets held-back and further events through. */
  open(): void {
    this.closed = false;
    const ws = this.waiters;
    this.waiters = [];
    for (const w of ws) w();
  }

  wrap(inner: Requester): Requester {
    return {
      request: (req, signal) => inner.request(req, signal),
      stream: async (req, signal) => {
        const s = await inner.stream(req, signal);
        if (!this.match(req)) return s;
        const gate = this;
        async function* gated(): AsyncGenerator<string> {
          for await (const line of s.lines) {
            while (gate.closed) await new Promise<void>((r) => gate.waiters.push(r));
            yield line;
          }
        }
        return { status: s.status, headers: s.headers, lines: gated(), close: () => { s.close(); gate.open(); } };
      },
    };
  }
}
