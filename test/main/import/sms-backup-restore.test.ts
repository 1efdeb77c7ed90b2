import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SaxesParser } from 'saxes';
import { describe, expect, it } from 'vitest';
import { folder, singleFile } from '../../../main/import/files';
import { smsBackupRestore } from '../../../main/import/sms-backup-restore';
import expected from '../../fixtures/EXPECTED.json';
import { fixture } from '../../helpers/fixtures';
import { collect, fileBytes, iso, memorySource, withoutProgress, type Collected, eventsOf, sniffs } from './repair/streams';

const options = { timeZone: 'Europe/London' };
const strict = { ...options, strict: true };
const figures = expected['sms/sms-backup-restore.xml'];
const fixturePath = fixture('sms/sms-backup-restore.xml');

const parseFixture = (): Promise<Collected> => collect(smsBackupRestore, singleFile(fixturePath), options);
const parseText = (text: string, chunkSize = text.length): Promise<Collected> =>
  collect(smsBackupRestore, memorySource('sms.xml', text, chunkSize), options);

/** A minimal backup around the given records. */
const backup = (records: string): string =>
  `<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>\n<smses count="1">\n${records}\n</smses>\n`;

const sms = (body: string, extra = ''): string =>
  `<sms protocol="0" address="+447700900101" date="1616781731412" type="1" body="${body}" readable_date="26 Mar 2021 18:02:11" contact_name="Fiona Laird" ${extra}/>`;

