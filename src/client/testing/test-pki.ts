// A throw-away CA with a server certificate (localhost / 127.0.0.1) and a client certificate,
// for TLS tests. Keys come from node:crypto (fast); node-forge builds and signs the certificates.

import { generateKeyPairSync, randomBytes } from 'node:crypto';
import forge from 'node-forge';

export interface TestPki {
  ca: Buffer;
  serverCert: Buffer;
  serverKey: Buffer;
  clientCert: Buffer;
  clientKey: Buffer;
}

function keyPair(): { priv: forge.pki.rsa.PrivateKey; pub: forge.pki.rsa.PublicKey; pem: string } {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  return { priv: forge.pki.privateKeyFromPem(privateKey), pub: forge.pki.publicKeyFromPem(publicKey) as forge.pki.rsa.PublicKey, pem: privateKey };
}

function cert(subjectCN: string, org: string | undefined, pub: forge.pki.rsa.PublicKey, issuer: forge.pki.CertificateField[] | undefined, signKey: forge.pki.rsa.PrivateKey, extensions: object[]): forge.pki.Certificate {
  const c = forge.pki.createCertificate();
  c.publicKey = pub;
  c.serialNumber = `01${randomBytes(8).toString('hex')}`;
  c.validity.notBefore = new Date(Date.now() - 60_000);
  c.validity.notAfter = new Date(Date.now() + 24 * 3600_000);
  const subject: forge.pki.CertificateField[] = [{ name: 'commonName', value: subjectCN }];
  if (org) subject.push({ name: 'organizationName', value: org });
  c.setSubject(subject);
  c.setIssuer(issuer ?? subject);
  c.setExtensions(extensions);
  c.sign(signKey, forge.md.sha256.create());
  return c;
}

export function makeTestPki(clientName = 'test-user', clientGroup = 'system:masters'): TestPki {
  const ca = keyPair();
  const caCert = cert('kite-test-ca', undefined, ca.pub, undefined, ca.priv, [
    { name: 'basicConstraints', cA: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true },
  ]);
  const server = keyPair();
  const serverCert = cert('localhost', undefined, server.pub, caCert.subject.attributes, ca.priv, [
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
    { name: 'extKeyUsage', serverAuth: true },
    { name: 'subjectAltName', altNames: [{ type: 2, value: 'localhost' }, { type: 7, ip: '127.0.0.1' }] },
  ]);
  const client = keyPair();
  const clientCert = cert(clientName, clientGroup, client.pub, caCert.subject.attributes, ca.priv, [
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
    { name: 'extKeyUsage', clientAuth: true },
  ]);
  const pem = (c: forge.pki.Certificate): Buffer => Buffer.from(forge.pki.certificateToPem(c));
  return {
    ca: pem(caCert),
    serverCert: pem(serverCert), serverKey: Buffer.from(server.pem),
    clientCert: pem(clientCert), clientKey: Buffer.from(client.pem),
  };
}
