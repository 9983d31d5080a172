import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { Quantity, parseQuantity, tryParseQuantity, quantityError, quantityFromJson, canonicalQuantity, QUANTITY_FORMAT_ERROR, QUANTITY_SUFFIX_ERROR, type QuantityFormat } from './quantity.js';
import { isStatusError } from './errors.js';

/** unscaled × 10^scale, in nanos. */
function dec(unscaled: bigint | number, scale: number): bigint {
  const u = BigInt(unscaled);
  return scale + 9 >= 0 ? u * 10n ** BigInt(scale + 9) : u / 10n ** BigInt(-(scale + 9));
}
const MAX_ALLOWED = 9223372036854775807n * 1_000_000_000n;

describe('quantity parse', () => {
  // Upstream TestQuantityParse table: input -> exact value and remembered format.
  const table: [string, bigint, QuantityFormat][] = [
    ['0', 0n, 'DecimalSI'], ['0n', 0n, 'DecimalSI'], ['0u', 0n, 'DecimalSI'], ['0m', 0n, 'DecimalSI'],
    ['0Ki', 0n, 'BinarySI'], ['0k', 0n, 'DecimalSI'], ['0Mi', 0n, 'BinarySI'], ['0M', 0n, 'DecimalSI'],
    ['0Gi', 0n, 'BinarySI'], ['0G', 0n, 'DecimalSI'], ['0Ti', 0n, 'BinarySI'], ['0T', 0n, 'DecimalSI'],
    ['1', dec(1, 0), 'DecimalSI'],
    ['1Ki', dec(1024, 0), 'BinarySI'], ['8Ki', dec(8 * 1024, 0), 'BinarySI'], ['7Mi', dec(7 * 1024 ** 2, 0), 'BinarySI'],
    ['6Gi', dec(6 * 1024 ** 3, 0), 'BinarySI'], ['5Ti', dec(5 * 1024 ** 4, 0), 'BinarySI'], ['4Pi', dec(4 * 1024 ** 5, 0), 'BinarySI'],
    ['3Ei', dec(3n * 1024n ** 6n, 0), 'BinarySI'], ['10Ti', dec(10 * 1024 ** 4, 0), 'BinarySI'], ['100Ti', dec(100 * 1024 ** 4, 0), 'BinarySI'],
    ['5n', dec(5, -9), 'DecimalSI'], ['4u', dec(4, -6), 'DecimalSI'], ['3m', dec(3, -3), 'DecimalSI'], ['9', dec(9, 0), 'DecimalSI'],
    ['8k', dec(8, 3), 'DecimalSI'], ['50k', dec(5, 4), 'DecimalSI'], ['7M', dec(7, 6), 'DecimalSI'], ['6G', dec(6, 9), 'DecimalSI'],
    ['5T', dec(5, 12), 'DecimalSI'], ['40T', dec(4, 13), 'DecimalSI'], ['300T', dec(3, 14), 'DecimalSI'], ['2P', dec(2, 15), 'DecimalSI'],
    ['1E', dec(1, 18), 'DecimalSI'],
    ['1E-3', dec(1, -3), 'DecimalExponent'], ['1e3', dec(1, 3), 'DecimalExponent'], ['1E6', dec(1, 6), 'DecimalExponent'],
    ['1e9', dec(1, 9), 'DecimalExponent'], ['1E12', dec(1, 12), 'DecimalExponent'], ['1e15', dec(1, 15), 'DecimalExponent'],
    ['1E18', dec(1, 18), 'DecimalExponent'], ['1e14', dec(1, 14), 'DecimalExponent'], ['1e13', dec(1, 13), 'DecimalExponent'],
    ['100.035k', dec(100035, 0), 'DecimalSI'],
    ['0.001', dec(1, -3), 'DecimalSI'], ['0.0005k', dec(5, -1), 'DecimalSI'], ['0.005', dec(5, -3), 'DecimalSI'],
    ['0.05', dec(5, -2), 'DecimalSI'], ['0.5', dec(5, -1), 'DecimalSI'], ['0.00050k', dec(5, -1), 'DecimalSI'],
    ['0.00500', dec(5, -3), 'DecimalSI'], ['0.05000', dec(5, -2), 'DecimalSI'], ['0.50000', dec(5, -1), 'DecimalSI'],
    ['0.5e0', dec(5, -1), 'DecimalExponent'], ['0.5e-1', dec(5, -2), 'DecimalExponent'], ['0.5e-2', dec(5, -3), 'DecimalExponent'],
    ['10.035M', dec(10035, 3), 'DecimalSI'],
    ['1.2e3', dec(12, 2), 'DecimalExponent'], ['1.3E+6', dec(13, 5), 'DecimalExponent'], ['1.40e9', dec(14, 8), 'DecimalExponent'],
    ['1.53E12', dec(153, 10), 'DecimalExponent'], ['1.6e15', dec(16, 14), 'DecimalExponent'], ['1.7E18', dec(17, 17), 'DecimalExponent'],
    ['9.01', dec(901, -2), 'DecimalSI'], ['8.1k', dec(81, 2), 'DecimalSI'], ['7.123456M', dec(7123456, 0), 'DecimalSI'],
    ['6.987654321G', dec(6987654321, 0), 'DecimalSI'], ['5.444T', dec(5444, 9), 'DecimalSI'], ['40.1T', dec(401, 11), 'DecimalSI'],
    ['300.2T', dec(3002, 11), 'DecimalSI'], ['2.5P', dec(25, 14), 'DecimalSI'], ['1.01E', dec(101, 16), 'DecimalSI'],
    // saturate / round up to 1n
    ['3.001n', dec(4, -9), 'DecimalSI'], ['1.1E-9', dec(2, -9), 'DecimalExponent'], ['0.0000000001', dec(1, -9), 'DecimalSI'],
    ['0.0000000005', dec(1, -9), 'DecimalSI'], ['0.00000000050', dec(1, -9), 'DecimalSI'], ['0.5e-9', dec(1, -9), 'DecimalExponent'],
    ['0.9n', dec(1, -9), 'DecimalSI'], ['0.00000012345', dec(124, -9), 'DecimalSI'], ['0.00000012354', dec(124, -9), 'DecimalSI'],
    ['9Ei', MAX_ALLOWED, 'BinarySI'], ['9223372036854775807Ki', MAX_ALLOWED, 'BinarySI'], ['12E', dec(12, 18), 'DecimalSI'],
    // fractional binary
    ['100.035Ki', dec(10243584, -2), 'BinarySI'], ['0.5Mi', dec(512 * 1024, 0), 'BinarySI'], ['0.05Gi', dec(536870912, -1), 'BinarySI'],
    ['0.025Ti', dec(274877906944, -1), 'BinarySI'],
    // written by trolls
    ['0.000000000001Ki', dec(2, -9), 'DecimalSI'], ['.001', dec(1, -3), 'DecimalSI'], ['.0001k', dec(100, -3), 'DecimalSI'],
    ['1.', dec(1, 0), 'DecimalSI'], ['1.G', dec(1, 9), 'DecimalSI'], ['.', 0n, 'DecimalSI'], ['-.', 0n, 'DecimalSI'],
  ];

  for (const [input, nanos, format] of table) {
    test(`quantity parse ${input} gives its value and format`, () => {
      const q = parseQuantity(input);
      assert.equal(q.nanos, nanos);
      assert.equal(q.format, format);
    });
    if (input.startsWith('-')) continue;
    test(`quantity parse -${input} and +${input} carry the sign`, () => {
      assert.equal(parseQuantity(`-${input}`).nanos, -nanos);
      assert.equal(parseQuantity(`-${input}`).format, format);
      assert.equal(parseQuantity(`+${input}`).nanos, nanos);
    });
  }

  const invalid: [string, string][] = [
    ['', QUANTITY_FORMAT_ERROR], ['1.1.M', QUANTITY_FORMAT_ERROR], ['1+1.0M', QUANTITY_FORMAT_ERROR], ['0.1mi', QUANTITY_SUFFIX_ERROR],
    ['0.1am', QUANTITY_FORMAT_ERROR], ['aoeu', QUANTITY_FORMAT_ERROR], ['.5i', QUANTITY_SUFFIX_ERROR], ['1i', QUANTITY_SUFFIX_ERROR],
    ['-3.01i', QUANTITY_SUFFIX_ERROR], ['-3.01e-', QUANTITY_SUFFIX_ERROR], ['1e4294967297', QUANTITY_SUFFIX_ERROR],
    [' 1', QUANTITY_FORMAT_ERROR], ['1 ', QUANTITY_FORMAT_ERROR], ['1KiB', QUANTITY_FORMAT_ERROR], ['1GG', QUANTITY_SUFFIX_ERROR],
    ['1e', QUANTITY_SUFFIX_ERROR], ['1e3.5', QUANTITY_FORMAT_ERROR], ['abc', QUANTITY_FORMAT_ERROR],
  ];
  for (const [input, message] of invalid) {
    test(`quantity parse rejects ${JSON.stringify(input)}`, () => {
      assert.throws(() => parseQuantity(input), (e: unknown) => isStatusError(e) && e.code === 400 && e.message === message);
      assert.equal(tryParseQuantity(input), undefined);
      assert.equal(quantityError(input), message);
    });
  }

  test('quantity parse error text is upstream regex message', () => {
    assert.equal(QUANTITY_FORMAT_ERROR, "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'");
  });

  test('quantity parse accepts exponents up to MaxInt32 magnitude only', () => {
    assert.ok(tryParseQuantity('1e-2147483647'));
    assert.equal(parseQuantity('1e-2147483647').nanos, 1n);
    assert.equal(tryParseQuantity('1e2147483648'), undefined);
    assert.equal(tryParseQuantity('1e-2147483648'), undefined);
  });
});

