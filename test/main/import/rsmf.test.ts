import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ParseEvent, ParseOptions, ParsedMessage } from '../../../common/domain/parsed';
import { ImportInputError } from '../../../main/import/errors';
import { folder, singleFile, type SourceFiles } from '../../../main/import/files';
import { rsmf } from '../../../main/import/rsmf';
import { readIsoTime } from '../../../common/domain/time';
import { readMime } from '../../../main/import/rsmf/mime';
import { openZipBuffer } from '../../../main/import/zip';
import { fixture } from '../../helpers/fixtures';
import { useTempDir } from '../../helpers/temp';
import { eventsOf, sniffs } from './repair/streams';

interface Expected {
  headers: Record<string, string>;
  conversations: number;
  records: number;
  events_by_type: Record<string, number>;
  user_messages: number;
  system_messages: number;
  participants: number;
  earliest_utc: string;
  latest_utc: string;
  attachments: number;
  attachment_files_present: number;
  zip_entries: string[];
  deleted: number;
  edited: number;
  replies: number;
  events_with_reactions: number;
  reaction_total: number;
  header_checks: Record<string, boolean>;
}

const EXPECTED = (JSON.parse(readFileSync(fixture('EXPECTED.json'), 'utf8')) as Record<string, unknown>)[
  'rsmf/core-group.rsmf'
] as Expected;
const OPTIONS: ParseOptions = { timeZone: 'Europe/London' };
const EML = readFileSync(fixture('rsmf/core-group.rsmf'), 'latin1');
const MANIFEST = JSON.parse(readFileSync(fixture('rsmf/core-group.rsmf_manifest.json'), 'utf8')) as Record<string, unknown>;

async function collect(files: SourceFiles, options: ParseOptions = OPTIONS): Promise<ParseEvent[]> {
  const events: ParseEvent[] = [];
  for await (const event of eventsOf(rsmf, files, options)) events.push(event);
  return events;
}

const messagesOf = (events: ParseEvent[]): ParsedMessage[] => events.flatMap((e) => (e.type === 'message' ? [e.message] : []));
const warningsOf = (events: ParseEvent[]): string[] =>
  events.flatMap((e) => (e.type === 'note' && e.note.kind === 'warning' ? [e.note.message] : []));
const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString().replace(/\.000Z$/, 'Z'));

/** Figures common to the e-mail and the bare manifest. */
function expectFigures(events: ParseEvent[]): void {
  const messages = messagesOf(events);
  expect(events.filter((e) => e.type === 'conversation')).toHaveLength(EXPECTED.conversations);
  expect(messages).toHaveLength(EXPECTED.records);
  for (const [type, count] of Object.entries(EXPECTED.events_by_type)) {
    const ofType = messages.filter((m) => (type === 'message' ? m.systemKind === null : m.systemKind === type));
    expect(ofType, type).toHaveLength(count);
  }
  expect(messages.filter((m) => m.kind !== 'system')).toHaveLength(EXPECTED.user_messages);
  expect(messages.filter((m) => m.kind === 'system')).toHaveLength(EXPECTED.system_messages);
  expect(events.filter((e) => e.type === 'participant')).toHaveLength(EXPECTED.participants);
  const times = messages.map((m) => m.time.utcMs).filter((t): t is number => t !== null);
  expect(iso(Math.min(...times))).toBe(EXPECTED.earliest_utc);
  expect(iso(Math.max(...times))).toBe(EXPECTED.latest_utc);
  expect(messages.every((m) => m.time.basis === 'explicit')).toBe(true);
  expect(messages.flatMap((m) => m.attachments)).toHaveLength(EXPECTED.attachments);
  expect(messages.filter((m) => m.deleted !== 'none')).toHaveLength(EXPECTED.deleted);
  expect(messages.filter((m) => m.edited !== 'none')).toHaveLength(EXPECTED.edited);
  expect(messages.filter((m) => m.replyToExternalId !== null)).toHaveLength(EXPECTED.replies);
  expect(messages.filter((m) => m.reactions.length > 0)).toHaveLength(EXPECTED.events_with_reactions);
  expect(messages.reduce((n, m) => n + m.reactions.length, 0)).toBe(EXPECTED.reaction_total);
  expect(messages.map((m) => m.seq)).toEqual(messages.map((_, i) => i));
}

