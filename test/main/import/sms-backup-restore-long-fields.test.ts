/**
 * SMS Backup & Restore attributes longer than the body cap (issue 13, bounded memory): saxes builds an
 * attribute value whole, so the pre-pass cuts a long value to the cap before saxes sees it and hashes
 * the whole value as saxes would have read it (entities decoded, white space normalised). The cap is
 * injected small so the inputs stay small; bench/huge-fields.ts measures the real sizes.
 */
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SaxesParser } from 'saxes';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { closeCase } from '../../../main/cases/service';
import type { FieldCaps } from '../../../common/domain/field-caps';
import { LongAttributeCutter } from '../../../main/import/repair/long-attributes';
import { importSource } from '../../../main/import/run';
import { smsBackupRestore } from '../../../main/import/sms-backup-restore';
import { makeCase } from '../../helpers/case';
import { useTempDir } from '../../helpers/temp';
import { collect, memorySource, type Collected } from './repair/streams';

const CAPS: FieldCaps = { label: 64, body: 256 };
const sha = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');
const bytes = (text: string): number => Buffer.byteLength(text, 'utf8');

/** The value saxes reads for an attribute written as `raw`, worked out by saxes on a tiny document. */
function saxesValue(raw: string): string {
  const parser = new SaxesParser();
  let value = '';
  parser.on('opentag', (tag) => {
    value = (tag.attributes as Record<string, string>).v ?? '';
  });
  parser.write(`<a v="${raw}"/>`).close();
  return value;
}

const backup = (records: string): string =>
  `<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>\n<smses count="3">\n${records}</smses>\n`;
const sms = (date: number, body: string, extra = ''): string =>
  `<sms protocol="0" address="+447700900101" date="${date}" type="1" body="${body}" readable_date="" contact_name="Fiona Laird" ${extra}/>\n`;

// Entities, references to white space (kept), raw white space (one space each, CRLF one), emoji.
const RAW_BODY = `Kestrel ops &amp; é😀 &#10;&#x9;tab\tline\r\nnext\rand\n&lt;&quot;'&apos;&gt; `.repeat(60);
const BODY = saxesValue(RAW_BODY);
const FILE = backup(`${sms(1616781731412, 'hello')}${sms(1616781740000, RAW_BODY)}${sms(1616781750000, 'bye')}`);
const LINES_BEFORE_BYE = FILE.slice(0, FILE.indexOf('bye')).split(/\r\n|\r|\n/).length;

const parse = (text: string, chunkSize: number): Promise<Collected> =>
  collect(smsBackupRestore, memorySource('sms.xml', text, chunkSize), { timeZone: 'Europe/London', fieldCaps: CAPS });

/** The longest attribute value saxes builds while `run` runs. */
async function longestAttribute(run: () => Promise<unknown>): Promise<number> {
  let longest = 0;
  const plain = Object.getOwnPropertyDescriptor(SaxesParser.prototype, 'pushAttribPlain')?.value as (name: string, value: string) => void;
  const spy = vi
    .spyOn(SaxesParser.prototype as unknown as { pushAttribPlain: (name: string, value: string) => void }, 'pushAttribPlain')
    .mockImplementation(function (this: unknown, name, value) {
      longest = Math.max(longest, value.length);
      plain.call(this, name, value);
    });
  try {
    await run();
  } finally {
    spy.mockRestore();
  }
  return longest;
}