describe('SMS Backup & Restore: the fixture backup', () => {
  it('is not well-formed as written, so the repair pass is needed', () => {
    const strict = new SaxesParser();
    expect(figures.strict_xml_parse_ok).toBe(false);
    expect(() => strict.write(readFileSync(fixturePath, 'utf8')).close()).toThrow(/character entity/);
  });

  it('has the conversations, records and messages EXPECTED.json lists', async () => {
    const { sources, conversations, messages, notes, problems } = await parseFixture();
    expect(problems).toEqual([]);
    expect(sources).toEqual([
      {
        format: 'sms_backup_restore',
        producer: 'SMS Backup & Restore',
        producerVersion: '10.20.002',
        dateOrder: null,
        dateOrderBasis: null,
      },
    ]);
    expect(conversations).toHaveLength(figures.conversations);
    expect(messages).toHaveLength(figures.records);
    expect(messages.filter((m) => m.locator.record?.startsWith('sms#'))).toHaveLength(figures.sms);
    expect(messages.filter((m) => m.locator.record?.startsWith('mms#'))).toHaveLength(figures.mms);
    expect(messages.filter((m) => m.kind !== 'system')).toHaveLength(figures.user_messages);
    expect(messages.filter((m) => m.kind === 'system')).toHaveLength(figures.system_messages);
    expect(messages.filter((m) => m.direction === 'outgoing')).toHaveLength(figures.sent);
    expect(messages.filter((m) => m.direction === 'incoming')).toHaveLength(figures.received);
    expect(messages.every((m) => m.directionBasis === 'source')).toBe(true);
    expect(messages.map((m) => m.seq)).toEqual(messages.map((_, i) => i));
    expect(messages.filter((m) => m.deleted !== 'none')).toHaveLength(figures.deleted);
    expect(messages.filter((m) => m.edited !== 'none')).toHaveLength(figures.edited);
    // The parser warns when <smses count> and the records it found disagree; here they agree.
    expect(notes.some((n) => n.message.includes('<smses count='))).toBe(figures.declared_count !== messages.length);
  });

  it('keys participants by E.164 number and adds the owner', async () => {
    const { participants, conversations, members, messages } = await parseFixture();
    const counterparts = participants.filter((p) => !p.isOwner);
    expect(counterparts).toHaveLength(figures.participants);
    expect(participants).toHaveLength(figures.participants_including_owner);
    expect(counterparts.map((p) => p.key.replace(/^tel:/, '')).sort()).toEqual(figures.participant_numbers);
    // The handle is the number as first written; "+44 7700 900102" and "07700 900101" are the same people.
    expect(participants.find((p) => p.key === 'tel:+447700900102')).toMatchObject({ label: 'Euan Baird', handle: '+44 7700 900102' });
    expect(messages.filter((m) => m.locator.lineStart === 12)[0]?.conversationKey).toBe('sms:tel:+447700900101');
    for (const address of figures.unknown_contact_addresses) {
      expect(participants.find((p) => p.key === `tel:${address}`)?.label).toBe(address);
    }
    const owner = participants.filter((p) => p.isOwner);
    expect(owner).toEqual([{ key: 'owner', label: 'Device owner', handle: null, isOwner: true }]);
    expect(messages.filter((m) => m.direction === 'outgoing').every((m) => m.senderKey === 'owner')).toBe(true);
    for (const conversation of conversations)
      expect(members).toContainEqual({ conversationKey: conversation.key, participantKey: 'owner' });
  });

  it('groups MMS by the set of numbers, whatever their order, and ignores insert-address-token', async () => {
    const { conversations, messages, members } = await parseFixture();
    const group = conversations.find((c) => c.kind === 'group');
    expect(group).toEqual({
      key: 'sms:tel:+447700900101~tel:+447700900102~tel:+447700900103',
      platform: 'sms',
      kind: 'group',
      title: 'Fiona Laird, Euan Baird, Priya Nair',
      externalId: null,
    });
    expect(conversations.filter((c) => c.kind === 'direct')).toHaveLength(figures.conversations - 1);
    const inGroup = messages.filter((m) => m.conversationKey === group?.key);
    expect(inGroup.map((m) => m.locator.record)).toEqual(['mms#1', 'mms#3']);
    // The sender of an incoming group MMS is its From address (type 137).
    expect(inGroup.map((m) => m.senderKey)).toEqual(['tel:+447700900101', 'tel:+447700900102']);
    expect(
      members
        .filter((m) => m.conversationKey === group?.key)
        .map((m) => m.participantKey)
        .sort(),
    ).toEqual(['owner', 'tel:+447700900101', 'tel:+447700900102', 'tel:+447700900103']);
    const outgoing = messages.find((m) => m.locator.record === 'mms#2');
    expect(outgoing).toMatchObject({ conversationKey: 'sms:tel:+447700900101', direction: 'outgoing', senderKey: 'owner', kind: 'media' });
    expect(outgoing?.body).toBe("Seating plan for Tuesday's briefing attached");
  });

  it('takes time from date (UTC ms), keeping readable_date and date as the raw text', async () => {
    const { messages } = await parseFixture();
    const instants = messages.map((m) => m.time.utcMs ?? Number.NaN);
    expect(iso(Math.min(...instants))).toBe(figures.earliest_utc);
    expect(iso(Math.max(...instants))).toBe(figures.latest_utc);
    expect(iso(messages[0]?.time.utcMs ?? null)).toBe(figures.first_in_file_utc);
    expect(messages.every((m) => m.time.basis === 'explicit')).toBe(true);
    expect(messages[0]?.time.raw).toBe('readable_date="26 Mar 2021 18:02:11" date="1616781731412"');
    // The same phone-local readable_date names two instants an hour apart when the clocks go back.
    for (const collision of figures.readable_date_collisions) {
      const times = messages
        .filter((m) => m.time.raw?.startsWith(`readable_date="${collision.readable_date}"`))
        .map((m) => iso(m.time.utcMs));
      expect(times).toEqual(collision.utc);
    }
    const springForward = messages.filter((m) => m.time.raw?.includes('28 Mar 2021')).map((m) => iso(m.time.utcMs));
    expect(springForward.slice(0, 2)).toEqual(['2021-03-28T00:59:30Z', '2021-03-28T01:00:00Z']);
  });

  it('repairs the surrogate-pair reference once and lists the repair on that message', async () => {
    const { messages, notes } = await parseFixture();
    const repairNotes = notes.filter((n) => n.kind === 'repair');
    expect(repairNotes).toHaveLength(figures.surrogate_pair_references_repaired);
    expect(repairNotes[0]?.locator).toEqual({ file: 'sms-backup-restore.xml', lineStart: 20, record: 'sms#12' });
    const repaired = messages.filter((m) => m.repairs.length > 0);
    expect(repaired).toHaveLength(figures.surrogate_pair_references_repaired);
    expect(repaired[0]?.body).toBe("Your sister's had the baby!! A wee girl, 7lb 2oz 😀");
    expect(repaired[0]?.repairs[0]).toContain('&#55357;&#56832;');
    expect(notes.filter((n) => n.kind !== 'repair')).toEqual([]);
  });

  it('keeps bodies exactly: references, entities, newlines and raw emoji', async () => {
    const { messages } = await parseFixture();
    const bodies = messages.map((m) => m.body);
    expect(bodies).toContain('Thanks 👍');
    expect(bodies).toContain("R estimate for Monday's statement: 0.6–0.9.\nCentral 0.75. Paper to follow by email.");
    expect(bodies).toContain("Running 10 mins late. Start the 8am without me & I'll catch up");
    expect(bodies).toContain('Great. Cab Sec wants the "what changes today" graphic for tomorrow.');
    expect(bodies).toContain('Is the CMO joining the 9:30? If not, ask Priya to present the <testing> figures.');
    expect(bodies).toContain('Amazing!! Give her a hug from me. Will FaceTime tonight ❤️');
  });

  it('reads MMS text from text/plain parts and attachments from embedded media parts, skipping SMIL', async () => {
    const { messages } = await parseFixture();
    const attachments = messages.flatMap((m) => m.attachments);
    expect(attachments).toHaveLength(figures.attachments);
    expect(attachments.filter((a) => a.present)).toHaveLength(figures.attachment_files_present);
    expect(attachments.reduce((total, a) => total + (a.embedded?.length ?? 0), 0)).toBe(figures.attachment_bytes);
    expect(attachments.map((a) => [a.fileName, a.mime, a.pathInSource, a.missingReason])).toEqual([
      ['IMG_20210502_141955.jpg', 'image/jpeg', null, null],
      ['IMG_20210502_143012.jpg', 'image/jpeg', null, null],
    ]);
    for (const attachment of attachments) expect([...(attachment.embedded?.subarray(0, 2) ?? [])]).toEqual([0xff, 0xd8]);
    const first = messages.find((m) => m.locator.record === 'mms#1');
    expect(first?.body).toBe('Photo from the vaccination centre visit – for the comms grid, not for social media yet please');
    expect(first?.locator).toEqual({ file: 'sms-backup-restore.xml', lineStart: 49, lineEnd: 61, record: 'mms#1' });
    expect(messages.find((m) => m.locator.record === 'mms#3')).toMatchObject({ kind: 'text', attachments: [] });
  });

  it('gives the same events when the file arrives one byte at a time', async () => {
    const whole = await parseFixture();
    const byByte = await collect(smsBackupRestore, memorySource('sms-backup-restore.xml', fileBytes(fixturePath), 1), options);
    expect(withoutProgress(byByte.events)).toEqual(withoutProgress(whole.events));
  });

  it('decodes a UTF-16LE copy with a byte-order mark', async () => {
    const text = readFileSync(fixturePath, 'utf8');
    const utf16 = new Uint8Array([0xff, 0xfe, ...Buffer.from(text, 'utf16le')]);
    const decoded = await collect(smsBackupRestore, memorySource('sms-backup-restore.xml', utf16, 4093), options);
    expect(withoutProgress(decoded.events)).toEqual(withoutProgress((await parseFixture()).events));
  });
});