describe('quantity string', () => {
  // Upstream TestQuantityString: [value, format, canonical, alternate spelling].
  const table: [bigint, QuantityFormat, string, string][] = [
    [dec(1024 ** 3, 0), 'BinarySI', '1Gi', '1024Mi'], [dec(300 * 1024 ** 2, 0), 'BinarySI', '300Mi', '307200Ki'],
    [dec(6 * 1024, 0), 'BinarySI', '6Ki', ''], [dec(1001 * 1024 ** 3, 0), 'BinarySI', '1001Gi', '1025024Mi'],
    [dec(1024 ** 4, 0), 'BinarySI', '1Ti', '1024Gi'], [dec(5, 0), 'BinarySI', '5', '5000m'], [dec(500, -3), 'BinarySI', '500m', '0.5'],
    [dec(1, 9), 'DecimalSI', '1G', '1000M'], [dec(1000, 6), 'DecimalSI', '1G', '0.001T'], [dec(1000000, 3), 'DecimalSI', '1G', ''],
    [dec(1, -3), 'DecimalSI', '1m', '1000u'], [dec(80, -3), 'DecimalSI', '80m', ''], [dec(1080, -3), 'DecimalSI', '1080m', '1.08'],
    [dec(108, -2), 'DecimalSI', '1080m', '1080000000n'], [dec(300, 6), 'DecimalSI', '300M', ''], [dec(1, 12), 'DecimalSI', '1T', ''],
    [dec(1, 18), 'DecimalSI', '1E', ''], [dec(1, 21), 'DecimalSI', '1e21', '1000E'], [dec(5, 21), 'DecimalSI', '5e21', '5000E'],
    [dec(1, 24), 'DecimalSI', '1e24', '1000000E'], [dec(1, 70), 'BinarySI', '10e69', ''], [dec(2, 70), 'BinarySI', '20e69', ''],
    [dec(1, 72), 'BinarySI', '1e72', ''], [dec(1234567, 6), 'DecimalSI', '1234567M', ''], [dec(1234567, -3), 'BinarySI', '1234567m', ''],
    [dec(3, 3), 'DecimalSI', '3k', ''], [dec(1025, 0), 'BinarySI', '1025', ''], [0n, 'DecimalSI', '0', ''], [0n, 'BinarySI', '0', ''],
    [dec(1, 9), 'DecimalExponent', '1e9', '.001e12'], [dec(1, -3), 'DecimalExponent', '1e-3', '0.001e0'],
    [dec(1, -9), 'DecimalExponent', '1e-9', '1000e-12'], [dec(80, -3), 'DecimalExponent', '80e-3', ''],
    [dec(300, 6), 'DecimalExponent', '300e6', ''], [dec(1, 12), 'DecimalExponent', '1e12', ''], [dec(3, 3), 'DecimalExponent', '3e3', ''],
    [0n, 'DecimalExponent', '0', '00'], [dec(1, -9), 'DecimalSI', '1n', ''], [dec(80, -9), 'DecimalSI', '80n', ''],
    [dec(1080, -9), 'DecimalSI', '1080n', ''], [dec(1, -6), 'DecimalSI', '1u', ''], [dec(80, -6), 'DecimalSI', '80u', ''],
    [dec(1080, -6), 'DecimalSI', '1080u', ''],
  ];
  for (const [nanos, format, canonical, alternate] of table) {
    test(`quantity string ${canonical} (${format}) is canonical and round-trips`, () => {
      assert.equal(Quantity.fromNanos(nanos, format).toString(), canonical);
      assert.equal(parseQuantity(canonical).toString(), canonical);
      assert.equal(parseQuantity(canonical).nanos, nanos);
      if (nanos !== 0n) assert.equal(Quantity.fromNanos(-nanos, format).toString(), `-${canonical}`);
      if (alternate) assert.equal(parseQuantity(alternate).toString(), canonical);
    });
  }

  // Upstream TestQuantityParseEmit, plus the brief's examples.
  const emit: [string, string][] = [
    ['1Ki', '1Ki'], ['1Mi', '1Mi'], ['1Gi', '1Gi'], ['1024Mi', '1Gi'], ['1000M', '1G'], ['.001Ki', '1024m'], ['.000001Ki', '1024u'],
    ['.000000001Ki', '1024n'], ['.000000000001Ki', '2n'], ['1000m', '1'], ['0.5', '500m'], ['1.5', '1500m'], ['1.5Gi', '1536Mi'],
    ['100m', '100m'], ['2k', '2k'], ['1e3', '1e3'], ['2000', '2k'], ['0.1', '100m'], ['1536Ki', '1536Ki'], ['1.5Ki', '1536'],
    ['512Mi', '512Mi'], ['0.5Gi', '512Mi'], ['128974848', '128974848'], ['129e6', '129e6'], ['129M', '129M'], ['123Mi', '123Mi'],
    ['10000T', '10P'], ['0.0', '0'], ['-0', '0'],
  ];
  for (const [input, out] of emit) {
    test(`quantity string of ${input} is ${out}`, () => {
      assert.equal(parseQuantity(input).toString(), out);
      if (out !== '0') assert.equal(parseQuantity(`-${input}`).toString(), `-${out}`);
    });
  }

  test('quantity string keeps already-canonical input text as upstream does', () => {
    assert.equal(parseQuantity('010').toString(), '010');
    assert.equal(parseQuantity('5.').toString(), '5.');
    assert.equal(parseQuantity('1e03').toString(), '1e03');
    assert.equal(parseQuantity('0100m').toString(), '0100m');
    // not reusable: recomputed
    assert.equal(parseQuantity('1.0').toString(), '1');
    assert.equal(parseQuantity('01000m').toString(), '1');
  });

  test('quantity string of 2^70 binary falls back to exact digits', () => {
    const q = parseQuantity('1Ei').mul(1024);
    assert.equal(q.toString(), '1180591620717411303424');
    assert.equal(parseQuantity(q.toString()).cmp(q), 0);
  });

  test('quantity toJSON is the canonical string', () => {
    assert.equal(JSON.stringify({ cpu: parseQuantity('1000m') }), '{"cpu":"1"}');
  });
});

