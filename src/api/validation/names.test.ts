import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  cidrFamily, ipFamily, ipKind, isConfigKey, isDNS1035Label, isDNS1123Label, isDNS1123Subdomain, isQualifiedName, isRelaxedEnvVarName,
  isValidCIDR, isValidIP, isValidLabelValue, isValidPortName,
} from './names.js';

const SUBDOMAIN_MSG = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const LABEL_MSG = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";

describe('names', () => {
  const cases: { name: string; got: string[]; want: string[] }[] = [
    { name: 'subdomain accepts dotted names', got: isDNS1123Subdomain('example.com'), want: [] },
    { name: 'subdomain rejects uppercase', got: isDNS1123Subdomain('Bad_Name'), want: [SUBDOMAIN_MSG] },
    { name: 'subdomain rejects long names', got: isDNS1123Subdomain('a'.repeat(254)), want: ['must be no more than 253 characters'] },
    { name: 'label rejects dots with a short message', got: isDNS1123Label('a.b'), want: ['must not contain dots'] },
    { name: 'label rejects underscores', got: isDNS1123Label('a_b'), want: [LABEL_MSG] },
    { name: 'dns1035 rejects a leading digit', got: isDNS1035Label('1abc'), want: ["a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')"] },
    { name: 'qualified name accepts a prefix', got: isQualifiedName('example.com/MyName'), want: [] },
    { name: 'qualified name rejects spaces', got: isQualifiedName('bad key'), want: ["name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"] },
    { name: 'qualified name rejects an empty prefix', got: isQualifiedName('/a'), want: ['prefix part must be non-empty'] },
    { name: 'label value allows empty', got: isValidLabelValue(''), want: [] },
    { name: 'label value rejects 64 characters', got: isValidLabelValue('a'.repeat(64)), want: ['must be no more than 63 characters'] },
    { name: 'config key rejects spaces', got: isConfigKey('a b'), want: ["a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')"] },
    { name: 'config key rejects ..', got: isConfigKey('..'), want: ["must not be '..'"] },
    { name: 'port name needs a letter', got: isValidPortName('8080'), want: ['must contain at least one letter (a-z)'] },
    { name: 'env var names may not contain =', got: isRelaxedEnvVarName('A=B'), want: ["a valid environment variable name must consist only of printable ASCII characters other than '='"] },
    { name: 'IP accepts IPv6', got: isValidIP('2001:db8::1'), want: [] },
    { name: 'IP rejects garbage', got: isValidIP('1.2.3'), want: ['must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)'] },
    { name: 'CIDR rejects a missing prefix length', got: isValidCIDR('10.0.0.0'), want: ['must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)'] },
  ];
  for (const c of cases) test(c.name, () => assert.deepEqual(c.got, c.want));

  test('ipFamily tells families apart, accepting leading zeros as ParseIPSloppy does', () => {
    assert.equal(ipFamily('010.0.0.1'), 4);
    assert.equal(ipFamily('::1'), 6);
    assert.equal(ipFamily('fe80::1%eth0'), 0);
    assert.equal(cidrFamily('fd00::/64'), 6);
    assert.equal(cidrFamily('10.0.0.0/33'), 0);
  });

  test('ipKind classifies special addresses', () => {
    assert.equal(ipKind('127.0.0.1').loopback, true);
    assert.equal(ipKind('::1').loopback, true);
    assert.equal(ipKind('0.0.0.0').unspecified, true);
    assert.equal(ipKind('169.254.1.1').linkLocalUnicast, true);
    assert.equal(ipKind('fe80::1').linkLocalUnicast, true);
    assert.equal(ipKind('::ffff:127.0.0.1').loopback, true);
    assert.equal(ipKind('10.0.0.1').loopback, false);
  });
});