describe('RSMF e-mail fixture', () => {
  it('matches every figure in EXPECTED.json, with the headers recorded and all cross-checks passing', async () => {
    const events = await collect(singleFile(fixture('rsmf/core-group.rsmf')));
    expectFigures(events);
    const attachments = messagesOf(events).flatMap((m) => m.attachments);
    expect(attachments.filter((a) => a.present)).toHaveLength(EXPECTED.attachment_files_present);
    expect(events[0]).toEqual({
      type: 'source',
      source: {
        format: 'rsmf',
        producer: EXPECTED.headers['X-RSMF-Generator'],
        producerVersion: null,
        dateOrder: null,
        dateOrderBasis: null,
      },
    });
    expect(Object.values(EXPECTED.header_checks).every(Boolean)).toBe(true);
    expect(warningsOf(events)).toEqual([]);
  });

  it('holds the files the EXPECTED zip listing names', async () => {
    const message = await readMime(singleFile(fixture('rsmf/core-group.rsmf')).stream('core-group.rsmf'), (p) => p.fileName === 'rsmf.zip');
    const zip = await openZipBuffer('rsmf.zip', message.parts[1]?.body ?? new Uint8Array());
    expect(zip.entries).toEqual(EXPECTED.zip_entries);
    await zip.close();
  });

  it('maps each event: custodian, direction, thread, edit history, deletion, reactions and the embedded attachment', async () => {
    const events = await collect(singleFile(fixture('rsmf/core-group.rsmf')));
    const messages = messagesOf(events);
    const byId = (id: string): ParsedMessage | undefined => messages.find((m) => m.externalId === id);
    const participants = events.flatMap((e) => (e.type === 'participant' ? [e.participant] : []));
    expect(participants.filter((p) => p.isOwner)).toEqual([
      { key: 'participant:P1', label: 'Fiona Laird', handle: '+447700900101', isOwner: true },
    ]);
    expect(events.find((e) => e.type === 'conversation')).toEqual({
      type: 'conversation',
      conversation: { key: 'conversation:C1', platform: 'whatsapp', kind: 'group', title: 'Covid Core Group', externalId: 'C1' },
    });
    expect(events.filter((e) => e.type === 'member')).toHaveLength(5);

    expect(byId('e1')).toMatchObject({
      direction: 'outgoing',
      directionBasis: 'source',
      senderKey: 'participant:P1',
      locator: { file: 'rsmf_manifest.json', record: 'e1' },
    });
    expect(byId('e1')?.reactions).toEqual([
      { actorKey: 'participant:P2', actorLabel: 'Euan Baird', reaction: '👍', time: null },
      { actorKey: 'participant:P3', actorLabel: 'Priya Nair', reaction: '👍', time: null },
    ]);
    expect(byId('e5')).toMatchObject({ kind: 'system', systemKind: 'join', senderKey: 'participant:P5', direction: 'system', body: '' });
    expect(byId('e7')?.replyToExternalId).toBe('e4');
    expect(byId('e8')).toMatchObject({
      body: 'Lines with you by 11.',
      edited: 'edited_history_known',
      editHistory: [
        { body: 'Lines at 11', time: { utcMs: Date.UTC(2021, 0, 5, 8, 16, 30), raw: '2021-01-05T08:16:30Z', basis: 'explicit' } },
      ],
    });
    expect(byId('e9')).toMatchObject({ kind: 'deleted', deleted: 'placeholder', body: '' });
    const [photo] = byId('e11')?.attachments ?? [];
    expect(photo).toMatchObject({
      fileName: 'IMG-20210105-WA0003.jpg',
      present: true,
      pathInSource: 'rsmf.zip/IMG-20210105-WA0003.jpg',
      missingReason: null,
    });
    expect(photo?.embedded?.length).toBe(330);
    expect([...(photo?.embedded?.subarray(0, 2) ?? [])]).toEqual([0xff, 0xd8]);
  });
});