describe('quantity values', () => {
  const values: [string, number, number][] = [
    // input, value() (rounded up away from zero), milliValue()
    ['100m', 1, 100], ['1', 1, 1000], ['1.5', 2, 1500], ['1Ki', 1024, 1024000], ['1Gi', 1073741824, 1073741824000],
    ['0.1m', 1, 1], ['1n', 1, 1], ['-1.5', -2, -1500], ['-1n', -1, -1], ['250m', 1, 250], ['2', 2, 2000], ['0', 0, 0],
    ['1.0001m', 1, 2], ['64Gi', 68719476736, 68719476736000],
  ];
  for (const [input, value, milli] of values) {
    test(`quantity values of ${input}`, () => {
      const q = parseQuantity(input);
      assert.equal(q.value(), value);
      assert.equal(q.milliValue(), milli);
      assert.equal(q.milliValueBig(), BigInt(milli));
    });
  }

  test('quantity values stay exact past 2^53 as bigint', () => {
    const q = parseQuantity('8Ei');
    assert.equal(q.valueBig(), 9223372036854775807n); // capped at MaxInt64 for BinarySI
    assert.equal(parseQuantity('7Ei').milliValueBig(), 7n * 1024n ** 6n * 1000n);
    assert.equal(parseQuantity('1e30').valueBig(), 10n ** 30n);
  });

  test('quantity scaled values round up', () => {
    assert.equal(parseQuantity('1500').scaledValue(3), 2);
    assert.equal(parseQuantity('1k').scaledValue(3), 1);
    assert.equal(parseQuantity('1').scaledValue(-9), 1_000_000_000);
  });

  const cmp: [string, string, number][] = [
    ['0', '0', 0], ['100m', '50m', 1], ['50m', '100m', -1], ['10000T', '100Gi', 1], ['1', '1000m', 0], ['1Ki', '1024', 0],
    ['-1', '0', -1], ['1e3', '1k', 0], ['800m', '1', -1], ['800m', '790m', 1],
  ];
  for (const [a, b, want] of cmp) {
    test(`quantity cmp ${a} vs ${b} is ${want}`, () => {
      assert.equal(parseQuantity(a).cmp(parseQuantity(b)), want);
      assert.equal(parseQuantity(b).cmp(parseQuantity(a)), -want || 0);
      assert.equal(parseQuantity(a).equals(parseQuantity(b)), want === 0);
    });
  }

  test('quantity isZero and sign', () => {
    assert.ok(parseQuantity('0Mi').isZero());
    assert.ok(!parseQuantity('1n').isZero());
    assert.equal(parseQuantity('-1').sign(), -1);
    assert.equal(parseQuantity('0').sign(), 0);
    assert.equal(parseQuantity('5m').sign(), 1);
  });
});