describe('SMS Backup & Restore: damaged and hostile files', () => {
  it('with strict, rejects truncated.xml with a problem naming where it stops and what was expected', async () => {
    const { events, problems, messages } = await collect(smsBackupRestore, singleFile(fixture('bad/truncated.xml')), strict);
    expect(expected['bad/truncated.xml'].records).toBe(0);
    // The complete records before the cut stream out before the end is reached; the problem makes the
    // caller roll the whole import back, so none of them is kept.
    expect(messages).toHaveLength(expected['bad/truncated.xml'].complete_sms_elements_before_cut);
    expect(problems).toHaveLength(1);
    expect(problems[0]?.message).toMatch(/line 6, column \d+/);
    expect(problems[0]?.message).toContain('the file ends inside the start tag of <sms> that begins at line 6, column 3 (record sms#3)');
    expect(problems[0]?.message).toContain('expected the rest of its attributes');
    expect(problems[0]?.locator).toEqual({ file: 'truncated.xml', lineStart: 6 });
    // The caller aborts the whole import on a problem; nothing follows it.
    expect(events[events.length - 1]?.type).toBe('problem');
  });

  it('with strict, rejects truncated.xml the same way when it arrives one byte at a time', async () => {
    const { events, problems } = await collect(
      smsBackupRestore,
      memorySource('truncated.xml', fileBytes(fixture('bad/truncated.xml')), 1),
      strict,
    );
    expect(problems).toHaveLength(1);
    expect(problems[0]?.message).toContain('the file ends inside the start tag of <sms> that begins at line 6, column 3');
    expect(events[events.length - 1]?.type).toBe('problem');
  });

  it('imports every whole record of truncated.xml and keeps the cut record as a warning with its text', async () => {
    const whole = await collect(smsBackupRestore, singleFile(fixture('bad/truncated.xml')), options);
    const byByte = await collect(smsBackupRestore, memorySource('truncated.xml', fileBytes(fixture('bad/truncated.xml')), 1), options);
    expect(withoutProgress(byByte.events)).toEqual(withoutProgress(whole.events));
    const { problems, messages, notes } = whole;
    expect(problems).toEqual([]);
    expect(messages).toHaveLength(expected['bad/truncated.xml'].complete_sms_elements_before_cut);
    const cut = readFileSync(fixture('bad/truncated.xml'), 'utf8');
    const tail = cut.slice(cut.lastIndexOf('<sms '));
    expect(notes).toEqual([
      {
        kind: 'warning',
        message:
          'the file ends inside record sms#3, which begins at line 6 (an interrupted copy?): the 2 whole records before it were imported, ' +
          `and <smses count="4"> says the backup held 4; the cut record is kept in this note as read (${tail.length} characters): ${tail}`,
        locator: { file: 'truncated.xml', lineStart: 6, record: 'sms#3' },
      },
    ]);
  });

  it('keeps the bytes of a character the copy cut off, in hex, with the cut record; strict refuses them as not UTF-8', async () => {
    const whole = new TextEncoder().encode(backup(`${sms('one')}\n${sms('café 😀 and more')}`));
    const cutAt = whole.indexOf(0xf0) + 2;
    const cut = whole.subarray(0, cutAt);
    const { problems, messages, notes } = await collect(smsBackupRestore, memorySource('sms.xml', cut, 5), options);
    expect(problems).toEqual([]);
    expect(messages.map((m) => m.body)).toEqual(['one']);
    expect(notes).toHaveLength(1);
    expect(notes[0]?.message).toMatch(
      /the file ends inside record sms#2, .*the cut record is kept in this note as read \(\d+ characters\): <sms .*body="café {2}\(then 2 bytes \(F0 9F\) of a character the copy cut off\)$/,
    );
    const refused = await collect(smsBackupRestore, memorySource('sms.xml', cut, 5), strict);
    expect(refused.problems[0]?.message).toMatch(/^the file is not valid UTF-8 text: the byte at offset \d+/);
  });

  it('imports a file cut after its last whole record, before </smses>, and says so', async () => {
    const text = backup(`${sms('one')}\n${sms('two')}`).replace('</smses>\n', '');
    const { problems, messages, notes } = await parseText(text, 7);
    expect(problems).toEqual([]);
    expect(messages.map((m) => m.body)).toEqual(['one', 'two']);
    expect(notes.map((n) => [n.kind, n.message])).toEqual([
      [
        'warning',
        'the file ends before </smses> (an interrupted copy?): the 2 whole records before the end were imported, and <smses count="1"> says the backup held 1',
      ],
    ]);
  });

  it('refuses a call log as a call log, which holds no messages', async () => {
    const calls = readFileSync(join(__dirname, '..', '..', 'fixtures', 'corpus', 'sbr-calls.xml'), 'utf8');
    expect(sniffs(smsBackupRestore, calls)).toBe(true);
    await expect(parseText(calls)).rejects.toThrow(/^sms\.xml \(line 2\): a call log: it holds no messages/);
  });

  it('refuses billion-laughs.xml at its DTD without expanding anything', async () => {
    const events: string[] = [];
    const run = async (): Promise<void> => {
      for await (const event of eventsOf(smsBackupRestore, singleFile(fixture('bad/billion-laughs.xml')), options)) events.push(event.type);
    };
    expect(expected['bad/billion-laughs.xml'].records).toBe(0);
    await expect(run()).rejects.toThrow(/billion-laughs\.xml.*line 3.*DTDs and entity declarations are not allowed; nothing was imported/);
    expect(events).toEqual([]);
  });

  it('refuses a DTD split across one-byte chunks', async () => {
    const text = backup(sms('&lol;')).replace('<smses', '<!DOCTYPE smses [<!ENTITY lol "lol">]>\n<smses');
    await expect(parseText(text, 1)).rejects.toThrow(/line 2.*DTDs and entity declarations are not allowed/);
  });

  it('reports other malformed XML with its line and column', async () => {
    const { problems } = await parseText(backup(`${sms('ok')}\n<sms address="1" body="a" body="b"/>`));
    expect(problems[0]?.message).toMatch(/not well-formed XML at line 4, column \d+: .*duplicate attribute/);
  });

  it('reports bytes that are not UTF-8 instead of importing U+FFFD in their place', async () => {
    const bytes = new TextEncoder().encode(backup(sms('caf\u00e9')));
    const broken = bytes.map((byte, i) => (i > 0 && bytes[i - 1] === 0xc3 ? 0x28 : byte));
    const { problems } = await collect(smsBackupRestore, memorySource('sms.xml', broken, 64), options);
    // The problem names the byte itself (the lead byte whose sequence breaks off) and its line.
    const at = bytes.indexOf(0xc3);
    const line = bytes.subarray(0, at).filter((byte) => byte === 0x0a).length + 1;
    expect(problems[0]).toEqual({
      message: expect.stringMatching(
        new RegExp(`^the file is not valid UTF-8 text: the byte at offset ${at} \\(line ${line}\\) .*convert it to UTF-8`),
      ) as string,
      locator: { file: 'sms.xml', byteOffset: at, lineStart: line },
    });
  });

  it('refuses XML whose root is not <smses>', async () => {
    const { problems } = await parseText('<?xml version="1.0"?>\n<texts count="0"></texts>');
    expect(problems[0]?.message).toContain('the root element is <texts>');
  });
});

