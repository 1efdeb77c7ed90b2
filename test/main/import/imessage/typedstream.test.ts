import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import {
  TypedStreamError,
  attributedBodyText,
  parseTypeEncoding,
  readTypedStream,
  type ArchivedObject,
} from '../../../../main/import/imessage/typedstream';
import { fixture } from '../../../helpers/fixtures';
import { ascii, attributedBody } from './attributed-body';

describe('typedstream reader', () => {
  it('reads a short body (one-byte length)', () => {
    expect(attributedBodyText(attributedBody('Running late'))).toBe('Running late');
  });

  it('reads the 0x81 + uint16 length form', () => {
    const text = 'x'.repeat(207);
    const blob = attributedBody(text);
    expect([...blob.subarray(blob.indexOf(0x2b) + 1, blob.indexOf(0x2b) + 4)]).toEqual([0x81, 0xcf, 0x00]);
    expect(attributedBodyText(blob)).toBe(text);
  });

  it('reads the 0x82 + uint32 length form', () => {
    const text = 'Lines. '.repeat(10_000);
    expect(attributedBodyText(attributedBody(text))).toBe(text);
  });

  it('keeps emoji, ZWJ and tag sequences, newlines and U+FFFC exactly', () => {
    const text = 'Lines:\n1. 🏴󠁧󠁢󠁳󠁣󠁴󠁿 👨‍👩‍👧 ❤️\n\uFFFCSee attached';
    expect(attributedBodyText(attributedBody(text))).toBe(text);
  });

  it('is not fooled by marker bytes inside the body, where a byte-pattern heuristic would cut', () => {
    const text = 'a \u0001+ b \u0086\u0084 c';
    expect(attributedBodyText(attributedBody(text))).toBe(text);
  });

  it('reads an NSMutableAttributedString, a subclass of NSAttributedString', () => {
    expect(attributedBodyText(attributedBody('No problem 👍', true))).toBe('No problem 👍');
  });

  it('exposes the archived structure: classes, shared references and the attribute run', () => {
    const [root] = readTypedStream(attributedBody('Hello'));
    const object = root as ArchivedObject;
    expect(object.class?.name).toBe('NSAttributedString');
    expect(object.class?.superclass?.name).toBe('NSObject');
    const [string, setIndex, runLength, attributes] = object.values;
    expect((string as ArchivedObject).class?.name).toBe('NSString');
    expect([setIndex, runLength]).toEqual([1, 5]);
    const dictionary = attributes as ArchivedObject;
    expect(dictionary.class?.name).toBe('NSDictionary');
    const key = dictionary.values[1] as ArchivedObject;
    // The key's class was given as a reference (0x96) to the NSString class read earlier.
    expect(key.class).toBe((string as ArchivedObject).class);
    expect((dictionary.values[2] as ArchivedObject).values).toEqual(['i', 0]);
  });

  it('refuses what is not a little-endian typedstream, and truncated data, with a reason', () => {
    const good = attributedBody('Hello');
    expect(() => readTypedStream(Uint8Array.from([0x04, 0x0b, ...ascii('typedstream'), 0x81, 0xe8, 0x03]))).toThrow(/big-endian/);
    expect(() => readTypedStream(Uint8Array.from([0x04, 0x0b, ...ascii('somethingel'), 0x00]))).toThrow(/signature/);
    expect(() => readTypedStream(Uint8Array.from([0x03, ...good.subarray(1)]))).toThrow(/version 3/);
    expect(() => attributedBodyText(good.subarray(0, 60))).toThrow(/ends at byte 60/);
    expect(() => readTypedStream(Uint8Array.from([...good.subarray(0, 19), 0x92, 0xc0]))).toThrow(TypedStreamError);
  });

  it('parses type encodings with arrays, structs and qualifiers', () => {
    expect(parseTypeEncoding('iI')).toEqual([
      { kind: 'simple', code: 'i' },
      { kind: 'simple', code: 'I' },
    ]);
    expect(parseTypeEncoding('r[4c]{CGPoint=dd}')).toEqual([
      { kind: 'array', length: 4, element: { kind: 'simple', code: 'c' } },
      {
        kind: 'struct',
        fields: [
          { kind: 'simple', code: 'd' },
          { kind: 'simple', code: 'd' },
        ],
      },
    ]);
    expect(() => parseTypeEncoding('[c]')).toThrow(/no length/);
  });

  it('decodes every attributedBody in the fixture database, and each equals `text` where text is set', () => {
    const db = new Database(fixture('imessage/chat.db'), { readonly: true, fileMustExist: true });
    try {
      const rows = db
        .prepare('SELECT ROWID AS rowid, text, attributedBody AS body FROM message WHERE attributedBody IS NOT NULL')
        .all() as {
        rowid: number;
        text: string | null;
        body: Uint8Array;
      }[];
      expect(rows).toHaveLength(39);
      for (const row of rows) {
        const decoded = attributedBodyText(row.body);
        if (row.text !== null) expect(decoded, `ROWID ${row.rowid}`).toBe(row.text);
      }
    } finally {
      db.close();
    }
  });
});
