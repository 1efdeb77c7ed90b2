import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CancelledError } from '../../../common/domain/cancellation';
import {
  AttachmentBytesMissingError,
  AttachmentNotKeptError,
  AttachmentTooLargeError,
  attachmentStream,
  openAttachment,
  openBlob,
  readAttachment,
} from '../../../main/attachments/open';
import { closeCase, type CaseSession } from '../../../main/cases/service';
import { KEEP_LIMIT_BYTES, overLimitNote } from '../../../main/import/keep';
import { importSource, type ImportContext } from '../../../main/import/run';
import { makeCase } from '../../helpers/case';
import { fixture } from '../../helpers/fixtures';
import { useTempDir } from '../../helpers/temp';
import { storedZip } from '../../helpers/zip';

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');
const LRM = '\u200e';

/** An iOS WhatsApp chat whose messages attach `names`, in order. */
function chatAttaching(names: readonly string[]): string {
  const lines = ['[20/03/2021, 08:01:12] Euan Baird: Morning'];
  names.forEach((name, i) => lines.push(`${LRM}[20/03/2021, 08:0${2 + i}:00] Fiona Laird: ${LRM}<attached: ${name}>`));
  return lines.join('\r\n') + '\r\n';
}

interface AttachmentRow {
  id: number;
  file_name: string;
  sha256: string | null;
  size: number | null;
  present: number;
  kept: number;
  missing_reason: string | null;
  notes: string;
}

const attachmentRows = (session: CaseSession): AttachmentRow[] =>
  session.db
    .prepare('SELECT id, file_name, sha256, size, present, kept, missing_reason, notes FROM attachments ORDER BY id')
    .all() as AttachmentRow[];
const count = (session: CaseSession, table: string): number => session.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;

const allBytes = (session: CaseSession, id: number): Buffer => Buffer.concat([...openAttachment(session.db, id).chunks()]);

