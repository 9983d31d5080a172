// Copies the non-TypeScript test data (golden files) beside the compiled tests in dist/.
import { cpSync, readdirSync, statSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = join(new URL('.', import.meta.url).pathname, '..');
function walk(dir) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (!statSync(p).isDirectory()) continue;
    if (name === 'testdata') {
      const target = join(root, 'dist', relative(root, p));
      cpSync(p, target, { recursive: true, filter: (src) => !src.endsWith('.ts') });
    } else walk(p);
  }
}
for (const top of ['src', 'test', 'bench']) if (existsSync(join(root, top))) walk(join(root, top));
