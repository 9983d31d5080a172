// ConfigMap, Secret and ServiceAccount.

import { bool, bytes, f, listAtomic, listMap, map, str } from '../dsl.js';
import { kind, kindList, objectHeader } from './kind.js';
import { core } from './names.js';

kind('ConfigMap', 'Configuration data for pods to consume.', {
  ...objectHeader(),
  binaryData: f(3, map(bytes()), 'Binary data, base64-encoded in JSON; keys may not overlap with data.'),
  data: f(2, map(str()), 'UTF-8 configuration data; keys are alphanumeric, "-", "_" or ".".'),
  immutable: f(4, bool(), 'When true, only the metadata of the ConfigMap can change.', { 'x-kite-proto-keep-zero': true }),
});
kindList('ConfigMap', 'A list of ConfigMaps.', 'The ConfigMaps.');

kind('Secret', 'Secret data of a given type, such as tokens, keys or passwords.', {
  ...objectHeader(),
  data: f(2, map(bytes()), 'Secret data, base64-encoded in JSON; keys are alphanumeric, "-", "_" or ".".'),
  immutable: f(5, bool(), 'When true, only the metadata of the Secret can change.', { 'x-kite-proto-keep-zero': true }),
  stringData: f(4, map(str()), 'Write-only convenience field: values merged into data on write, never returned.'),
  type: f(3, str(), 'Type of the secret, used for programmatic handling, such as kubernetes.io/tls.'),
});
kindList('Secret', 'A list of Secrets.', 'The secrets.');

kind('ServiceAccount', 'An identity for processes running in pods, with the secrets they may use.', {
  ...objectHeader(),
  automountServiceAccountToken: f(4, bool(), 'Whether pods running as this account get an API token mounted; pods may override it.', { 'x-kite-proto-keep-zero': true }),
  imagePullSecrets: f(3, listAtomic(core('LocalObjectReference')), 'Secrets used to pull the images of pods running as this account.'),
  secrets: f(2, listMap(core('ObjectReference'), 'name'), 'Secrets pods running as this account may use, when enforce-mountable-secrets is set.'),
});
kindList('ServiceAccount', 'A list of ServiceAccounts.', 'The service accounts.');