describe('SMS Backup & Restore: variants', () => {
  it('replaces a lone surrogate reference with U+FFFD and logs it on the message', async () => {
    const { messages, notes } = await parseText(backup(sms('cut &#55357;')), 1);
    expect(messages[0]?.body).toBe('cut \uFFFD');
    expect(messages[0]?.repairs).toEqual(['lone UTF-16 surrogate reference &#55357; replaced by U+FFFD']);
    expect(notes).toEqual([
      { kind: 'repair', message: messages[0]?.repairs[0], locator: { file: 'sms.xml', lineStart: 3, record: 'sms#1' } },
    ]);
  });

  it('replaces control-character references with U+FFFD', async () => {
    const { messages } = await parseText(backup(sms('a&#1;b&#x0C;c')), 2);
    expect(messages[0]?.body).toBe('a\uFFFDb\uFFFDc');
    expect(messages[0]?.repairs).toHaveLength(2);
  });

  it('reads an old-style header with a stylesheet and no backup_set', async () => {
    const text =
      `<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>\n<!--File Created By SMS Backup & Restore v6.41 on 02/11/2013 17:54:18-->\n` +
      `<?xml-stylesheet type="text/xsl" href="sms.xsl"?>\n<smses count="1">\n${sms('hi')}\n</smses>`;
    const { sources, messages } = await parseText(text);
    expect(sources[0]).toMatchObject({ producer: 'SMS Backup & Restore', producerVersion: '6.41' });
    expect(messages).toHaveLength(1);
  });

  it('reads an MMS date written in seconds, and says so', async () => {
    const mms = `<mms date="1619961605" msg_box="1" address="07700 900101" m_type="132"><parts><part ct="text/plain" text="hello"/></parts></mms>`;
    const { messages, notes } = await parseText(backup(mms));
    expect(messages[0]).toMatchObject({ body: 'hello', time: { utcMs: 1619961605000, basis: 'explicit' }, senderKey: 'tel:+447700900101' });
    expect(notes.map((n) => n.kind)).toEqual(['assumption']);
  });

  it('keeps an MMS part without data as a missing attachment and concatenates split text parts', async () => {
    const mms =
      `<mms date="1619961605250" msg_box="2" address="+447700900101~+447700900102" m_type="128"><parts>` +
      `<part ct="image/png" name="null" cl="chart.png" text="null"/><part ct="text/plain" text="one "/><part ct="text/plain" text="two"/>` +
      `</parts><addrs><addr address="insert-address-token" type="137"/></addrs></mms>`;
    const { messages, conversations } = await parseText(backup(mms));
    expect(conversations[0]?.kind).toBe('group');
    expect(messages[0]).toMatchObject({ body: 'one two', direction: 'outgoing', senderKey: 'owner', kind: 'media' });
    expect(messages[0]?.attachments).toEqual([
      { fileName: 'chart.png', mime: 'image/png', pathInSource: null, present: false, missingReason: 'part data not in the backup' },
    ]);
  });

  it('warns when the declared count differs from what the file holds, and flags drafts', async () => {
    const { notes } = await parseText(backup(`${sms('a')}\n${sms('b', 'type="3"').replace('type="1" ', '')}`));
    expect(notes.map((n) => n.message)).toEqual([
      'sms#2 is a draft, never sent (type 3)',
      '<smses count="1"> but the file holds 2 records',
    ]);
  });

  it('keeps sender IDs that are not phone numbers as written', async () => {
    const { participants } = await parseText(
      backup(sms('Your code is 123456').replace('+447700900101', 'HMRC').replace('Fiona Laird', '(Unknown)')),
    );
    expect(participants.find((p) => !p.isOwner)).toEqual({ key: 'addr:HMRC', label: 'HMRC', handle: 'HMRC', isOwner: false });
  });
});