describe('attachment files kept in the case', () => {
  const tempDir = useTempDir();

  async function importInto(session: CaseSession, path: string, custodian = 'Fiona Laird', ctx: Partial<ImportContext> = {}) {
    return importSource(session.writable!, { path, custodian, timeZone: 'Europe/London' }, { actor: 'test-reviewer', ...ctx });
  }

  function whatsappFolder(dir: string, files: Record<string, Uint8Array>, names = Object.keys(files)): string {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, '_chat.txt'), chatAttaching(names));
    for (const [name, bytes] of Object.entries(files)) writeFileSync(join(dir, name), bytes);
    return dir;
  }

  it.each([
    'whatsapp/ios-en-GB.zip',
    'whatsapp/ios-en-GB',
    'sms/sms-backup-restore.xml',
    'telegram/result.json',
    'imessage',
    'cellebrite/ufdr-sample',
    'cellebrite/ufdr-sample.ufdr',
    'rsmf/core-group.rsmf',
  ])('%s: every file present is kept, and reads back to its recorded SHA-256', async (input) => {
    const session = makeCase(tempDir());
    try {
      await importInto(session, fixture(input));
      const rows = attachmentRows(session);
      const present = rows.filter((r) => r.present === 1);
      expect(present.length, 'the fixture has attachment files').toBeGreaterThan(0);
      for (const row of present) {
        expect(row.kept, row.file_name).toBe(1);
        expect(sha256(allBytes(session, row.id)), row.file_name).toBe(row.sha256);
      }
    } finally {
      closeCase(session);
    }
  });

  it('keeps a WhatsApp folder photo once for two messages, and once again for a second source from another custodian', async () => {
    const dir = tempDir();
    const photo = readFileSync(fixture('whatsapp/ios-en-GB/00000012-PHOTO-2021-03-28-09-14-03.jpg'));
    const first = whatsappFolder(join(dir, 'fiona'), { 'IMG-0001.jpg': photo }, ['IMG-0001.jpg', 'IMG-0001.jpg']);
    const second = whatsappFolder(join(dir, 'euan'), { 'PHOTO-copy.jpg': photo });
    const session = makeCase(dir);
    try {
      await importInto(session, first);
      await importInto(session, second, 'Euan Baird');
      const rows = attachmentRows(session);
      expect(rows).toHaveLength(3);
      for (const row of rows) expect(row).toMatchObject({ present: 1, kept: 1, sha256: sha256(photo), size: photo.length, notes: '[]' });
      expect(count(session, 'blobs')).toBe(1);
      expect(count(session, 'blob_chunks')).toBe(1);
      for (const row of rows) expect(allBytes(session, row.id).equals(photo)).toBe(true);
      expect(readAttachment(openBlob(session.db, sha256(photo)), 1 << 20).equals(photo)).toBe(true);
    } finally {
      closeCase(session);
    }
  });

  it('keeps the photo of the iOS WhatsApp zip, read from the zip, equal byte for byte', async () => {
    const session = makeCase(tempDir());
    try {
      await importInto(session, fixture('whatsapp/ios-en-GB.zip'));
      const photo = readFileSync(fixture('whatsapp/ios-en-GB/00000012-PHOTO-2021-03-28-09-14-03.jpg'));
      const kept = attachmentRows(session).filter((r) => r.kept === 1);
      expect(kept.map((r) => r.file_name)).toEqual(['00000012-PHOTO-2021-03-28-09-14-03.jpg']);
      const opened = openAttachment(session.db, kept[0]!.id);
      expect(opened).toMatchObject({ name: '00000012-PHOTO-2021-03-28-09-14-03.jpg', sha256: sha256(photo), size: photo.length });
      const streamed: Buffer[] = [];
      for await (const chunk of attachmentStream(opened)) streamed.push(chunk as Buffer);
      expect(Buffer.concat(streamed).equals(photo)).toBe(true);
      // Absent files stay recorded absent, with the reason.
      expect(attachmentRows(session).filter((r) => r.present === 0 && r.missing_reason === null)).toEqual([]);
      expect(() => readAttachment(opened, 10)).toThrow(AttachmentTooLargeError);
    } finally {
      closeCase(session);
    }
  });

  it('keeps a file of several chunks, streamed, and stores it once when a second source holds it under another name', async () => {
    const dir = tempDir();
    const video = randomBytes(9 * 1024 * 1024 + 12345);
    const session = makeCase(dir);
    try {
      await importInto(session, whatsappFolder(join(dir, 'a'), { 'VID-0001.mp4': video }));
      await importInto(session, whatsappFolder(join(dir, 'b'), { 'VID-copy.mp4': video }), 'Euan Baird');
      expect(count(session, 'blobs')).toBe(1);
      expect(count(session, 'blob_chunks')).toBe(10);
      for (const row of attachmentRows(session)) expect(allBytes(session, row.id).equals(video)).toBe(true);
    } finally {
      closeCase(session);
    }
  });

  it('keeps the JPEG parts of SMS Backup & Restore MMS messages', async () => {
    const session = makeCase(tempDir());
    try {
      await importInto(session, fixture('sms/sms-backup-restore.xml'));
      const xml = readFileSync(fixture('sms/sms-backup-restore.xml'), 'utf8');
      const parts = [...xml.matchAll(/ct="image\/jpeg" name="([^"]+)"[^>]* data="([^"]+)"/g)].map((m) => ({
        name: m[1]!,
        bytes: Buffer.from(m[2]!, 'base64'),
      }));
      expect(parts.length).toBeGreaterThan(0);
      const rows = attachmentRows(session);
      for (const part of parts) {
        const row = rows.find((r) => r.file_name === part.name)!;
        expect(row).toMatchObject({ kept: 1, sha256: sha256(part.bytes) });
        expect(allBytes(session, row.id).equals(part.bytes)).toBe(true);
      }
    } finally {
      closeCase(session);
    }
  });

  it("keeps Telegram's photos/ file and leaves the photo it did not include absent with tdesktop's reason", async () => {
    const session = makeCase(tempDir());
    try {
      await importInto(session, fixture('telegram/result.json'));
      const photo = readFileSync(fixture('telegram/photos/photo_1@31-10-2021_10-15-02.jpg'));
      const rows = attachmentRows(session);
      const kept = rows.filter((r) => r.kept === 1);
      expect(kept).toHaveLength(1);
      expect(allBytes(session, kept[0]!.id).equals(photo)).toBe(true);
      expect(rows.filter((r) => r.present === 0).map((r) => r.missing_reason)).toContain(
        '(File not included. Change data exporting settings to download.)',
      );
    } finally {
      closeCase(session);
    }
  });

  it('keeps the bytes of a large input parsed in its own thread', async () => {
    const dir = tempDir();
    const photo = randomBytes(300_000);
    const session = makeCase(dir);
    try {
      await importInto(session, join(whatsappFolder(join(dir, 'chat'), { 'IMG-0002.jpg': photo }), '_chat.txt'), 'Fiona Laird', {
        parseThread: true,
      });
      const [row] = attachmentRows(session);
      expect(row).toMatchObject({ kept: 1, sha256: sha256(photo) });
      expect(allBytes(session, row!.id).equals(photo)).toBe(true);
    } finally {
      closeCase(session);
    }
  });

  it('records a file over the limit present, with its hash and a note, and does not keep it', async () => {
    const dir = tempDir();
    const photo = randomBytes(3000);
    const session = makeCase(dir);
    try {
      await importInto(session, whatsappFolder(join(dir, 'chat'), { 'IMG-0003.jpg': photo }), 'Fiona Laird', { keepLimitBytes: 2048 });
      const [row] = attachmentRows(session);
      expect(row).toMatchObject({ present: 1, kept: 0, sha256: sha256(photo), size: 3000 });
      expect(JSON.parse(row!.notes)).toEqual([
        'not kept in the case: 2.9 KB is more than the 2 KB limit',
        'the name says .jpg but the content is not recognised',
      ]);
      expect(count(session, 'blobs')).toBe(0);
      expect(count(session, 'blob_chunks')).toBe(0);
      expect(() => openAttachment(session.db, row!.id)).toThrow(
        new AttachmentNotKeptError('IMG-0003.jpg', 'not kept in the case: 2.9 KB is more than the 2 KB limit'),
      );
    } finally {
      closeCase(session);
    }
  });

  it('words the note of a file over the 2 GB limit as a file manager would size it', () => {
    expect(overLimitNote(Math.round(2.3 * 1024 ** 3), KEEP_LIMIT_BYTES)).toBe('not kept in the case: 2.3 GB is more than the 2 GB limit');
  });

  it('records a zip member that is a symbolic link absent, with that reason, and never reads what it points at', async () => {
    const dir = tempDir();
    const zip = join(dir, 'WhatsApp Chat - Linked.zip');
    writeFileSync(
      zip,
      storedZip([
        ['_chat.txt', chatAttaching(['IMG-0004.jpg'])],
        ['IMG-0004.jpg', '/etc/passwd', { symlink: true }],
      ]),
    );
    const session = makeCase(dir);
    try {
      await importInto(session, zip);
      const [row] = attachmentRows(session);
      expect(row).toMatchObject({
        present: 0,
        kept: 0,
        sha256: null,
        missing_reason: '"IMG-0004.jpg" is a symbolic link; it was not followed',
      });
      expect(count(session, 'blobs')).toBe(0);
      const notes = session.db.prepare('SELECT message FROM source_notes').pluck().all() as string[];
      expect(notes).toContain('"IMG-0004.jpg" is a symbolic link; it was not followed, so nothing it points at was read or recorded');
    } finally {
      closeCase(session);
    }
  });

  it('records a folder file that is a symbolic link absent, with that reason', async () => {
    const dir = tempDir();
    const chat = whatsappFolder(join(dir, 'chat'), {}, ['IMG-0005.jpg']);
    writeFileSync(join(dir, 'secret.jpg'), 'outside the export');
    symlinkSync(join(dir, 'secret.jpg'), join(chat, 'IMG-0005.jpg'));
    const session = makeCase(dir);
    try {
      await importInto(session, chat);
      expect(attachmentRows(session)[0]).toMatchObject({
        present: 0,
        missing_reason: '"IMG-0005.jpg" is a symbolic link; it was not followed',
      });
      expect(count(session, 'blobs')).toBe(0);
    } finally {
      closeCase(session);
    }
  });

  it('records a file the export names outside its folder ("../") absent, with that reason, and reads nothing there', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'export'));
    writeFileSync(join(dir, 'secret.jpg'), 'outside the export');
    const json = readFileSync(fixture('telegram/result.json'), 'utf8').replace(
      '"photos/photo_1@31-10-2021_10-15-02.jpg"',
      '"photos/../../secret.jpg"',
    );
    writeFileSync(join(dir, 'export', 'result.json'), json);
    const session = makeCase(dir);
    try {
      await importInto(session, join(dir, 'export', 'result.json'));
      const row = attachmentRows(session).find((r) => r.file_name === 'secret.jpg');
      expect(row).toMatchObject({
        present: 0,
        kept: 0,
        sha256: null,
        missing_reason: 'its path "photos/../../secret.jpg" leads outside the export; it was not followed',
      });
      expect(count(session, 'blobs')).toBe(0);
    } finally {
      closeCase(session);
    }
  });

  it('leaves no bytes behind when the import is cancelled after some were written', async () => {
    const dir = tempDir();
    const session = makeCase(dir);
    const chat = whatsappFolder(join(dir, 'chat'), { 'IMG-0006.jpg': randomBytes(5000), 'VID-0007.mp4': randomBytes(9 * 1024 * 1024) });
    try {
      // Cancelled as soon as the case (inside the import's transaction) holds a chunk of the second file.
      const token = {
        get isCancellationRequested(): boolean {
          return (session.db.prepare('SELECT count(*) FROM blob_chunks').pluck().get() as number) > 1;
        },
      };
      const failure = await importInto(session, chat, 'Fiona Laird', { token }).catch((err: unknown) => err);
      expect(failure).toBeInstanceOf(CancelledError);
      expect(count(session, 'blobs')).toBe(0);
      expect(count(session, 'blob_chunks')).toBe(0);
      expect(count(session, 'attachments')).toBe(0);
    } finally {
      closeCase(session);
    }
  });

  it('says by name and hash when the case has lost the bytes it says it keeps, never giving a short result', async () => {
    const dir = tempDir();
    const video = randomBytes(2 * 1024 * 1024 + 10);
    const session = makeCase(dir);
    try {
      await importInto(session, whatsappFolder(join(dir, 'chat'), { 'VID-0008.mp4': video }));
      const [row] = attachmentRows(session);
      session.writable!.prepare('DELETE FROM blob_chunks WHERE n = 1').run();
      const opened = openAttachment(session.db, row!.id);
      expect(() => [...opened.chunks()]).toThrow(AttachmentBytesMissingError);
      expect(() => readAttachment(opened, 1 << 30)).toThrow(
        `The case file does not hold the bytes of VID-0008.mp4 (sha256 ${sha256(video)}): part 2 of 3 is missing.`,
      );
      session.writable!.prepare('DELETE FROM blob_chunks').run();
      session.writable!.prepare('DELETE FROM blobs').run();
      expect(() => openAttachment(session.db, row!.id)).toThrow(
        /does not hold the bytes of VID-0008.mp4 .*no stored content has that hash/,
      );
    } finally {
      closeCase(session);
    }
  });
});
