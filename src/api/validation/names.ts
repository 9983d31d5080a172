// Format checks returning lists of messages, worded exactly as k8s.io/apimachinery/pkg/util/validation
// (IsDNS1123Label, IsQualifiedName, ...). An empty list means valid.

import { isIPv6 } from 'node:net';
import { byteLen } from './json.js';
import {
  DNS1123_SUBDOMAIN_MAX_LENGTH, maxLenError, regexError,
} from '../../machinery/validation.js';

// The string checks shared with machinery (label selectors use them too) live in one place.
export {
  DNS1123_LABEL_MAX_LENGTH, DNS1123_SUBDOMAIN_MAX_LENGTH, DNS1035_LABEL_MAX_LENGTH, LABEL_VALUE_MAX_LENGTH,
  maxLenError, regexError, emptyError, inclusiveRangeError,
  isDNS1123Label, isDNS1123Subdomain, isDNS1035Label, isWildcardDNS1123Subdomain, isQualifiedName, isValidLabelValue,
  isCIdentifier, isConfigMapKey, isEnvVarName, isRelaxedEnvVarName, isValidPortNum, isInRange, isValidUserID,
  isValidGroupID, isValidPortName, isValidPercent, isHTTPHeaderName,
} from '../../machinery/validation.js';
export { isConfigMapKey as isConfigKey } from '../../machinery/validation.js';

const dns1123LabelUnderscoreFmt = '_?[a-z0-9]([-_a-z0-9]*[a-z0-9])?';
const dns1123SubdomainUnderscoreFmt = `${dns1123LabelUnderscoreFmt}(\\.${dns1123LabelUnderscoreFmt})*`;
const dns1123SubdomainUnderscoreErrMsg = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '_', '-' or '.', and must start and end with an alphanumeric character";
const dns1123SubdomainUnderscoreRe = new RegExp(`^${dns1123SubdomainUnderscoreFmt}$`);

/** IsDNS1123SubdomainWithUnderscore (relaxed DNS search paths). */
export function isDNS1123SubdomainWithUnderscore(value: string): string[] {
  const errs: string[] = [];
  if (byteLen(value) > DNS1123_SUBDOMAIN_MAX_LENGTH) errs.push(maxLenError(DNS1123_SUBDOMAIN_MAX_LENGTH));
  if (!dns1123SubdomainUnderscoreRe.test(value)) errs.push(regexError(dns1123SubdomainUnderscoreErrMsg, dns1123SubdomainUnderscoreFmt, 'example.com'));
  return errs;
}

// ---- IP addresses (net.ParseIP "sloppy": IPv4 octets may carry leading zeros) ----

/** The parsed family of an address as Go's netutils.ParseIPSloppy accepts it, or 0 when invalid. */
export function ipFamily(value: string): 0 | 4 | 6 {
  if (/^[0-9]{1,3}(\.[0-9]{1,3}){3}$/.test(value)) {
    return value.split('.').every((o) => Number(o) <= 255) ? 4 : 0;
  }
  if (value.includes('%')) return 0;
  return isIPv6(value) ? 6 : 0;
}

export function isValidIPAddress(value: string): boolean {
  return ipFamily(value) !== 0;
}

export const IP_ERROR = 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)';
export const CIDR_ERROR = 'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)';

/** Messages for an invalid IP address (empty list when valid). */
export function isValidIP(value: string): string[] {
  return isValidIPAddress(value) ? [] : [IP_ERROR];
}

export function isValidIPv4Address(value: string): string[] {
  return ipFamily(value) === 4 || (ipFamily(value) === 6 && /^::ffff:[0-9.]+$/i.test(value)) ? [] : ['must be a valid IPv4 address'];
}

export function isValidIPv6Address(value: string): string[] {
  return ipFamily(value) === 6 && !/^::ffff:[0-9.]+$/i.test(value) ? [] : ['must be a valid IPv6 address'];
}

/** The family of a CIDR ("10.0.0.0/8"), or 0 when it does not parse. */
export function cidrFamily(value: string): 0 | 4 | 6 {
  const slash = value.indexOf('/');
  if (slash < 0) return 0;
  const ip = value.slice(0, slash);
  const bits = value.slice(slash + 1);
  if (!/^[0-9]+$/.test(bits)) return 0;
  const fam = ipFamily(ip);
  if (fam === 0) return 0;
  const n = Number(bits);
  if (n > (fam === 4 ? 32 : 128)) return 0;
  return fam;
}

export function isValidCIDR(value: string): string[] {
  return cidrFamily(value) !== 0 ? [] : [CIDR_ERROR];
}


function ipv4Octets(value: string): number[] | undefined {
  if (ipFamily(value) === 4) return value.split('.').map(Number);
  const m = /^::ffff:([0-9]{1,3}(\.[0-9]{1,3}){3})$/i.exec(value);
  return m ? m[1].split('.').map(Number) : undefined;
}

/** Expands an IPv6 address to eight 16-bit groups. */
function ipv6Groups(value: string): number[] | undefined {
  if (ipFamily(value) !== 6) return undefined;
  let v = value;
  const v4 = /([0-9]{1,3})\.([0-9]{1,3})\.([0-9]{1,3})\.([0-9]{1,3})$/.exec(v);
  if (v4) {
    const o = v4.slice(1, 5).map(Number);
    v = v.slice(0, v4.index) + (((o[0] << 8) | o[1]).toString(16)) + ':' + (((o[2] << 8) | o[3]).toString(16));
  }
  const double = v.indexOf('::');
  const parse = (s: string): number[] => (s === '' ? [] : s.split(':').map((x) => parseInt(x, 16)));
  if (double < 0) {
    const g = parse(v);
    return g.length === 8 ? g : undefined;
  }
  const h = parse(v.slice(0, double));
  const r = parse(v.slice(double + 2));
  const fill = 8 - h.length - r.length;
  if (fill < 0) return undefined;
  return [...h, ...new Array<number>(fill).fill(0), ...r];
}

/** Special-address classification used by ValidateNonSpecialIP. */
export function ipKind(value: string): { unspecified: boolean; loopback: boolean; linkLocalUnicast: boolean; linkLocalMulticast: boolean } {
  const o = ipv4Octets(value);
  if (o) {
    return {
      unspecified: o.every((x) => x === 0),
      loopback: o[0] === 127,
      linkLocalUnicast: o[0] === 169 && o[1] === 254,
      linkLocalMulticast: o[0] === 224 && o[1] === 0 && o[2] === 0,
    };
  }
  const g = ipv6Groups(value) ?? [];
  return {
    unspecified: g.length === 8 && g.every((x) => x === 0),
    loopback: g.length === 8 && g.slice(0, 7).every((x) => x === 0) && g[7] === 1,
    linkLocalUnicast: g.length === 8 && (g[0] & 0xffc0) === 0xfe80,
    linkLocalMulticast: g.length === 8 && (g[0] & 0xff0f) === 0xff02,
  };
}