describe('SMS Backup & Restore attributes longer than the body cap', () => {
  afterEach(() => vi.restoreAllMocks());

  it.each([1, 7, 64, 100_000])(
    "keeps the start of a long body and the whole decoded body's size and hash (chunks of %i bytes)",
    async (chunkSize) => {
      let parsed: Collected | null = null;
      const longest = await longestAttribute(async () => {
        parsed = await parse(FILE, chunkSize);
      });
      const { messages, problems } = parsed as unknown as Collected;
      expect(problems).toEqual([]);
      expect(bytes(BODY)).toBeGreaterThan(CAPS.body * 10);
      expect(longest).toBeLessThanOrEqual(CAPS.body + 64);
      const [hello, long, bye] = messages;
      expect(hello?.body).toBe('hello');
      expect(long?.truncated).toEqual([{ field: 'body', bytes: bytes(BODY), sha256: sha(BODY) }]);
      expect(bytes(long?.body ?? '')).toBeLessThanOrEqual(CAPS.body);
      expect(bytes(long?.body ?? '')).toBeGreaterThan(CAPS.body - 4);
      expect(BODY.startsWith(long?.body ?? '-')).toBe(true);
      expect(bye?.body).toBe('bye');
      // The line breaks of the cut value are still counted: later records keep their lines.
      expect(bye?.locator.lineStart).toBe(LINES_BEFORE_BYE);
    },
  );

  it('lists a repair after a cut value on the record it is in', async () => {
    const text = backup(`${sms(1616781731412, 'hello')}${sms(1616781740000, RAW_BODY)}${sms(1616781750000, 'bye &#55357;&#56832;')}`);
    const { messages } = await parse(text, 64);
    expect(messages.map((m) => m.repairs.length)).toEqual([0, 0, 1]);
    expect(messages[2]?.body).toBe('bye 😀');
  });

  it('passes a body at the cap through unchanged', async () => {
    const raw = `${'x'.repeat(CAPS.body - 6)}&amp;é&#10;`;
    const value = saxesValue(raw);
    expect(bytes(value)).toBeLessThanOrEqual(CAPS.body);
    const { messages } = await parse(backup(sms(1616781731412, raw)), 7);
    expect(messages[0]?.body).toBe(value);
    expect(messages[0]).not.toHaveProperty('truncated');
  });

  it('keeps MMS part data whole and cuts a long MMS text part, hashing the whole text', async () => {
    const png = Buffer.alloc(3000, 7).toString('base64');
    const mms =
      `<mms date="1619961605250" msg_box="1" address="+447700900101" m_type="132"><parts>` +
      `<part ct="image/png" name="null" cl="chart.png" data="${png}"/><part ct="text/plain" text="${RAW_BODY}"/>` +
      `</parts><addrs><addr address="+447700900101" type="137"/></addrs></mms>\n`;
    const { messages, problems } = await parse(backup(mms), 64);
    expect(problems).toEqual([]);
    expect(messages[0]?.attachments[0]?.embedded).toEqual(Buffer.alloc(3000, 7));
    expect(messages[0]?.truncated).toEqual([{ field: 'body', bytes: bytes(BODY), sha256: sha(BODY) }]);
    expect(BODY.startsWith(messages[0]?.body ?? '-')).toBe(true);
  });

  it("notes a long attribute no message field stands for, with the whole value's size and hash", async () => {
    const name = `Fiona ${'Laird &amp; '.repeat(100)}`;
    const { notes, problems } = await parse(
      backup(sms(1616781731412, 'hi').replace('contact_name="Fiona Laird"', `contact_name="${name}"`)),
      64,
    );
    expect(problems).toEqual([]);
    const whole = saxesValue(name);
    expect(notes).toContainEqual(
      expect.objectContaining({
        kind: 'warning',
        message: `sms#1: the contact_name attribute of <sms> is ${bytes(whole).toLocaleString('en-GB')} bytes, over the import's cap of 256 bytes: the first 256 bytes were read. SHA-256 of the whole value: ${sha(whole)}.`,
      }),
    );
  });

  it('still refuses a long value with an undefined entity in it', async () => {
    const { problems, messages } = await parse(backup(sms(1616781731412, `${'x'.repeat(1000)}&bogus;`)), 64);
    expect(messages).toEqual([]);
    expect(problems).toEqual([expect.objectContaining({ message: expect.stringContaining('not well-formed XML') as string })]);
  });

  it('changes nothing outside long attribute values, whatever the chunks', () => {
    const quoted = `"${'q'.repeat(1000)}"`;
    const text =
      `<?xml version="1.0"?><!-- <a b=${quoted} --><r a='${'&amp;'.repeat(40)}' b="x"><![CDATA[<c d=${quoted}>]]>` +
      `<?pi <e f=${quoted}?>${'t'.repeat(1000)} ${quoted}<part ct="image/png" data="${'A'.repeat(2000)}"/></r>`;
    for (const size of [1, 2, 3, 5, 64, 5000]) {
      const cutter = new LongAttributeCutter(CAPS.body, (element, attribute) => element === 'part' && attribute === 'data');
      let out = '';
      for (let i = 0; i < text.length; i += size) out += cutter.push(text.slice(i, i + size));
      out += cutter.end();
      expect(out).toBe(text);
      expect(cutter.takeBefore(Infinity)).toEqual([]);
    }
  });

  const tempDir = useTempDir();

  it("stores the cut body with the marker, a note and the whole body's hash", async () => {
    const dir = tempDir();
    const path = join(dir, 'sms-20240112.xml');
    writeFileSync(path, FILE);
    const session = makeCase(dir);
    await importSource(session.writable!, { path, custodian: 'Tom Reid', timeZone: 'Europe/London' }, { actor: 't', fieldCaps: CAPS });
    const bodies = session.db.prepare('SELECT body FROM messages ORDER BY seq').pluck().all() as string[];
    const notes = session.db.prepare("SELECT message FROM source_notes WHERE message LIKE '%SHA-256%'").pluck().all() as string[];
    closeCase(session);
    const stored = bodies[1] ?? '';
    const at = stored.indexOf('\n[… truncated at import: ');
    expect(BODY.startsWith(stored.slice(0, at))).toBe(true);
    expect(stored.slice(at)).toBe(
      `\n[… truncated at import: ${bytes(BODY).toLocaleString('en-GB')} bytes in the export, the first ${bytes(stored.slice(0, at)).toLocaleString('en-GB')} kept; SHA-256 of the whole message text ${sha(BODY)}]`,
    );
    expect(notes).toEqual([expect.stringContaining(sha(BODY))]);
    expect([bodies[0], bodies[2]]).toEqual(['hello', 'bye']);
  });
});