describe('quantity arithmetic', () => {
  const sums: [string, string, string, string][] = [
    // a, b, a+b, a-b
    ['100m', '100m', '200m', '0'], ['1', '500m', '1500m', '500m'], ['1Gi', '512Mi', '1536Mi', '512Mi'], ['1Gi', '1Gi', '2Gi', '0'],
    ['0', '1Gi', '1Gi', '-1Gi'], ['0', '100m', '100m', '-100m'], ['100m', '0', '100m', '100m'], ['1Gi', '0', '1Gi', '1Gi'],
    ['2', '3', '5', '-1'], ['1k', '1', '1001', '999'], ['1e3', '1e3', '2e3', '0'],
  ];
  for (const [a, b, sum, diff] of sums) {
    test(`quantity arithmetic ${a} + ${b} and ${a} - ${b}`, () => {
      const qa = parseQuantity(a);
      const qb = parseQuantity(b);
      assert.equal(qa.add(qb).toString(), sum);
      assert.equal(qa.sub(qb).toString(), diff);
      assert.equal(qa.toString(), parseQuantity(a).toString(), 'receiver unchanged');
    });
  }

  test('quantity arithmetic neg and mul', () => {
    assert.equal(Quantity.fromScaled(901, -2).neg().toString(), '-9010m');
    assert.equal(parseQuantity('100m').mul(3).toString(), '300m');
    assert.equal(parseQuantity('1Mi').mul(1024).toString(), '1Gi');
  });

  const roundUps: [string, number, string][] = [
    ['9.01', -3, '9010m'], ['9.01', -2, '9010m'], ['9.01', -1, '9100m'], ['9.01', 0, '10'], ['9.01', 1, '10'], ['9.01', 2, '100'],
    ['-9.01', -1, '-9100m'], ['-9.01', 0, '-10'], ['-9.01', 2, '-100'], ['1.0001m', -3, '2m'],
  ];
  for (const [input, scale, out] of roundUps) {
    test(`quantity arithmetic roundUp(${scale}) of ${input} is ${out}`, () => {
      assert.equal(parseQuantity(input).roundUp(scale).toString(), out);
    });
  }
});

