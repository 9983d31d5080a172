export { ApiServer, type ApiServerOptions } from './apiserver.js';
export { createHttpsServer, type HttpServerOptions } from './http-server.js';
export { loadOrCreatePki, kubeconfigYaml, generatePki, type Pki } from './certs.js';
export type { AdmissionPlugin, AdmissionContext, Operation } from './registry/generic.js';
