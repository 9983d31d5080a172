// The cluster's PKI: a CA, a serving certificate, and the admin client credential, created on first
// start in the data dir and reused afterwards.

import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import forge from 'node-forge';

export interface Pki {
  caCert: string;
  caKey: string;
  serverCert: string;
  serverKey: string;
  adminCert: string;
  adminKey: string;
}

const FILES: Record<keyof Pki, string> = {
  caCert: 'ca.crt', caKey: 'ca.key', serverCert: 'server.crt', serverKey: 'server.key', adminCert: 'admin.crt', adminKey: 'admin.key',
};

function newKey(): { pem: string; key: forge.pki.rsa.PrivateKey; pub: forge.pki.rsa.PublicKey } {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs1', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
  const key = forge.pki.privateKeyFromPem(privateKey) as forge.pki.rsa.PrivateKey;
  const pub = forge.pki.setRsaPublicKey(key.n, key.e);
  return { pem: privateKey, key, pub };
}

function serial(): string {
  const b = randomBytes(16);
  b[0] = (b[0] ?? 0) & 0x7f;
  return b.toString('hex');
}

function sign(opts: {
  subject: forge.pki.CertificateField[];
  pub: forge.pki.rsa.PublicKey;
  issuer?: forge.pki.Certificate;
  issuerKey: forge.pki.rsa.PrivateKey;
  years: number;
  extensions: object[];
}): string {
  const cert = forge.pki.createCertificate();
  cert.publicKey = opts.pub;
  cert.serialNumber = serial();
  const now = new Date();
  cert.validity.notBefore = new Date(now.getTime() - 60 * 60 * 1000);
  cert.validity.notAfter = new Date(now.getTime() + opts.years * 365 * 24 * 3600 * 1000);
  cert.setSubject(opts.subject);
  cert.setIssuer(opts.issuer ? opts.issuer.subject.attributes : opts.subject);
  cert.setExtensions(opts.extensions);
  cert.sign(opts.issuerKey, forge.md.sha256.create());
  return forge.pki.certificateToPem(cert);
}

export function generatePki(extraSans: string[] = []): Pki {
  const ca = newKey();
  const caSubject = [{ name: 'commonName', value: `kite-ca-${Math.floor(Date.now() / 1000)}` }];
  const caCert = sign({ subject: caSubject, pub: ca.pub, issuerKey: ca.key, years: 10, extensions: [
    { name: 'basicConstraints', cA: true, critical: true },
    { name: 'keyUsage', keyCertSign: true, digitalSignature: true, keyEncipherment: true, critical: true },
  ] });
  const caParsed = forge.pki.certificateFromPem(caCert);

  const srv = newKey();
  const dnsNames = ['localhost', 'kubernetes', 'kubernetes.default', 'kubernetes.default.svc', 'kubernetes.default.svc.cluster.local', hostname(), ...extraSans.filter((s) => !/^[\d.:]+$/.test(s))];
  const ips = ['127.0.0.1', '::1', '10.43.0.1', ...extraSans.filter((s) => /^[\d.:]+$/.test(s))];
  const serverCert = sign({ subject: [{ name: 'commonName', value: 'kite-apiserver' }], pub: srv.pub, issuer: caParsed, issuerKey: ca.key, years: 10, extensions: [
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
    { name: 'extKeyUsage', serverAuth: true },
    { name: 'subjectAltName', altNames: [...new Set(dnsNames)].map((value) => ({ type: 2, value })).concat([...new Set(ips)].map((ip) => ({ type: 7, ip } as unknown as { type: number; value: string }))) },
  ] });

  const adm = newKey();
  const adminCert = sign({ subject: [{ name: 'commonName', value: 'system:admin' }, { name: 'organizationName', value: 'system:masters' }], pub: adm.pub, issuer: caParsed, issuerKey: ca.key, years: 10, extensions: [
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
    { name: 'extKeyUsage', clientAuth: true },
  ] });

  return { caCert, caKey: ca.pem, serverCert, serverKey: srv.pem, adminCert, adminKey: adm.pem };
}

/** Loads the PKI from dir/tls, creating it on first start. */
export function loadOrCreatePki(dataDir: string): Pki {
  const dir = join(dataDir, 'tls');
  if (Object.values(FILES).every((f) => existsSync(join(dir, f)))) {
    const out = {} as Pki;
    for (const [k, f] of Object.entries(FILES) as [keyof Pki, string][]) out[k] = readFileSync(join(dir, f), 'utf8');
    return out;
  }
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const pki = generatePki();
  for (const [k, f] of Object.entries(FILES) as [keyof Pki, string][]) writeFileSync(join(dir, f), pki[k], { mode: f.endsWith('.key') ? 0o600 : 0o644 });
  return pki;
}

/** The subject of a client certificate: user name (CN) and groups (O). */
export function certificateUser(pemOrDer: { subject: Record<string, string | string[] | undefined> }): { name: string; groups: string[] } | undefined {
  const cn = pemOrDer.subject.CN;
  const o = pemOrDer.subject.O;
  const name = Array.isArray(cn) ? cn[0] : cn;
  if (!name) return undefined;
  const groups = o === undefined ? [] : Array.isArray(o) ? o : [o];
  return { name, groups: [...groups, 'system:authenticated'] };
}

export function kubeconfigYaml(opts: { server: string; pki: Pki; name?: string }): string {
  const b64 = (s: string) => Buffer.from(s).toString('base64');
  const name = opts.name ?? 'kite';
  return `apiVersion: v1
kind: Config
clusters:
- cluster:
    certificate-authority-data: ${b64(opts.pki.caCert)}
    server: ${opts.server}
  name: ${name}
contexts:
- context:
    cluster: ${name}
    user: ${name}-admin
  name: ${name}
current-context: ${name}
preferences: {}
users:
- name: ${name}-admin
  user:
    client-certificate-data: ${b64(opts.pki.adminCert)}
    client-key-data: ${b64(opts.pki.adminKey)}
`;
}
