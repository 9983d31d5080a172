// Opens the datastore named by --datastore-endpoint.

import { dirname, resolve } from 'node:path';
import { mkdirSync } from 'node:fs';
import type { Store } from './interface.js';
import { openSqliteStore } from './sqlite/sqlite-store.js';

export async function openStore(endpoint: string): Promise<Store> {
  if (endpoint.startsWith('sqlite://')) {
    const path = resolve(endpoint.slice('sqlite://'.length));
    mkdirSync(dirname(path), { recursive: true });
    return openSqliteStore(path);
  }
  throw new Error(`unsupported --datastore-endpoint ${JSON.stringify(endpoint)}: expected sqlite://PATH`);
}
