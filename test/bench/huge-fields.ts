/**
 * Imports of exports holding one huge field (issue 13, bounded memory): generated here, then imported
 * in a process of their own so the peak RSS printed is the import's alone. Prints one JSON line.
 * Usage (via scripts/bench.mjs, BENCH_ONLY=huge-fields):
 *   huge-fields.ts generate <kind> <path> <megabytes>     kinds: see GENERATORS
 *   huge-fields.ts import <path> <case>
 * More kinds (export of the same cases, say) can be added to GENERATORS and to the bench section.
 */
import Database from 'better-sqlite3';
import { closeSync, openSync, rmSync, writeSync } from 'node:fs';
import { closeCase, createCase } from '../../main/cases/service';
import { importSource } from '../../main/import/run';

const MB = 1024 * 1024;

/**
 * Writes `unit` repeated to about `bytes` (whole units only: a unit may be an escape or an entity), a
 * megabyte at a time, so the generator holds no huge string either.
 */
function writeRepeated(fd: number, unit: string, bytes: number): void {
  const block = Buffer.from(unit.repeat(Math.max(1, Math.floor(MB / Buffer.byteLength(unit)))), 'utf8');
  for (let written = 0; written < bytes; written += block.length) writeSync(fd, block);
}

function withFile(path: string, write: (fd: number) => void): void {
  const fd = openSync(path, 'w');
  try {
    write(fd);
  } finally {
    closeSync(fd);
  }
}

const GENERATORS: Readonly<Record<string, (path: string, megabytes: number) => void>> = {
  /** A WhatsApp chat in which one sender's name is `megabytes` long. */
  'whatsapp-sender': (path, megabytes) =>
    withFile(path, (fd) => {
      writeSync(fd, '12/01/2024, 14:03 - Tom Reid: hello\n12/01/2024, 14:04 - ');
      writeRepeated(fd, 'Kestrel ops ', megabytes * MB);
      writeSync(fd, ': hi\n12/01/2024, 14:05 - Tom Reid: bye\n');
    }),
  /** A Messages chat.db in which one message's text is `megabytes` long. */
  'imessage-row': (path, megabytes) => {
    rmSync(path, { force: true });
    const db = new Database(path);
    db.exec(`
      CREATE TABLE handle (ROWID INTEGER PRIMARY KEY, id TEXT NOT NULL);
      CREATE TABLE chat (ROWID INTEGER PRIMARY KEY, guid TEXT, style INTEGER, display_name TEXT, chat_identifier TEXT, service_name TEXT);
      CREATE TABLE chat_handle_join (chat_id INTEGER, handle_id INTEGER);
      CREATE TABLE chat_message_join (chat_id INTEGER, message_id INTEGER);
      CREATE TABLE message (ROWID INTEGER PRIMARY KEY, guid TEXT, text TEXT, handle_id INTEGER, is_from_me INTEGER, date INTEGER, attributedBody BLOB);
      INSERT INTO handle VALUES (1, '+447700900555');
      INSERT INTO chat VALUES (1, 'SMS;-;+447700900555', 45, '', '+447700900555', 'SMS');
      INSERT INTO chat_handle_join VALUES (1, 1);
      INSERT INTO chat_message_join VALUES (1, 1), (1, 2), (1, 3);
      INSERT INTO message VALUES (1, 'g-1', 'hello', 1, 0, 600000000, NULL), (3, 'g-3', 'bye', 1, 1, 600000120, NULL);`);
    db.prepare("INSERT INTO message VALUES (2, 'g-2', printf('%-*s', ?, 'Kestrel'), 1, 0, 600000060, NULL)").run(megabytes * MB);
    db.close();
  },
  /** An RSMF manifest of `megabytes` whose one event's body is almost all of it. */
  'rsmf-manifest': (path, megabytes) =>
    withFile(path, (fd) => {
      writeSync(
        fd,
        '{"version":"2.0.0","participants":[{"id":"p1","display":"Tom Reid"},{"id":"p2","display":"Priya Nair"}],' +
          '"conversations":[{"id":"c1","platform":"whatsapp","participants":["p1","p2"],"custodian":"p1"}],"events":[' +
          '{"id":"e1","type":"message","participant":"p2","conversation":"c1","timestamp":"2024-01-12T14:03:00Z","body":"hello"},' +
          '{"id":"e2","type":"message","participant":"p2","conversation":"c1","timestamp":"2024-01-12T14:04:00Z","body":"',
      );
      writeRepeated(fd, 'Kestrel ops \\u00e9 ', megabytes * MB);
      writeSync(
        fd,
        '"},{"id":"e3","type":"message","participant":"p1","conversation":"c1","timestamp":"2024-01-12T14:05:00Z","body":"bye"}]}',
      );
    }),
  /** An SMS Backup & Restore file in which one message's body attribute is `megabytes` long. */
  'sms-body': (path, megabytes) =>
    withFile(path, (fd) => {
      const sms = (date: number, body: string): string =>
        `<sms protocol="0" address="+447700900101" date="${date}" type="1" subject="null" body="${body}" toa="null" sc_toa="null" service_center="null" read="1" status="-1" locked="0" date_sent="0" sub_id="1" readable_date="" contact_name="Fiona Laird" />\n`;
      writeSync(fd, `<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>\n<smses count="3">\n${sms(1616781731412, 'hello')}`);
      writeSync(fd, '<sms protocol="0" address="+447700900101" date="1616781740000" type="1" subject="null" body="');
      writeRepeated(fd, 'Kestrel ops &amp; é ', megabytes * MB);
      writeSync(
        fd,
        `" toa="null" sc_toa="null" service_center="null" read="1" status="-1" locked="0" date_sent="0" sub_id="1" readable_date="" contact_name="Fiona Laird" />\n${sms(1616781750000, 'bye')}</smses>\n`,
      );
    }),
  /** A Telegram Desktop export in which one message's text is `megabytes` long. */
  'telegram-text': (path, megabytes) =>
    withFile(path, (fd) => {
      const message = (id: number, text: string): string =>
        `{"id":${id},"type":"message","date":"2024-01-14T09:0${id}:12","date_unixtime":"${1705222812 + id * 60}","from":"Priya Nair","from_id":"user1","text":"${text}"}`;
      writeSync(
        fd,
        `{"name":"P","type":"personal_chat","id":9,"messages":[${message(1, 'hello')},{"id":2,"type":"message","date":"2024-01-14T09:02:12","date_unixtime":"1705222932","from":"Priya Nair","from_id":"user1","text":"`,
      );
      writeRepeated(fd, 'Kestrel ops \\u00e9 ', megabytes * MB);
      writeSync(fd, `"},${message(3, 'bye')}]}`);
    }),
};