describe('SMS Backup & Restore: cancelling', () => {
  it('stops reading when the signal is aborted, leaving the report to the caller', async () => {
    const token = { isCancellationRequested: false };
    const seen: string[] = [];
    for await (const event of eventsOf(smsBackupRestore, memorySource('sms.xml', fileBytes(fixturePath), 1024), { ...options, token })) {
      seen.push(event.type);
      if (event.type === 'message') token.isCancellationRequested = true;
    }
    expect(seen.filter((type) => type === 'message').length).toBeLessThan(figures.records);
    expect(seen).not.toContain('problem');
  });
});

describe('SMS Backup & Restore: a backup folder', () => {
  it('reads every backup in it, one thread across files, and skips the call log', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sbr-'));
    try {
      writeFileSync(join(dir, 'sms-20230101.xml'), backup(sms('first')));
      writeFileSync(join(dir, 'sms-20230201.xml'), backup(sms('second').replace('+447700900101', '07700 900101')));
      writeFileSync(join(dir, 'calls-20230101.xml'), '<?xml version="1.0"?>\n<calls count="0"></calls>');
      const { conversations, messages, sources, notes } = await collect(smsBackupRestore, folder(dir), options);
      expect(sources).toHaveLength(1);
      expect(notes).toEqual([
        {
          kind: 'warning',
          message: 'calls-20230101.xml is a call log: it holds no messages, so it was not imported',
          locator: { file: 'calls-20230101.xml' },
        },
      ]);
      expect(conversations).toHaveLength(1);
      expect(messages.map((m) => [m.body, m.locator.file, m.seq])).toEqual([
        ['first', 'sms-20230101.xml', 0],
        ['second', 'sms-20230201.xml', 1],
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('sniffSmsBackupRestore', () => {
  it('recognises backups, truncated or hostile, and nothing else', () => {
    const head = (path: string): string => readFileSync(fixture(path), 'utf8').slice(0, 2048);
    expect(sniffs(smsBackupRestore, head('sms/sms-backup-restore.xml'))).toBe(true);
    expect(sniffs(smsBackupRestore, head('bad/truncated.xml'))).toBe(true);
    expect(sniffs(smsBackupRestore, head('bad/billion-laughs.xml'))).toBe(true);
    expect(sniffs(smsBackupRestore, head('telegram/result.json'))).toBe(false);
    expect(sniffs(smsBackupRestore, head('whatsapp/android-en-GB-24h.txt'))).toBe(false);
    expect(sniffs(smsBackupRestore, head('cellebrite/ufdr-sample/report.xml'))).toBe(false);
  });
});