describe('RSMF bare manifest', () => {
  const makeDir = useTempDir();

  it('gives the same figures from the loose manifest, with the attachment reported missing', async () => {
    const events = await collect(singleFile(fixture('rsmf/core-group.rsmf_manifest.json')));
    expectFigures(events);
    const attachments = messagesOf(events).flatMap((m) => m.attachments);
    expect(attachments).toEqual([
      {
        fileName: 'IMG-20210105-WA0003.jpg',
        mime: null,
        pathInSource: null,
        present: false,
        missingReason: 'not in the export (IMG-20210105-WA0003.jpg)',
      },
    ]);
    expect(events[0]).toMatchObject({ type: 'source', source: { producer: null } });
    expect(messagesOf(events)[0]?.locator.file).toBe('core-group.rsmf_manifest.json');
    expect(warningsOf(events)).toEqual([
      'attachment IMG-20210105-WA0003.jpg of event e11 is named by the manifest but is not in the export',
    ]);
  });

  it('names an application the case has no platform for (Microsoft Teams) on the source, the conversation staying "other"', async () => {
    const dir = makeDir();
    const teams = { ...MANIFEST, conversations: (MANIFEST.conversations as object[]).map((c) => ({ ...c, platform: 'teams' })) };
    writeFileSync(join(dir, 'rsmf_manifest.json'), JSON.stringify(teams));
    const events = await collect(singleFile(join(dir, 'rsmf_manifest.json')));
    expect(events[0]).toMatchObject({ type: 'source', source: { producer: 'Microsoft Teams', producerVersion: '(RSMF)' } });
    expect(events.find((e) => e.type === 'conversation')).toMatchObject({ conversation: { platform: 'other' } });
  });

  it('finds attachment files beside a manifest in a folder', async () => {
    const dir = makeDir();
    copyFileSync(fixture('rsmf/core-group.rsmf_manifest.json'), join(dir, 'rsmf_manifest.json'));
    copyFileSync(fixture('cellebrite/ufdr-sample/files/Image/IMG-20210105-WA0003.jpg'), join(dir, 'IMG-20210105-WA0003.jpg'));
    const attachments = messagesOf(await collect(folder(dir))).flatMap((m) => m.attachments);
    expect(attachments).toMatchObject([{ present: true, pathInSource: 'IMG-20210105-WA0003.jpg', missingReason: null }]);
    expect(attachments[0]?.embedded).toBeUndefined();
  });

  it('imports undeclared participants under their id with a warning, infers direction from the custodian, and flags offset-less times', async () => {
    const dir = makeDir();
    const events = [
      { id: 'a', type: 'message', participant: 'P1', timestamp: '2021-07-01T12:00:00' },
      {
        id: 'b',
        type: 'message',
        participant: 'P9',
        timestamp: '2021-07-01T12:01:00Z',
        reactions: [{ value: 'ok', count: 2, participants: ['P1'] }],
      },
    ];
    writeFileSync(join(dir, 'rsmf_manifest.json'), JSON.stringify({ ...MANIFEST, events }));
    const parsed = await collect(folder(dir));
    const [a, b] = messagesOf(parsed);
    expect(a).toMatchObject({
      direction: 'outgoing',
      directionBasis: 'owner_handle',
      time: { utcMs: Date.UTC(2021, 6, 1, 11), basis: 'unknown' },
    });
    expect(b).toMatchObject({ direction: 'incoming', directionBasis: 'owner_handle', senderKey: 'participant:P9' });
    expect(b?.reactions.map((r) => r.actorKey)).toEqual(['participant:P1', null]);
    const warnings = warningsOf(parsed).join('\n');
    expect(warnings).toMatch(/participant "P9" \(events\[1\]\) is not defined in participants\[\]/);
    expect(warnings).toMatch(/timestamp "2021-07-01T12:00:00" has no UTC offset, so its zone is unknown/);
  });

  it('fails with the JSON path on a wrong shape, on broken JSON and on an undefined conversation', async () => {
    const dir = makeDir();
    const path = join(dir, 'rsmf_manifest.json');
    writeFileSync(path, JSON.stringify({ ...MANIFEST, participants: [{ id: 1 }] }));
    await expect(collect(folder(dir))).rejects.toThrow('rsmf_manifest.json: participants[0].id must be a string (found number 1)');
    writeFileSync(path, '{"version": "2.0.0",');
    await expect(collect(folder(dir))).rejects.toThrow(/rsmf_manifest.json is not valid JSON/);
    writeFileSync(path, JSON.stringify({ ...MANIFEST, events: [{ type: 'message', conversation: 'C9' }] }));
    await expect(collect(folder(dir))).rejects.toThrow(/events\[0\].conversation "C9" is not defined in conversations\[\]/);
  });
});

