import fc from 'fast-check';

/**
 * JSON texts of values a careless parser or validator trips over. They are
 * texts, not values, so that keys such as `__proto__` reach the server as
 * own properties (a JS object literal would set the prototype instead) and
 * numbers such as 1e999 reach it unrounded.
 */
export const nastyJson: fc.Arbitrary<string> = fc.oneof(
  fc.jsonValue().map((value) => JSON.stringify(value)),
  fc.constantFrom(
    'null', 'true', 'false', '0', '-0', '1', '-1', '1.5', '1e999', '-1e999', '1e-999', '9007199254740993',
    '-9007199254740993', '123456789012345678901234567890', '""', '" "', '"\\u0000"', '"\\ud800"', '"\\udfff x"',
    '[]', '{}', '[null]', '{"":""}', '"__proto__"', '"constructor"',
  ),
  specialKeyObject(),
  deepNesting(),
  longString().map((text) => JSON.stringify(text)),
  controlString().map((text) => JSON.stringify(text)),
);

/** Objects whose keys name the prototype machinery. */
export function specialKeyObject(): fc.Arbitrary<string> {
  return fc
    .tuple(fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf'), fc.jsonValue())
    .map(([key, value]) => `{${JSON.stringify(key)}:${key === '__proto__' ? '{"polluted":true}' : JSON.stringify(value)}}`);
}

/** `[[[…]]]` or `{"a":{"a":…}}`, up to a few thousand levels. */
export function deepNesting(): fc.Arbitrary<string> {
  return fc
    .tuple(fc.integer({ min: 1, max: 5000 }), fc.boolean())
    .map(([depth, arrays]) => (arrays ? '['.repeat(depth) + ']'.repeat(depth) : '{"a":'.repeat(depth) + '1' + '}'.repeat(depth)));
}

/** Longer than any limit (4,000 code points of text), yet under the 16 KiB / 64 KiB size limits once encoded. */
export function longString(): fc.Arbitrary<string> {
  return fc.tuple(fc.integer({ min: 4001, max: 12000 }), fc.constantFrom('x', ' ', 'é', '😀', '\u200b')).map(([n, unit]) => unit.repeat(Math.floor(n / unit.length)));
}

/** C0 and C1 controls, bidi overrides, BOMs, separators, lone surrogates, mixed with letters. */
export function controlString(): fc.Arbitrary<string> {
  const odd = fc.constantFrom('\u0000', '\u0001', '\u0007', '\b', '\t', '\n', '\r', '\u001b', '\u007f', '\u0085', '\u009f', '\u2028', '\u2029', '\u202e', '\ufeff', '\ufffe', '\uffff', '\ud800', '\udc00', 'a', ' ');
  return fc.array(odd, { minLength: 1, maxLength: 40 }).map((units) => units.join(''));
}

/** Byte sequences that are not UTF-8: lone continuation bytes, overlongs, encoded surrogates, 0xFE/0xFF, truncations. */
export const invalidUtf8: fc.Arbitrary<Buffer> = fc
  .constantFrom([0x80], [0xbf], [0xc0, 0xaf], [0xe0, 0x80, 0xaf], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xfe], [0xff], [0xe2, 0x82], [0xf0, 0x9f, 0x98])
  .map((bytes) => Buffer.from(bytes));
