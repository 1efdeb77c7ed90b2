/**
 * The vendored official schema is the published file, unchanged, and validation refuses what the
 * schema refuses (the vendor's own negative samples' faults) and what only our rules can say.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { writeEml } from '../../../main/export/rsmf/eml';
import { rsmfProblems, validateRsmf, RsmfInvalidError } from '../../../main/export/rsmf/validate';
import { writeZip } from '../../../main/export/rsmf/zip';

const SCHEMA = fileURLToPath(new URL('../../../main/export/rsmf/schema/rsmf_schema_2_0_0.json', import.meta.url));

const good = {
  version: '2.0.0',
  eventcollectionid: 'DD-1',
  participants: [
    { id: 'P1', display: 'Fiona Laird', email: 'fiona.laird@example.org' },
    { id: 'P2', display: 'Tom Reid', account_id: '+447700900101' },
  ],
  conversations: [{ id: 'C1', platform: 'whatsapp', type: 'direct', participants: ['P1', 'P2'], custodian: 'P1' }],
  events: [
    { id: 'm1', type: 'message', conversation: 'C1', participant: 'P1', timestamp: '2020-03-16T21:50:00+00:00', body: 'Morning' },
    { id: 'm2', type: 'message', conversation: 'C1', participant: 'P2', parent: 'm1', timestamp: '2020-03-16T21:52:00Z', body: 'Hi' },
  ],
};

function rsmfWith(manifest: unknown, extra: { name: string; bytes: Buffer }[] = [], headers: [string, string][] | null = null): Buffer {
  const m = manifest as typeof good;
  return writeEml({
    from: { display: 'Fiona Laird', email: null },
    to: [{ display: 'Tom Reid', email: null }],
    subject: 'WhatsApp: test',
    date: null,
    rsmf: headers ?? [
      ['Version', '2.0.0'],
      ['BeginDate', '2020-03-16T21:50:00+00:00'],
      ['EndDate', '2020-03-16T21:52:00+00:00'],
      ['EventCount', String(m.events.length)],
      ['AttachmentCount', '0'],
      ['EventCollectionID', 'DD-1'],
    ],
    body: 'text',
    zip: writeZip([{ name: 'rsmf_manifest.json', bytes: Buffer.from(JSON.stringify(manifest)) }, ...extra]),
    idDomain: 'test.invalid',
  });
}

describe('RSMF validation', () => {
  it('uses the official schema exactly as published', () => {
    expect(createHash('sha256').update(readFileSync(SCHEMA)).digest('hex')).toBe(
      '9658446c8ced7c92b1413dac0509a7645cf1578d25e30cb88d3e9c18696e2338',
    );
  });

  it('accepts a valid file', async () => {
    await expect(validateRsmf('good.rsmf', rsmfWith(good))).resolves.toBeTruthy();
  });

  it('refuses what the official schema refuses (as the vendor samples break it)', async () => {
    const numberId = { ...good, participants: [{ id: 1 }, ...good.participants] };
    expect((await rsmfProblems(rsmfWith(numberId))).problems.join('\n')).toMatch(/participants\/0\/id must be string/u);
    const noOffset = { ...good, events: [{ ...good.events[0], timestamp: '2020-03-16T21:50:00' }, good.events[1]] };
    expect((await rsmfProblems(rsmfWith(noOffset))).problems.join('\n')).toMatch(/timestamp must match format "date-time"/u);
    const emptyCustom = { ...good, events: [{ ...good.events[0], custom: [{ name: 'Note', value: '' }] }, good.events[1]] };
    expect((await rsmfProblems(rsmfWith(emptyCustom))).problems.join('\n')).toMatch(/value must NOT have fewer than 1 characters/u);
  });

  it('refuses what only our rules can say', async () => {
    const undefinedParticipant = { ...good, conversations: [{ ...good.conversations[0], participants: ['P1', 'P2', 'P9'] }] };
    expect((await rsmfProblems(rsmfWith(undefinedParticipant))).problems.join('\n')).toMatch(/names participant "P9"/u);
    const orphanParent = { ...good, events: [good.events[0], { ...good.events[1], parent: 'm7' }] };
    expect((await rsmfProblems(rsmfWith(orphanParent))).problems.join('\n')).toMatch(/parent "m7" is not an event/u);
    const missingFile = { ...good, events: [good.events[0], { ...good.events[1], attachments: [{ id: 'IMG-1.jpg' }] }] };
    expect((await rsmfProblems(rsmfWith(missingFile))).problems.join('\n')).toMatch(/attaches "IMG-1\.jpg", which is not in rsmf\.zip/u);
    const stray = rsmfWith(good, [{ name: 'stray.txt', bytes: Buffer.from('x') }]);
    expect((await rsmfProblems(stray)).problems.join('\n')).toMatch(/holds "stray\.txt", which no event attaches/u);
    const wrongCount = rsmfWith(
      good,
      [],
      [
        ['Version', '2.0.0'],
        ['EventCount', '3'],
      ],
    );
    const problems = (await rsmfProblems(wrongCount)).problems.join('\n');
    expect(problems).toMatch(/X-RSMF-EventCount is "3", but the manifest gives "2"/u);
    expect(problems).toMatch(/X-RSMF-BeginDate is missing/u);
    await expect(validateRsmf('bad.rsmf', wrongCount)).rejects.toBeInstanceOf(RsmfInvalidError);
  });

  it('writes the same zip and e-mail bytes for the same content', () => {
    expect(rsmfWith(good).equals(rsmfWith(good))).toBe(true);
  });
});
