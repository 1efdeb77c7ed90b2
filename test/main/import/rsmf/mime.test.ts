import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Base64Decoder, MimeError, decodeEncodedWords, parseParameters, readMime } from '../../../../main/import/rsmf/mime';
import { fixture } from '../../../helpers/fixtures';

async function* chunks(text: string | Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  const bytes = typeof text === 'string' ? new TextEncoder().encode(text) : text;
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}

const keepAll = (): boolean => true;
const decode = (bytes: Uint8Array | null): string | null => (bytes === null ? null : new TextDecoder().decode(bytes));

const SAMPLE = [
  'From: Fiona Laird <fiona.laird@example.org>',
  'To: Euan Baird <euan.baird@example.org>,',
  ' Priya Nair <priya.nair@example.org>',
  'Subject: =?utf-8?B?Q292aWQg4oCT?= =?utf-8?Q?_Core_Group?=',
  'X-RSMF-Version: 2.0.0',
  'MIME-Version: 1.0',
  'Content-Type: multipart/mixed;',
  '\tboundary="outer"',
  '',
  'preamble, ignored',
  '--outer',
  'Content-Type: multipart/alternative; boundary=inner',
  '',
  '--inner',
  'Content-Type: text/plain; charset=utf-8',
  'Content-Transfer-Encoding: 8bit',
  '',
  'first line',
  '--not a boundary',
  'last line',
  '--inner--',
  'epilogue of inner, ignored',
  '--outer',
  'Content-Type: application/octet-stream; name="wrong.zip"',
  "Content-Disposition: attachment; filename*=utf-8''rsmf%2Ezip",
  'Content-Transfer-Encoding: base64',
  '',
  'aGVsbG8g',
  'd29ybGQ=',
  '--outer--  ',
  '',
].join('\r\n');

describe('MIME reader', () => {
  it('unfolds headers, walks nested multiparts and decodes the parts it keeps, whatever the chunking', async () => {
    for (const size of [1, 3, 64, 1 << 20]) {
      const message = await readMime(chunks(SAMPLE, size), keepAll);
      expect(message.headers.get('to')).toBe('Euan Baird <euan.baird@example.org>, Priya Nair <priya.nair@example.org>');
      expect(message.headers.text('Subject')).toBe('Covid – Core Group');
      expect(message.headers.get('X-RSMF-VERSION')).toBe('2.0.0');
      expect(message.parts.map((p) => [p.contentType, p.fileName, p.disposition, p.transferEncoding])).toEqual([
        ['text/plain', null, null, '8bit'],
        ['application/octet-stream', 'rsmf.zip', 'attachment', 'base64'],
      ]);
      expect(decode(message.parts[0]?.body ?? null)).toBe('first line\r\n--not a boundary\r\nlast line');
      expect(decode(message.parts[1]?.body ?? null)).toBe('hello world');
    }
  });

  it('keeps only the parts asked for', async () => {
    const message = await readMime(chunks(SAMPLE, 17), (part) => part.fileName === 'rsmf.zip');
    expect(message.parts.map((p) => p.body === null)).toEqual([true, false]);
  });

  it('accepts bare LF line ends and a message that is not multipart', async () => {
    const message = await readMime(chunks('Subject: hi\nContent-Transfer-Encoding: base64\n\naGk=\n', 2), keepAll);
    expect(message.parts).toHaveLength(1);
    expect(decode(message.parts[0]?.body ?? null)).toBe('hi');
  });

  it('reads the RSMF fixture and finds its one rsmf.zip', async () => {
    const message = await readMime(chunks(readFileSync(fixture('rsmf/core-group.rsmf')), 100), (p) => p.fileName === 'rsmf.zip');
    expect(message.headers.get('X-RSMF-EventCount')).toBe('20');
    expect(message.parts.map((p) => p.fileName)).toEqual([null, 'rsmf.zip']);
    const zip = message.parts[1]?.body;
    expect(zip && [...zip.subarray(0, 4)]).toEqual([0x50, 0x4b, 0x03, 0x04]);
  });

  it('fails clearly on truncation, bad base64, a missing boundary and malformed headers', async () => {
    const truncated = SAMPLE.slice(0, SAMPLE.indexOf('--outer--'));
    await expect(readMime(chunks(truncated, 64), keepAll)).rejects.toThrow(/ends before the closing boundary "--outer--"/);
    await expect(readMime(chunks('Content-Transfer-Encoding: base64\r\n\r\naGk*\r\n', 8), keepAll)).rejects.toThrow(
      /outside the base64 alphabet/,
    );
    await expect(readMime(chunks('Content-Transfer-Encoding: base64\r\n\r\naGkx2\r\n', 8), keepAll)).rejects.toThrow(/truncated/);
    await expect(readMime(chunks('Content-Type: multipart/mixed\r\n\r\n', 8), keepAll)).rejects.toThrow(/no boundary parameter/);
    await expect(readMime(chunks('this is not a header\r\n\r\n', 8), keepAll)).rejects.toThrow(/malformed header line/);
    await expect(readMime(chunks('A: b\r\n\r\n' + 'x'.repeat(100), 8), keepAll, { maxLineBytes: 50, maxKeptBytes: 1000 })).rejects.toThrow(
      MimeError,
    );
  });

  it('parses parameters with quoting, escapes and RFC 2231 continuations', () => {
    expect(parseParameters('Attachment; filename="a \\"quoted\\"; name.zip"')).toEqual({
      value: 'attachment',
      params: new Map([['filename', 'a "quoted"; name.zip']]),
    });
    expect(parseParameters("attachment; filename*0*=utf-8''caf%C3%A9%20; filename*1=notes.txt").params.get('filename')).toBe(
      'café notes.txt',
    );
  });

  it('decodes encoded words in B and Q forms, and leaves malformed ones alone', () => {
    expect(decodeEncodedWords('=?ISO-8859-1?Q?Andr=E9?= Pirard')).toBe('André Pirard');
    expect(decodeEncodedWords('=?utf-8?B?4p2k77iP?=')).toBe('❤️');
    expect(decodeEncodedWords('=?utf-8?B?not*base64?=')).toBe('=?utf-8?B?not*base64?=');
  });

  it('decodes base64 split at any point and refuses data after the padding', () => {
    const decoder = new Base64Decoder(100);
    for (const piece of ['aG', 'Vs', 'bG8', 'g', 'd29y', 'bGQ', '=']) decoder.push(piece);
    expect(decode(decoder.end())).toBe('hello world');
    const padded = new Base64Decoder(100);
    padded.push('aGk=');
    expect(() => padded.push('aGk=')).toThrow(/after the padding/);
    const small = new Base64Decoder(4);
    expect(() => small.push('aGVsbG8g')).toThrow(/more than 4 bytes/);
  });
});
