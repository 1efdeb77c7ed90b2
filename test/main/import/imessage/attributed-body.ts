/** Archived NSAttributedStrings (iMessage `attributedBody`) built byte by byte, for the iMessage tests. */

export const ascii = (text: string): number[] => [...Buffer.from(text, 'latin1')];

/** The length forms of test/fixtures/README.md: one byte below 0x80, else 0x81 + u16 LE, else 0x82 + u32 LE. */
export function length(n: number): number[] {
  if (n < 0x80) return [n];
  if (n <= 0xffff) return [0x81, n & 0xff, n >> 8];
  return [0x82, n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff, n >>> 24];
}

/**
 * An archived NSAttributedString laid out byte for byte as the fixture README documents it. `mutable`
 * archives an NSMutableAttributedString instead, whose extra class shifts every later reference by one.
 */
export function attributedBody(text: string, mutable = false): Uint8Array {
  const utf8 = [...Buffer.from(text, 'utf8')];
  const shift = mutable ? 1 : 0;
  const rootClass = mutable
    ? [0x84, 0x84, 0x19, ...ascii('NSMutableAttributedString'), 0x00, 0x84, 0x84, 0x12, ...ascii('NSAttributedString'), 0x00]
    : [0x84, 0x84, 0x12, ...ascii('NSAttributedString'), 0x00];
  return Uint8Array.from([
    0x04,
    0x0b,
    ...ascii('streamtyped'),
    0x81,
    0xe8,
    0x03,
    0x84,
    0x01,
    ...ascii('@'),
    0x84,
    ...rootClass,
    0x84,
    0x84,
    0x08,
    ...ascii('NSObject'),
    0x00,
    0x85,
    0x92,
    0x84,
    0x84,
    0x84,
    0x08,
    ...ascii('NSString'),
    0x01,
    0x94 + shift,
    0x84,
    0x01,
    ...ascii('+'),
    ...length(utf8.length),
    ...utf8,
    0x86,
    0x84,
    0x02,
    ...ascii('iI'),
    0x01,
    ...length(text.length),
    0x92,
    0x84,
    0x84,
    0x84,
    0x0c,
    ...ascii('NSDictionary'),
    0x00,
    0x94 + shift,
    0x84,
    0x01,
    ...ascii('i'),
    0x01,
    0x92,
    0x84,
    0x96 + shift,
    0x96 + shift,
    0x1d,
    ...ascii('__kIMMessagePartAttributeName'),
    0x86,
    0x92,
    0x84,
    0x84,
    0x84,
    0x08,
    ...ascii('NSNumber'),
    0x00,
    0x84,
    0x84,
    0x07,
    ...ascii('NSValue'),
    0x00,
    0x94 + shift,
    0x84,
    0x01,
    ...ascii('*'),
    0x84,
    0x99 + shift,
    0x99 + shift,
    0x00,
    0x86,
    0x86,
    0x86,
  ]);
}
