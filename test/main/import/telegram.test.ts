import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { folder, singleFile } from '../../../main/import/files';
import { telegram } from '../../../main/import/telegram';
import expected from '../../fixtures/EXPECTED.json';
import { fixture } from '../../helpers/fixtures';
import { collect, fileBytes, iso, memorySource, withoutProgress, type Collected, sniffs } from './repair/streams';

const options = { timeZone: 'Europe/London' };
const figures = expected['telegram/result.json'];
const invalid = expected['bad/telegram-invalid.json'];
const resultJson = readFileSync(fixture('telegram/result.json'), 'utf8');
const PHOTO = 'photos/photo_1@31-10-2021_10-15-02.jpg';

const parseFixture = (): Promise<Collected> => collect(telegram, folder(fixture('telegram')), options);
const parseText = (text: string, chunkSize = text.length, entries: readonly string[] = []): Promise<Collected> =>
  collect(telegram, memorySource('result.json', text, chunkSize, entries), options);

describe('Telegram: the single-chat fixture export', () => {
  it('has the chat, records and messages EXPECTED.json lists', async () => {
    const { sources, conversations, messages, problems } = await parseFixture();
    expect(problems).toEqual([]);
    expect(sources).toEqual([
      { format: 'telegram', producer: 'Telegram Desktop', producerVersion: null, dateOrder: null, dateOrderBasis: null },
    ]);
    expect(figures.export_shape).toBe('single-chat');
    expect(conversations).toHaveLength(figures.conversations);
    expect(conversations[0]).toEqual({
      key: 'telegram:1000000042',
      platform: 'telegram',
      kind: 'group',
      title: 'Levels Comms Grid',
      externalId: '1000000042',
    });
    expect(figures.chat_type).toBe('private_group');
    expect(messages).toHaveLength(figures.records);
    const user = messages.filter((m) => m.kind !== 'system');
    const system = messages.filter((m) => m.kind === 'system');
    expect(user).toHaveLength(figures.user_messages);
    expect(system).toHaveLength(figures.system_messages);
    expect(system.map((m) => m.systemKind)).toEqual(figures.service_actions);
    expect(system.every((m) => m.direction === 'system' && m.directionBasis === 'source')).toBe(true);
    expect(messages.filter((m) => m.deleted !== 'none')).toHaveLength(figures.deleted);
    expect(messages.filter((m) => m.edited === 'edited_history_unknown')).toHaveLength(figures.edited);
    expect(messages.filter((m) => m.replyToExternalId !== null)).toHaveLength(figures.replies);
    expect(messages.map((m) => m.seq)).toEqual(messages.map((_, i) => i));
    // Ids run in order with gaps; the gaps are not deletions.
    const ids = messages.map((m) => Number(m.externalId));
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(ids.some((id, i) => i > 0 && id !== (ids[i - 1] ?? 0) + 1)).toBe(figures.ids_not_contiguous);
  });

  it('keys participants by from_id and labels them with from', async () => {
    const { participants, members, messages } = await parseFixture();
    const senders = new Set(messages.filter((m) => m.kind !== 'system').map((m) => m.senderKey));
    expect([...senders].map((key) => key?.replace('telegram:', '')).sort()).toEqual(figures.participant_ids);
    expect(senders.size).toBe(figures.participants);
    expect(participants).toHaveLength(figures.participants_including_service_actors);
    expect(participants.find((p) => p.key === 'telegram:user5000000555')).toEqual({
      key: 'telegram:user5000000555',
      label: 'Morag Campbell',
      handle: 'user5000000555',
      isOwner: false,
    });
    expect(members).toHaveLength(participants.length);
    // A single-chat export does not say whose it is: without the custodian's name, direction is unknown.
    expect(messages.filter((m) => m.kind !== 'system').every((m) => m.direction === 'unknown' && m.directionBasis === 'unknown')).toBe(
      true,
    );
  });

  it('takes time from date_unixtime and keeps date as the raw text', async () => {
    const { messages } = await parseFixture();
    const instants = messages.map((m) => m.time.utcMs ?? Number.NaN);
    expect(iso(Math.min(...instants))).toBe(figures.earliest_utc);
    expect(iso(Math.max(...instants))).toBe(figures.latest_utc);
    expect(iso(messages[0]?.time.utcMs ?? null)).toBe(figures.first_in_file_utc);
    expect(messages.every((m) => m.time.basis === 'explicit')).toBe(true);
    expect(messages[0]?.time).toEqual({ utcMs: 1635148805000, raw: '2021-10-25T09:00:05', basis: 'explicit' });
    // Local dates run backwards where the clocks went back; date_unixtime does not.
    for (const id of figures.local_date_runs_backwards_at_ids) {
      const at = messages.findIndex((m) => m.externalId === String(id));
      expect((messages[at]?.time.raw ?? '') < (messages[at - 1]?.time.raw ?? '')).toBe(true);
      expect(messages[at]?.time.utcMs).toBeGreaterThan(messages[at - 1]?.time.utcMs ?? Infinity);
    }
  });

  it('rebuilds text from runs without adding spaces', async () => {
    const { messages } = await parseFixture();
    const source = JSON.parse(resultJson) as { messages: { id: number; type: string; text: unknown }[] };
    const withRuns = source.messages.filter((m) => Array.isArray(m.text));
    const plain = source.messages.filter((m) => m.type === 'message' && typeof m.text === 'string');
    expect(withRuns).toHaveLength(figures.text_as_array);
    expect(plain).toHaveLength(figures.text_as_string);
    for (const message of plain) expect(messages.find((m) => m.externalId === String(message.id))?.body).toBe(message.text);
    expect(messages.find((m) => m.externalId === '1203')?.body).toBe(
      'Grid is here: https://docs.example.org/grid/cop26 – please add your items by Wednesday 12:00',
    );
    expect(messages.find((m) => m.externalId === '1208')?.body).toBe("Pinned the grid. Please don't edit other teams' rows.");
    for (const source of withRuns) {
      const runs = (source.text as (string | { text: string })[]).map((run) => (typeof run === 'string' ? run : run.text));
      expect(messages.find((m) => m.externalId === String(source.id))?.body).toBe(runs.join(''));
    }
  });

  it('records attachments, present only when the file is in the export, and skip strings as reasons', async () => {
    const { messages } = await parseFixture();
    const attachments = messages.flatMap((m) => m.attachments);
    expect(attachments).toHaveLength(figures.attachments);
    expect(attachments.filter((a) => a.present)).toHaveLength(figures.attachment_files_present);
    expect(attachments.map((a) => a.pathInSource ?? a.missingReason)).toEqual(figures.attachment_refs);
    expect(attachments).toEqual([
      {
        fileName: 'COP26_public_health_pack.pdf',
        mime: 'application/pdf',
        pathInSource: null,
        present: false,
        missingReason: '(File exceeds maximum size. Change data exporting settings to download.)',
      },
      { fileName: 'photo_1@31-10-2021_10-15-02.jpg', mime: null, pathInSource: PHOTO, present: true, missingReason: null },
      {
        fileName: null,
        mime: null,
        pathInSource: null,
        present: false,
        missingReason: '(File not included. Change data exporting settings to download.)',
      },
    ]);
    // Picked on its own, result.json still sees its photos/ folder; copied away from it, the photo is absent.
    const beside = await collect(telegram, singleFile(fixture('telegram/result.json')), options);
    expect(beside.messages.flatMap((m) => m.attachments).find((a) => a.pathInSource === PHOTO)).toMatchObject({ present: true });
    const dir = mkdtempSync(join(tmpdir(), 'tg-alone-'));
    copyFileSync(fixture('telegram/result.json'), join(dir, 'result.json'));
    const alone = await collect(telegram, singleFile(join(dir, 'result.json')), options);
    rmSync(dir, { recursive: true, force: true });
    expect(alone.messages.flatMap((m) => m.attachments).find((a) => a.pathInSource === PHOTO)).toMatchObject({
      present: false,
      missingReason: 'file not in the export folder',
    });
  });

  it('finds result.json and its files when the export folder sits inside what was imported', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tg-'));
    try {
      mkdirSync(join(dir, 'ChatExport_2023-05-03', 'photos'), { recursive: true });
      copyFileSync(fixture('telegram/result.json'), join(dir, 'ChatExport_2023-05-03', 'result.json'));
      copyFileSync(fixture(`telegram/${PHOTO}`), join(dir, 'ChatExport_2023-05-03', PHOTO));
      const { messages } = await collect(telegram, folder(dir), options);
      expect(messages[0]?.locator.file).toBe('ChatExport_2023-05-03/result.json');
      expect(
        messages
          .flatMap((m) => m.attachments)
          .filter((a) => a.present)
          .map((a) => a.pathInSource),
      ).toEqual([`ChatExport_2023-05-03/${PHOTO}`]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('links replies, marks the edit, and keeps a forwarded message body exactly', async () => {
    const { messages, notes } = await parseFixture();
    expect(messages.filter((m) => m.replyToExternalId !== null).map((m) => [m.externalId, m.replyToExternalId])).toEqual([
      ['1212', '1211'],
      ['1213', '1212'],
    ]);
    expect(messages.find((m) => m.edited !== 'none')).toMatchObject({
      externalId: '1218',
      edited: 'edited_history_unknown',
      editHistory: [],
    });
    const forwarded = (JSON.parse(resultJson) as { messages: { id: number; forwarded_from?: string; text: string }[] }).messages.filter(
      (m) => 'forwarded_from' in m,
    );
    expect(forwarded).toHaveLength(figures.forwarded);
    // The body stays exactly as exported: the forwarding is not written into it.
    for (const source of forwarded) expect(messages.find((m) => m.externalId === String(source.id))?.body).toBe(source.text);
    expect(notes).toEqual([]);
  });

  it('gives the same events when the file arrives one byte at a time', async () => {
    const whole = await parseFixture();
    const byByte = await parseText(resultJson, 1, [PHOTO]);
    expect(withoutProgress(byByte.events)).toEqual(withoutProgress(whole.events));
  });

  it('reads date as local time in the given zone when date_unixtime is missing, choosing folds by file order', async () => {
    const { messages: explicit } = await parseFixture();
    const old = resultJson.replace(/\n\s*"date_unixtime": "\d+",/g, '').replace(/\n\s*"edited_unixtime": "\d+",/g, '');
    const { messages, notes } = await parseText(old, 4096, [PHOTO]);
    expect(messages).toHaveLength(figures.records);
    expect(messages.every((m) => m.time.basis === 'assumed:Europe/London')).toBe(true);
    // EXPECTED lists no message whose local date disagrees with date_unixtime, so every instant is recovered.
    expect(figures.local_date_mismatch_ids).toEqual([]);
    expect(messages.map((m) => m.time.utcMs)).toEqual(explicit.map((m) => m.time.utcMs));
    expect(notes.filter((n) => n.kind === 'warning')).toHaveLength(1);
    const folds = notes.filter((n) => n.kind === 'assumption');
    expect(folds.map((n) => n.locator?.record)).toEqual(['1000000042/1233', '1000000042/1234', '1000000042/1235']);
    expect(folds[2]?.message).toBe(
      '2021-10-31T01:10:00 happened twice in Europe/London; read as 2021-10-31T01:10:00.000Z, the later occurrence, because the earlier one would put it before the previous message (the other reading is 2021-10-31T00:10:00.000Z)',
    );
  });

  it('finds chats in a full export and tells direction from the account owner', async () => {
    const chat = JSON.parse(resultJson) as Record<string, unknown>;
    const full = JSON.stringify(
      {
        about: 'Here is the data you requested.',
        personal_information: { user_id: 5000000102, first_name: 'Euan', last_name: 'Baird', phone_number: '+44 7700 900102' },
        contacts: { about: 'x', list: [{ user_id: 1, first_name: 'A', messages: [] }] },
        chats: { about: 'This page lists all chats from this export.', list: [chat] },
        left_chats: {
          about: 'x',
          list: [
            {
              name: 'Old',
              type: 'public_channel',
              id: 77,
              messages: [
                {
                  id: 1,
                  type: 'message',
                  date: '2021-01-01T10:00:00',
                  date_unixtime: '1609495200',
                  from: 'News',
                  from_id: 'channel77',
                  text: 'hi',
                  text_entities: [],
                },
              ],
            },
          ],
        },
      },
      null,
      1,
    );
    expect(sniffs(telegram, full.slice(0, 400))).toBe(true);
    const { conversations, messages, participants } = await parseText(full, 7, [PHOTO]);
    expect(conversations.map((c) => [c.key, c.kind])).toEqual([
      ['telegram:1000000042', 'group'],
      ['telegram:77', 'channel'],
    ]);
    expect(messages).toHaveLength(figures.records + 1);
    const euan = messages.filter((m) => m.senderKey === 'telegram:user5000000102' && m.kind !== 'system');
    expect(euan.length).toBeGreaterThan(0);
    expect(euan.every((m) => m.direction === 'outgoing' && m.directionBasis === 'owner_handle')).toBe(true);
    expect(messages.filter((m) => m.direction === 'incoming')).toHaveLength(figures.user_messages - euan.length + 1);
    expect(participants.filter((p) => p.isOwner).map((p) => p.key)).toEqual(['telegram:user5000000102']);
  });

  it('uses the custodian name for direction in a single-chat export', async () => {
    const { messages, participants } = await collect(telegram, folder(fixture('telegram')), { ...options, custodianName: 'Euan Baird' });
    const user = messages.filter((m) => m.kind !== 'system');
    expect(user.every((m) => m.directionBasis === 'custodian_name')).toBe(true);
    expect(user.filter((m) => m.direction === 'outgoing').every((m) => m.senderKey === 'telegram:user5000000102')).toBe(true);
    expect(participants.filter((p) => p.isOwner).map((p) => p.label)).toEqual(['Euan Baird']);
  });
});

describe('Telegram: invalid JSON as tdesktop writes it', () => {
  it('imports telegram-invalid.json after exactly two \\xNN repairs, leaving C:\\\\xfer intact', async () => {
    const { messages, participants, notes, problems, conversations } = await collect(
      telegram,
      singleFile(fixture('bad/telegram-invalid.json')),
      options,
    );
    expect(invalid.strict_json_parse_ok).toBe(false);
    expect(problems).toEqual([]);
    expect(conversations).toHaveLength(invalid.conversations);
    expect(conversations[0]?.kind).toBe('direct');
    expect(notes.filter((n) => n.kind === 'repair')).toHaveLength(invalid.x_escapes_repaired);
    expect(notes.map((n) => n.locator?.lineStart)).toEqual([28, 32]);
    expect(messages).toHaveLength(invalid.records);
    expect(messages.filter((m) => m.kind !== 'system')).toHaveLength(invalid.user_messages);
    expect(participants).toHaveLength(invalid.participants);
    expect(participants.map((p) => p.handle).sort()).toEqual(invalid.participant_ids);
    expect(messages.find((m) => m.externalId === '2')?.body).toBe(invalid.check_text_message_2);
    expect(messages.find((m) => m.externalId === '2')?.repairs).toEqual([
      'invalid JSON escape \\x01 rewritten as \\u0001',
      'invalid JSON escape \\x01 rewritten as \\u0001',
    ]);
    expect(messages.find((m) => m.externalId === '3')?.body).toBe(invalid.check_text_message_3);
    expect(messages.find((m) => m.externalId === '3')?.body).toContain('C:\\xfer\\figures.xlsx');
    expect(iso(Math.min(...messages.map((m) => m.time.utcMs ?? Infinity)))).toBe(invalid.earliest_utc);
    expect(iso(Math.max(...messages.map((m) => m.time.utcMs ?? -Infinity)))).toBe(invalid.latest_utc);
    expect(messages.flatMap((m) => m.attachments)).toHaveLength(invalid.attachments);
  });

  it('repairs the same way when the file arrives one byte at a time', async () => {
    const path = fixture('bad/telegram-invalid.json');
    const whole = await collect(telegram, singleFile(path), options);
    const byByte = await collect(telegram, memorySource('telegram-invalid.json', fileBytes(path), 1), options);
    expect(withoutProgress(byByte.events)).toEqual(withoutProgress(whole.events));
  });

  it('reports a truncated export with the line and the container it stopped in', async () => {
    const cut = resultJson.slice(0, resultJson.indexOf('"id": 1236'));
    const { problems, events } = await parseText(cut, 1);
    expect(problems).toHaveLength(1);
    expect(problems[0]?.message).toMatch(
      /^not valid JSON at line 590, column \d+: the file ends inside the object that starts at line 589/,
    );
    expect(problems[0]?.locator).toEqual({ file: 'result.json', lineStart: 590 });
    expect(events[events.length - 1]?.type).toBe('problem');
  });

  it('reports malformed JSON with the line, the column and what was expected', async () => {
    const { problems } = await parseText('{\n "name": "x",\n "type": "personal_chat"\n "messages": []\n}');
    expect(problems[0]?.message).toBe('not valid JSON at line 4, column 2: unexpected """; expected "," or "}"');
  });

  it('quotes unquoted custom-emoji document_id values from Telegram 4.1.x', async () => {
    const text =
      '{\n "name": "x",\n "type": "personal_chat",\n "id": 1,\n "messages": [\n  {\n   "id": 1,\n   "type": "message",\n   "date": "2022-08-13T11:11:11",\n   "date_unixtime": "1660385471",\n' +
      '   "from": "A",\n   "from_id": "user1",\n   "text": [\n    {\n     "type": "custom_emoji",\n     "text": "😮",\n     "document_id": video_files/sticker (2).webm\n    },\n    " wow"\n   ]\n  }\n ]\n}';
    const { messages, problems } = await parseText(text, 3);
    expect(problems).toEqual([]);
    expect(messages[0]?.body).toBe('😮 wow');
    expect(messages[0]?.repairs).toEqual(['unquoted document_id value video_files/sticker (2).webm quoted']);
  });

  it('says when JSON is not a Telegram export', async () => {
    const { problems, messages } = await parseText('{"version": "2.0.0", "events": []}');
    expect(messages).toEqual([]);
    expect(problems[0]?.message).toContain('not a Telegram Desktop export');
  });
});

describe('Telegram: message shapes', () => {
  const chat = (message: Record<string, unknown>): string =>
    JSON.stringify({
      name: 'P',
      type: 'personal_chat',
      id: 9,
      messages: [
        {
          id: 5,
          type: 'message',
          date: '2024-01-14T09:01:12',
          date_unixtime: '1705222872',
          from: 'Priya Shah',
          from_id: 'user1',
          text: '',
          text_entities: [],
          ...message,
        },
      ],
    });

  it('handles a null from, a legacy integer from_id and a reply to another chat', async () => {
    const { messages, participants } = await parseText(
      chat({ from: null, from_id: 700000999, reply_to_message_id: 2, reply_to_peer_id: 'channel5' }),
    );
    // Exports before 2021 write a user's from_id as the number alone: the same user as "user700000999".
    expect(participants).toEqual([{ key: 'telegram:user700000999', label: 'user700000999', handle: 'user700000999', isOwner: false }]);
    expect(messages[0]?.replyToExternalId).toBeNull();
  });

  it('tells media, polls, contacts and locations apart', async () => {
    const kinds = await Promise.all(
      [
        { photo: 'photos/a.jpg' },
        { poll: { question: 'Q', answers: [] } },
        { contact_information: { first_name: 'A' } },
        { location_information: null },
        {},
      ].map(async (fields) => (await parseText(chat(fields))).messages[0]?.kind),
    );
    expect(kinds).toEqual(['media', 'poll', 'contact', 'location', 'text']);
  });

  it('keeps the named reactors of a reaction', async () => {
    const reactions = [
      {
        type: 'emoji',
        count: 2,
        emoji: '👍',
        recent: [
          { from: 'Priya Shah', from_id: 'user1', date: '2024-01-14T09:02:00' },
          { from: 'Tom', from_id: 'user2', date: '2024-01-14T09:03:00' },
        ],
      },
    ];
    const { messages } = await parseText(chat({ reactions }));
    expect(messages[0]?.reactions).toEqual([
      {
        actorKey: 'telegram:user1',
        actorLabel: 'Priya Shah',
        reaction: '👍',
        time: { utcMs: Date.UTC(2024, 0, 14, 9, 2), raw: '2024-01-14T09:02:00', basis: 'assumed:Europe/London' },
      },
      {
        actorKey: null,
        actorLabel: 'Tom',
        reaction: '👍',
        time: { utcMs: Date.UTC(2024, 0, 14, 9, 3), raw: '2024-01-14T09:03:00', basis: 'assumed:Europe/London' },
      },
    ]);
  });
});

describe('Telegram: shapes real exports took (issue 15)', () => {
  const message = (fields: Record<string, unknown>): Record<string, unknown> => ({
    type: 'message',
    text: 'hi',
    text_entities: [],
    ...fields,
  });
  const single = (messages: readonly Record<string, unknown>[]): string =>
    JSON.stringify({ name: 'Tom Reid', type: 'personal_chat', id: 9, messages }, null, 1);

  it('takes the time from date_unixtime when date is missing, and notes it', async () => {
    const { messages, notes, problems } = await parseText(
      single([message({ id: 1, date_unixtime: '1635148865', from: 'Tom Reid', from_id: 'user2' })]),
    );
    expect(problems).toEqual([]);
    expect(messages[0]?.time).toEqual({ utcMs: 1635148865000, raw: 'date_unixtime="1635148865"', basis: 'explicit' });
    expect(notes.map((n) => [n.kind, n.locator?.record])).toEqual([['warning', '9/1']]);
    expect(notes[0]?.message).toContain('no "date"');
  });

  it('refuses a message without date when strict', async () => {
    const text = single([message({ id: 1, date_unixtime: '1635148865', from: 'Tom Reid', from_id: 'user2' })]);
    const { problems } = await collect(telegram, memorySource('result.json', text, text.length), { ...options, strict: true });
    expect(problems.map((p) => p.locator.record)).toEqual(['9/1']);
    expect(problems[0]?.message).toContain('no "date"');
  });

  it('reads ISO dates with Z and milliseconds as UTC, stated by the export', async () => {
    const { messages, notes } = await parseText(
      single([
        message({ id: 1, date: '2021-10-25T09:00:05.123Z', from: 'Tom Reid', from_id: 'user2' }),
        message({ id: 2, date: '2021-10-25T10:01:05+01:00', from: 'Tom Reid', from_id: 'user2' }),
      ]),
    );
    expect(messages.map((m) => m.time)).toEqual([
      { utcMs: Date.UTC(2021, 9, 25, 9, 0, 5, 123), raw: '2021-10-25T09:00:05.123Z', basis: 'explicit' },
      { utcMs: Date.UTC(2021, 9, 25, 9, 1, 5), raw: '2021-10-25T10:01:05+01:00', basis: 'explicit' },
    ]);
    expect(notes).toEqual([]);
  });

  it('treats a numeric from_id as the same user as "user<id>" when telling the owner apart', async () => {
    const full = JSON.stringify({
      personal_information: { user_id: 11111111, first_name: 'Fiona' },
      chats: {
        about: 'x',
        list: [
          {
            name: 'Tom',
            type: 'personal_chat',
            id: 2,
            messages: [
              message({ id: 1, date: '2020-10-25T09:00:05', from: 'Tom', from_id: 11111112 }),
              message({ id: 2, date: '2020-10-25T09:01:05', from: 'Fiona', from_id: 11111111 }),
              message({
                id: 3,
                date: '2020-10-25T09:02:05',
                from: 'Fiona',
                from_id: 'user11111111',
                reactions: [{ type: 'emoji', emoji: '👍', recent: [{ from: 'Tom', from_id: 11111112, date: '2020-10-25T09:03:00' }] }],
              }),
            ],
          },
        ],
      },
    });
    const { messages, participants } = await parseText(full);
    expect(messages.map((m) => m.direction)).toEqual(['incoming', 'outgoing', 'outgoing']);
    expect(messages.map((m) => m.senderKey)).toEqual(['telegram:user11111112', 'telegram:user11111111', 'telegram:user11111111']);
    expect(participants.map((p) => [p.key, p.isOwner])).toEqual([
      ['telegram:user11111112', false],
      ['telegram:user11111111', true],
    ]);
    expect(messages[2]?.reactions[0]?.actorKey).toBe('telegram:user11111112');
  });

  it('gives direction unknown and warns when the custodian is no sender of a single-chat export', async () => {
    const text = single([
      message({ id: 1, date_unixtime: '1635148805', date: '2021-10-25T09:00:05', from: 'Tom Reid', from_id: 'user2' }),
      message({ id: 2, date_unixtime: '1635148865', date: '2021-10-25T09:01:05', from: 'Fiona Laird', from_id: 'user1' }),
    ]);
    const unmatched = await collect(telegram, memorySource('result.json', text, 5), { ...options, custodianName: 'Somebody Else' });
    expect(unmatched.messages.map((m) => [m.direction, m.directionBasis])).toEqual([
      ['unknown', 'unknown'],
      ['unknown', 'unknown'],
    ]);
    expect(unmatched.notes.filter((n) => n.kind === 'warning').map((n) => n.message)).toEqual([
      'No sender in this export matches the custodian\'s name "Somebody Else"; message directions are unknown.',
    ]);
    const matched = await collect(telegram, memorySource('result.json', text, 5), { ...options, custodianName: 'Fiona Laird' });
    expect(matched.messages.map((m) => m.direction)).toEqual(['incoming', 'outgoing']);
    expect(matched.notes).toEqual([]);
  });
});

describe('sniffTelegram', () => {
  it('recognises single-chat exports, valid or not, and nothing else', () => {
    const head = (path: string): string => readFileSync(fixture(path), 'utf8').slice(0, 2048);
    expect(sniffs(telegram, head('telegram/result.json'))).toBe(true);
    expect(sniffs(telegram, head('bad/telegram-invalid.json'))).toBe(true);
    expect(sniffs(telegram, head('rsmf/core-group.rsmf_manifest.json'))).toBe(false);
    expect(sniffs(telegram, head('sms/sms-backup-restore.xml'))).toBe(false);
  });
});
