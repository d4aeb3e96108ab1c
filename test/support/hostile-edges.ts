import fc from 'fast-check';

/**
 * Arbitraries for the edges a hostile probe found: nesting around and far past the depth
 * bound, multipart types other than form-data, text no database stores, dates at the ends of
 * the calendar, and IPv6 spellings of addresses a webhook must not reach.
 */

/** JSON text nested `depth` levels, near the bound of 32 or far beyond it (to 50,000). */
export const deepJson = fc
  .tuple(
    fc.oneof(fc.integer({ min: 28, max: 36 }), fc.integer({ min: 1_000, max: 50_000 })),
    fc.constantFrom('[', '{"a":'),
    fc.constantFrom('1', '"\\u0000"', '"]]]}}}"', 'null'),
  )
  .map(([depth, open, leaf]) => open.repeat(depth) + leaf + (open === '[' ? ']' : '}').repeat(depth));

/** A multipart Content-Type busboy does not read, with or without a boundary. */
export const multipartType = fc
  .tuple(
    fc.oneof(
      fc.constantFrom('mixed', 'related', 'alternative', 'digest', 'parallel', 'byteranges', 'signed', 'FORM-DATA'),
      fc.stringMatching(/^[a-z][a-z0-9.+-]{0,15}$/),
    ),
    fc.option(fc.stringMatching(/^[A-Za-z0-9'()+_,./:=?-]{1,40}$/), { nil: undefined }),
  )
  .map(([subtype, boundary]) => `multipart/${subtype}${boundary === undefined ? '' : `; boundary=${boundary}`}`);

/** Text with a NUL or an unpaired UTF-16 half somewhere in it. */
export const unstorableText = fc
  .tuple(
    fc.string({ maxLength: 10 }),
    fc.constantFrom('\u0000', '\ud800', '\udbff', '\udc00', '\udfff', '\udc00\ud800'),
    fc.string({ maxLength: 10 }),
  )
  .map(([before, bad, after]) => before + bad + after);

const pad = (n: number, width = 2) => String(Math.abs(n)).padStart(width, '0');

/** Dates either side of the years 1000 and 9999, in both accepted forms and every offset. */
export const extremeDate = fc
  .tuple(
    fc.oneof(fc.integer({ min: 990, max: 1_001 }), fc.integer({ min: 9_998, max: 9_999 })),
    fc.integer({ min: 1, max: 12 }),
    fc.integer({ min: 1, max: 31 }),
    fc.integer({ min: 0, max: 23 }),
    fc.integer({ min: -18, max: 18 }),
    fc.boolean(),
  )
  .map(([year, month, day, hour, offset, iso]) => {
    const date = `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
    if (!iso) return `${date} ${pad(hour)}:59:59`;
    const zone = offset === 0 ? 'Z' : `${offset < 0 ? '-' : '+'}${pad(offset)}:00`;
    return `${date}T${pad(hour)}:59:59${zone}`;
  });

const ipv4 = (a: number, b: number, c: number, d: number) => [a, b, c, d];
const hex = (bytes: number[], at: number) => ((bytes[at]! << 8) | bytes[at + 1]!).toString(16);

/** An IPv4 address no webhook may reach: loopback, private, link-local, carrier-grade NAT. */
const internalIpv4 = fc.oneof(
  fc.tuple(fc.constant(127), fc.nat(255), fc.nat(255), fc.nat(255)),
  fc.tuple(fc.constant(10), fc.nat(255), fc.nat(255), fc.nat(255)),
  fc.tuple(fc.constant(192), fc.constant(168), fc.nat(255), fc.nat(255)),
  fc.tuple(fc.constant(172), fc.integer({ min: 16, max: 31 }), fc.nat(255), fc.nat(255)),
  fc.tuple(fc.constant(169), fc.constant(254), fc.nat(255), fc.nat(255)),
  fc.tuple(fc.constant(100), fc.integer({ min: 64, max: 127 }), fc.nat(255), fc.nat(255)),
);

/**
 * IPv6 literals that lead somewhere internal or non-public: an internal IPv4 address embedded
 * as mapped, compatible, translated, NAT64 or 6to4, and the special IPv6 ranges themselves.
 */
export const internalIpv6 = fc.oneof(
  fc
    .tuple(
      internalIpv4.map(([a, b, c, d]) => ipv4(a, b, c, d)),
      fc.constantFrom('::ffff:', '::', '::ffff:0:', '64:ff9b::', '2002:'),
    )
    .map(([bytes, prefix]) => {
      const low = `${hex(bytes, 0)}:${hex(bytes, 2)}`;
      if (prefix === '2002:') return `2002:${low}::`;
      return prefix === '::ffff:' && bytes[0]! % 2 === 0 ? `::ffff:${bytes.join('.')}` : `${prefix}${low}`;
    }),
  fc
    .tuple(
      fc.constantFrom('fec0', 'feff', 'fe80', 'fc00', 'fdff', 'ff02', 'ff0e', '2001:db8', '2001:0', '100:0'),
      fc.array(fc.nat(0xffff), { minLength: 1, maxLength: 3 }),
    )
    .map(([prefix, rest]) => `${prefix}::${rest.map((n) => n.toString(16)).join(':')}`),
  fc.constantFrom('::', '::1'),
);