describe('RSMF e-mail checks', () => {
  const makeDir = useTempDir();
  const writeEml = (text: string): SourceFiles => {
    const path = join(makeDir(), 'changed.rsmf');
    writeFileSync(path, text, 'latin1');
    return singleFile(path);
  };

  it('counts an attachment missing from rsmf.zip as a warning, with the event it belongs to', async () => {
    const events = await collect(singleFile(join(__dirname, '..', '..', 'fixtures', 'corpus', 'rsmf-attachment-missing-from-zip.rsmf')));
    expect(messagesOf(events).flatMap((m) => m.attachments)).toMatchObject([
      { present: false, missingReason: 'not in rsmf.zip (IMG-20210105-WA0003.jpg)' },
    ]);
    const notes = events.flatMap((e) => (e.type === 'note' ? [e.note] : []));
    expect(notes).toEqual([
      {
        kind: 'warning',
        message: 'attachment IMG-20210105-WA0003.jpg of event e11 is named by the manifest but is not in rsmf.zip',
        locator: { file: 'rsmf_manifest.json', record: 'e11' },
      },
    ]);
  });

  it('warns when the X-RSMF-* headers disagree with the manifest', async () => {
    const changed = EML.replace('X-RSMF-EventCount: 20', 'X-RSMF-EventCount: 21').replace(
      'X-RSMF-BeginDate: 2021-01-04T19:40:00Z',
      'X-RSMF-BeginDate: 2021-01-04T19:00:00Z',
    );
    const events = await collect(writeEml(changed));
    expect(warningsOf(events)).toEqual([
      'X-RSMF-EventCount is 21 but the manifest has 20 events',
      'X-RSMF-BeginDate is 2021-01-04T19:00:00Z but the events run from 2021-01-04T19:40:00.000Z',
    ]);
    expect(messagesOf(events)).toHaveLength(20);
  });

  it('refuses an e-mail without X-RSMF-Version, or without exactly one rsmf.zip', async () => {
    await expect(collect(writeEml(EML.replace('X-RSMF-Version: 2.0.0\r\n', '')))).rejects.toThrow(/no X-RSMF-Version header/);
    const start = EML.indexOf('--=_RSMF_7f3a9c2e\r\nContent-Type: application/octet-stream');
    const end = EML.indexOf('--=_RSMF_7f3a9c2e--');
    const zipPart = EML.slice(start, end);
    await expect(collect(writeEml(EML.slice(0, start) + EML.slice(end)))).rejects.toThrow(
      /exactly one attachment named rsmf.zip \(found 0\)/,
    );
    await expect(collect(writeEml(EML.slice(0, end) + zipPart + EML.slice(end)))).rejects.toThrow(
      /exactly one attachment named rsmf.zip \(found 2\)/,
    );
  });

  it('refuses a truncated e-mail with a clear reason', async () => {
    const error = await collect(writeEml(EML.slice(0, EML.length - 200))).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(ImportInputError);
    expect((error as Error).message).toMatch(/is not a readable RSMF e-mail \(the message ends before the closing boundary/);
  });
});

describe('RSMF sniffing and time', () => {
  it('recognises the e-mail and the bare manifest from their heads', () => {
    expect(sniffs(rsmf, EML.slice(0, 2048))).toBe(true);
    expect(sniffs(rsmf, readFileSync(fixture('rsmf/core-group.rsmf_manifest.json'), 'utf8').slice(0, 512))).toBe(true);
    expect(sniffs(rsmf, readFileSync(fixture('telegram/result.json'), 'utf8').slice(0, 2048))).toBe(false);
    expect(sniffs(rsmf, 'From: a@example.org\r\nSubject: hi\r\n\r\nX-RSMF-Version: 2.0.0\r\n')).toBe(false);
  });

  it('reads offsets, Z, and offset-less values as zone unknown', () => {
    expect(readIsoTime('2021-01-05T08:16:30+01:00', 'Europe/London', null).time).toEqual({
      utcMs: Date.UTC(2021, 0, 5, 7, 16, 30),
      raw: '2021-01-05T08:16:30+01:00',
      basis: 'explicit',
    });
    expect(readIsoTime('2018-09-11T09:45:00', 'Europe/London', null)).toEqual({
      time: { utcMs: Date.UTC(2018, 8, 11, 8, 45), raw: '2018-09-11T09:45:00', basis: 'unknown' },
      zoned: false,
    });
    expect(readIsoTime(null, 'Europe/London', null).time).toEqual({ utcMs: null, raw: null, basis: 'unknown' });
  });
});
