import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import {
  isQualifiedName, isValidLabelValue, isDNS1123Label, isDNS1123Subdomain, isDNS1035Label, isWildcardDNS1123Subdomain, isCIdentifier,
  isValidPortNum, isValidPortName, isValidPercent, isHTTPHeaderName, isEnvVarName, isRelaxedEnvVarName, isConfigMapKey, isInRange, regexError,
} from './validation.js';

type Check = (v: string) => string[];
const valid: [string, Check, string[]][] = [
  ['isQualifiedName', isQualifiedName, ['simple', 'now-with-dashes', '1-starts-with-num', '1234', 'simple/simple', 'now-with-dashes/simple', 'example.com/MyName', 'a.b.c/x_y.z', 'k8s.io/a', 'A_B', 'a'.repeat(63), `${'a'.repeat(253)}/a`]],
  ['isValidLabelValue', isValidLabelValue, ['', 'simple', 'now-with-dashes', '1-starts-with-num', 'end-with-num-1', '1234', 'a'.repeat(63), 'My_Value.1']],
  ['isDNS1123Label', isDNS1123Label, ['a', 'ab', 'abc', 'a1', 'a-1', 'a--1--2--b', '0', '01', '1-2', 'a'.repeat(63)]],
  ['isDNS1123Subdomain', isDNS1123Subdomain, ['a', 'a.b', 'a-1.b-2', '0.a', 'a.b.c.d.e', `${'a'.repeat(63)}.${'b'.repeat(63)}`]],
  ['isDNS1035Label', isDNS1035Label, ['a', 'ab', 'a-1', 'a--1--2--b', 'a'.repeat(63)]],
  ['isWildcardDNS1123Subdomain', isWildcardDNS1123Subdomain, ['*.example.com', '*.bar.com', '*.foo.bar.com']],
  ['isCIdentifier', isCIdentifier, ['a', 'ab', '_a', 'A1', 'a_1', '_']],
  ['isValidPortName', isValidPortName, ['telnet', 're-mail-ck', 'pop3', 'a', 'a-1', '1-a', 'a-1-b-2-c-3-d-4']],
  ['isValidPercent', isValidPercent, ['0%', '10%', '100%']],
  ['isHTTPHeaderName', isHTTPHeaderName, ['X-Header-Name', 'a', 'A-1']],
  ['isEnvVarName', isEnvVarName, ['A', 'ab', 'A_B', 'a.b', 'a-b', '_', '.a', '..a'.slice(1)]],
  ['isConfigMapKey', isConfigMapKey, ['a', 'A', 'a.b', '.a', 'a_b', 'a-b', 'a..b']],
];
const invalid: [string, Check, string[]][] = [
  ['isQualifiedName', isQualifiedName, ['', 'nospecialchars%^=@', 'cantendwithadash-', '-cantstartwithadash-', 'only/one/slash', 'Example.com/abc', 'example_com/abc', 'example.com/', '/simple', 'a'.repeat(64), `${'a'.repeat(254)}/a`]],
  ['isValidLabelValue', isValidLabelValue, ['nospecialchars%^=@', 'Tama-nui-te-rā.is.Māori.sun', '\\backslashes\\are\\bad', '-starts-with-dash', 'ends-with-dash-', '.starts.with.dot', 'ends.with.dot.', 'a'.repeat(64)]],
  ['isDNS1123Label', isDNS1123Label, ['', 'A', 'ABC', 'aBc', 'A1', 'A-1', '1-A', '-', 'a-', '-a', '1-', '-1', '_', 'a_', 'a.b', 'a'.repeat(64)]],
  ['isDNS1123Subdomain', isDNS1123Subdomain, ['', 'A', 'a.B', 'a..b', '.a', 'a.', 'a_b', 'a'.repeat(254)]],
  ['isDNS1035Label', isDNS1035Label, ['0', '01', '1-2', '', 'A', 'a-', 'a.b', 'a'.repeat(64)]],
  ['isWildcardDNS1123Subdomain', isWildcardDNS1123Subdomain, ['*.*.bar.com', '*.foo.*.com', '*bar.com', 'f*.bar.com', '*']],
  ['isCIdentifier', isCIdentifier, ['', '1', '123', '1a', 'a-b', 'a.b', 'a b']],
  ['isValidPortName', isValidPortName, ['', 'longerthan15characters', 'do-not-end-with-', '-do-not-start-with', 'do--not--have--double', 'Upper', '1234', 'a b']],
  ['isValidPercent', isValidPercent, ['0', '%', 'a%', '1.5%']],
  ['isHTTPHeaderName', isHTTPHeaderName, ['', 'X_Header', 'a b']],
  ['isEnvVarName', isEnvVarName, ['1', '1a', 'a b', 'a=b', '.', '..', '..a']],
  ['isConfigMapKey', isConfigMapKey, ['', 'a/b', 'a b', '.', '..', '..a', 'a'.repeat(254)]],
];

describe('validation accepts', () => {
  for (const [name, fn, values] of valid) {
    for (const v of values) {
      test(`validation accepts ${name}(${JSON.stringify(v.length > 20 ? `${v.slice(0, 20)}…` : v)})`, () => {
        assert.deepEqual(fn(v), []);
      });
    }
  }
});

describe('validation rejects', () => {
  for (const [name, fn, values] of invalid) {
    for (const v of values) {
      test(`validation rejects ${name}(${JSON.stringify(v.length > 20 ? `${v.slice(0, 20)}…` : v)})`, () => {
        assert.ok(fn(v).length > 0);
      });
    }
  }
});

describe('validation messages', () => {
  test('validation messages match upstream wording', () => {
    assert.deepEqual(isDNS1123Label('a.b'), ['must not contain dots']);
    assert.deepEqual(isDNS1123Label('A'), ["a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"]);
    assert.deepEqual(isDNS1123Subdomain('A'), ["a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"]);
    assert.deepEqual(isDNS1035Label('1a'), ["a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')"]);
    assert.deepEqual(isQualifiedName('/a'), ['prefix part must be non-empty']);
    assert.deepEqual(isValidLabelValue('a'.repeat(64)), ['must be no more than 63 characters']);
    assert.deepEqual(isValidPortNum(0), ['must be between 1 and 65535, inclusive']);
    assert.deepEqual(isValidPortNum(65535), []);
    assert.deepEqual(isInRange(5, 1, 4), ['must be between 1 and 4, inclusive']);
    assert.deepEqual(isRelaxedEnvVarName('a=b'), ["a valid environment variable name must consist only of printable ASCII characters other than '='"]);
    assert.deepEqual(isRelaxedEnvVarName('1 a.b'), []);
    assert.equal(regexError('bad', 're'), "bad (regex used for validation is 're')");
  });
});
