import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadKubeconfig } from './kubeconfig.js';

const b64 = (s: string): string => Buffer.from(s).toString('base64');

const KUBECONFIG = `
apiVersion: v1
kind: Config
current-context: admin@kite
clusters:
- name: kite
  cluster:
    server: https://127.0.0.1:6443
    certificate-authority-data: ${b64('CA-PEM')}
- name: files
  cluster:
    server: https://files.example:6443
    certificate-authority: pki/ca.crt
    tls-server-name: kite.local
- name: lax
  cluster:
    server: https://lax:6443
    insecure-skip-tls-verify: true
users:
- name: admin
  user:
    client-certificate-data: ${b64('CERT-PEM')}
    client-key-data: ${b64('KEY-PEM')}
- name: file-user
  user:
    client-certificate: pki/client.crt
    client-key: pki/client.key
- name: token-user
  user:
    token: abc123
contexts:
- name: admin@kite
  context: { cluster: kite, user: admin }
- name: files
  context: { cluster: files, user: file-user, namespace: team-a }
- name: lax
  context: { cluster: lax, user: token-user }
`;

function withConfig(fn: (path: string) => void): void {
  const dir = mkdtempSync(join(tmpdir(), 'kite-kubeconfig-'));
  try {
    writeFileSync(join(dir, 'config'), KUBECONFIG);
    fn(join(dir, 'config'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('loadKubeconfig reads inline data for the current context', () => {
  withConfig((path) => {
    const c = loadKubeconfig(path);
    assert.equal(c.context, 'admin@kite');
    assert.equal(c.server, 'https://127.0.0.1:6443');
    assert.equal(c.ca?.toString(), 'CA-PEM');
    assert.equal(c.cert?.toString(), 'CERT-PEM');
    assert.equal(c.key?.toString(), 'KEY-PEM');
    assert.equal(c.token, undefined);
  });
});

test('loadKubeconfig resolves file paths relative to the kubeconfig and reads the namespace', () => {
  withConfig((path) => {
    const dir = join(path, '..');
    mkdirSync(join(dir, 'pki'));
    writeFileSync(join(dir, 'pki/ca.crt'), 'FILE-CA');
    writeFileSync(join(dir, 'pki/client.crt'), 'FILE-CERT');
    writeFileSync(join(dir, 'pki/client.key'), 'FILE-KEY');
    const c = loadKubeconfig(path, 'files');
    assert.deepEqual(
      { ca: c.ca?.toString(), cert: c.cert?.toString(), key: c.key?.toString(), ns: c.namespace, sni: c.tlsServerName },
      { ca: 'FILE-CA', cert: 'FILE-CERT', key: 'FILE-KEY', ns: 'team-a', sni: 'kite.local' },
    );
  });
});

test('loadKubeconfig reads tokens and insecure-skip-tls-verify', () => {
  withConfig((path) => {
    const c = loadKubeconfig(path, 'lax');
    assert.equal(c.token, 'abc123');
    assert.equal(c.insecureSkipVerify, true);
  });
});

test('loadKubeconfig reports an unknown context', () => {
  withConfig((path) => {
    assert.throws(() => loadKubeconfig(path, 'nope'), /context "nope" does not exist/);
  });
});