const peakRssMb = (): number => Math.round(process.resourceUsage().maxRSS / 1024);

async function main(): Promise<void> {
  const [mode, a, b, c] = process.argv.slice(2);
  const started = performance.now();
  if (mode === 'generate' && a && b && c) {
    const generate = GENERATORS[a];
    if (!generate) throw new Error(`unknown kind ${a}; one of ${Object.keys(GENERATORS).join(', ')}`);
    generate(b, Number(c));
    process.stdout.write(`${JSON.stringify({ mode, kind: a, seconds: (performance.now() - started) / 1000 })}\n`);
    return;
  }
  if (mode === 'import' && a && b) {
    for (const suffix of ['', '-wal', '-shm']) rmSync(b + suffix, { force: true });
    const session = createCase(
      b,
      {
        name: 'Huge fields',
        inquiry: '',
        requestReference: '',
        referencePrefix: 'INQ',
        protectiveMarking: 'OFFICIAL',
        defaultTimeZone: 'Europe/London',
      },
      { actor: 'bench', appVersion: 'bench' },
    );
    const summary = await importSource(
      session.writable!,
      { path: a, custodian: 'Tom Reid', timeZone: 'Europe/London' },
      { actor: 'bench' },
    );
    const longest = session.db.prepare('SELECT max(length(CAST(body AS BLOB))) FROM messages').pluck().get() as number;
    const longestLabel = session.db.prepare('SELECT max(length(CAST(label AS BLOB))) FROM participants').pluck().get() as number;
    const notes = session.db.prepare("SELECT count(*) FROM source_notes WHERE message LIKE '%truncated%'").pluck().get() as number;
    closeCase(session);
    const result = {
      mode,
      messages: summary.messages,
      seconds: (performance.now() - started) / 1000,
      peakRssMb: peakRssMb(),
      longestBodyBytes: longest,
      longestLabelBytes: longestLabel,
      truncationNotes: notes,
    };
    process.stdout.write(`${JSON.stringify(result)}\n`);
    return;
  }
  throw new Error('usage: huge-fields.ts generate <kind> <path> <megabytes> | import <path> <case>');
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
