// Used by durability.test.ts: creates keys as fast as it can (8 writers, so commits are grouped)
// and prints each key once its create is acknowledged. Runs until killed; stops on its own after
// 60 s or when its stdout goes away, so an orphan never writes forever.

import { openSqliteStore } from '../sqlite-store.js';

const path = process.argv[2];
if (!path) {
  process.stderr.write('usage: crash-writer <db-path>\n');
  process.exit(2);
}
const store = openSqliteStore(path, { compactIntervalMs: 0 });
const encoder = new TextEncoder();
let next = 0;

process.stdout.on('error', () => process.exit(1));
setTimeout(() => process.exit(3), 60_000);

async function writer(): Promise<void> {
  for (;;) {
    const key = `/crash/${String(next++).padStart(8, '0')}`;
    await store.create(key, encoder.encode(key));
    process.stdout.write(`${key}\n`);
  }
}

for (let i = 0; i < 8; i++) {
  writer().catch((err: unknown) => {
    process.stderr.write(`crash-writer: ${String(err)}\n`);
    process.exit(1);
  });
}