describe('quantity constructors', () => {
  const milli: [number, QuantityFormat, string][] = [
    [1, 'DecimalSI', '1m'], [1000, 'DecimalSI', '1'], [1234000, 'DecimalSI', '1234'], [1024, 'BinarySI', '1024m'],
    [1024 * 1024, 'BinarySI', '1048576m'], [1000000, 'DecimalExponent', '1e3'],
  ];
  for (const [v, f, want] of milli) {
    test(`quantity constructors fromMilli(${v}, ${f}) is ${want}`, () => {
      assert.equal(Quantity.fromMilli(v, f).toString(), want);
    });
  }
  const whole: [number, QuantityFormat, string][] = [
    [1, 'DecimalSI', '1'], [1000, 'DecimalSI', '1k'], [1234000, 'DecimalSI', '1234k'], [1024, 'BinarySI', '1Ki'],
    [1000000, 'DecimalExponent', '1e6'], [1024 * 1024, 'BinarySI', '1Mi'], [2000, 'BinarySI', '2000'], [-2000, 'BinarySI', '-2000'],
  ];
  for (const [v, f, want] of whole) {
    test(`quantity constructors fromValue(${v}, ${f}) is ${want}`, () => {
      const q = Quantity.fromValue(v, f);
      assert.equal(q.toString(), want);
      assert.equal(parseQuantity(q.toString()).value(), v);
    });
  }

  test('quantity constructors from JSON values', () => {
    assert.equal(quantityFromJson(' 1').toString(), '1');
    assert.equal(quantityFromJson('1 ').toString(), '1');
    assert.equal(quantityFromJson(1).toString(), '1');
    assert.equal(quantityFromJson(-1).toString(), '-1');
    assert.equal(quantityFromJson(0.5).toString(), '500m');
    assert.equal(quantityFromJson(null).toString(), '0');
    assert.throws(() => quantityFromJson({}), (e: unknown) => isStatusError(e) && e.code === 400);
    assert.equal(canonicalQuantity('1000m'), '1');
    assert.equal(canonicalQuantity(2.5), '2500m');
  });
});
