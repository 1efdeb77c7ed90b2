/**
 * Attachments recognised by their content at import (docs/spec.md §13), and the bad input, each
 * inside a real WhatsApp zip: the attachment gets a note saying what is wrong, and the import goes on.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { closeCase } from '../../../main/cases/service';
import { timeline } from '../../../main/browse/timeline';
import { overLimitNote } from '../../../main/import/keep';
import { importSource } from '../../../main/import/run';
import { makeCase } from '../../helpers/case';
import { useTempDir } from '../../helpers/temp';
import { storedZip } from '../../helpers/zip';
import { jpegWithGps, pngBomb, pngWithAlpha } from '../media/images';

const LRM = '\u200e';

function chatAttaching(names: readonly string[]): string {
  const lines = ['[20/03/2021, 08:01:12] Euan Baird: Morning'];
  names.forEach((name, i) =>
    lines.push(`${LRM}[20/03/2021, 08:${String(2 + i).padStart(2, '0')}:00] Fiona Laird: ${LRM}<attached: ${name}>`),
  );
  return lines.join('\r\n') + '\r\n';
}

/** An ISO media box: size, type, content. */
function box(type: string, ...content: Buffer[]): Buffer {
  const body = Buffer.concat(content);
  const header = Buffer.alloc(8);
  header.writeUInt32BE(8 + body.length);
  header.write(type, 4, 'latin1');
  return Buffer.concat([header, body]);
}

/** A "fast start" MP4 (its moov before its media) of `mdatBytes` of media. */
function mp4(mdatBytes: number): Buffer {
  const mvhd = Buffer.alloc(100);
  mvhd.writeUInt32BE(600, 12);
  mvhd.writeUInt32BE(4530, 16);
  return Buffer.concat([
    box('ftyp', Buffer.from('isom\0\0\0\0isommp42', 'latin1')),
    box('moov', box('mvhd', mvhd)),
    box('mdat', Buffer.alloc(mdatBytes, 7)),
  ]);
}

const LIMIT = 64 * 1024;

describe('attachments recognised by their content at import', () => {
  const tempDir = useTempDir();

  it('notes every bad input of issue 16 on its attachment, and the import goes on', async () => {
    const dir = tempDir();
    const photo = await jpegWithGps();
    const wholeMovie = mp4(4000);
    const members: [string, Uint8Array, { symlink: true }?][] = [
      ['IMG-0001.jpg', photo],
      ['IMG-0002.jpg', await pngWithAlpha()],
      ['bomb.png', pngBomb()],
      ['corrupt.jpg', Buffer.concat([photo.subarray(0, 2), Buffer.from('\xff\xc0 not a frame header', 'latin1'), Buffer.alloc(300, 9)])],
      ['VID-0001.mp4', wholeMovie],
      ['VID-0002.mp4', wholeMovie.subarray(0, wholeMovie.length - 1000)],
      ['VID-0003.mp4', mp4(LIMIT * 2)],
      ['notes.txt', Buffer.from('minutes of the meeting\n')],
      ['link.jpg', Buffer.from('../../etc/passwd'), { symlink: true }],
    ];
    const names = members.map(([name]) => name);
    const zip = join(dir, 'WhatsApp Chat - Cabinet.zip');
    writeFileSync(zip, storedZip([['_chat.txt', chatAttaching(names)], ...members]));
    const session = makeCase(dir);
    try {
      const summary = await importSource(
        session.writable!,
        { path: zip, custodian: 'Fiona Laird', timeZone: 'Europe/London' },
        { actor: 'test-reviewer', keepLimitBytes: LIMIT },
      );
      expect(summary).toMatchObject({ messages: names.length + 1, attachments: names.length });
      const rows = session.db
        .prepare('SELECT file_name AS name, present, kept, detected_mime AS detected, missing_reason AS missing, notes FROM attachments')
        .all() as { name: string; present: number; kept: number; detected: string | null; missing: string | null; notes: string }[];
      const of = (name: string) => {
        const row = rows.find((r) => r.name === name)!;
        return {
          present: row.present,
          kept: row.kept,
          detected: row.detected,
          missing: row.missing,
          notes: JSON.parse(row.notes) as string[],
        };
      };
      expect(of('IMG-0001.jpg')).toEqual({ present: 1, kept: 1, detected: 'image/jpeg', missing: null, notes: [] });
      expect(of('IMG-0002.jpg')).toEqual({
        present: 1,
        kept: 1,
        detected: 'image/png',
        missing: null,
        notes: ['the name says .jpg but the content is PNG'],
      });
      expect(of('bomb.png')).toMatchObject({
        kept: 1,
        detected: 'image/png',
        notes: ['could not be decoded: 100000 × 100000 px is more than the 100 megapixel limit'],
      });
      expect(of('corrupt.jpg')).toMatchObject({
        kept: 1,
        detected: 'image/jpeg',
        notes: [expect.stringMatching(/^could not be decoded: \S.{8,}/)],
      });
      expect(of('VID-0001.mp4')).toMatchObject({ kept: 1, detected: 'video/mp4', notes: [] });
      expect(of('VID-0002.mp4')).toMatchObject({
        kept: 1,
        detected: 'video/mp4',
        notes: ['could not be decoded: the file is cut short: its "mdat" box runs 1000 bytes past the end; the movie is truncated'],
      });
      expect(of('VID-0003.mp4')).toMatchObject({
        present: 1,
        kept: 0,
        detected: 'video/mp4',
        notes: [overLimitNote(mp4(LIMIT * 2).length, LIMIT)],
      });
      expect(of('notes.txt')).toMatchObject({ kept: 1, detected: 'text/plain', notes: [] });
      expect(of('link.jpg')).toMatchObject({
        present: 0,
        kept: 0,
        detected: null,
        missing: '"link.jpg" is a symbolic link; it was not followed',
      });

      // What the reviewer sees: the notes travel with the attachment to the timeline.
      const conversationId = session.db.prepare('SELECT id FROM conversations').pluck().get() as number;
      const shown = timeline(session.db, conversationId, 0, 50).messages.flatMap((m) => m.attachments);
      expect(shown.find((a) => a.fileName === 'IMG-0002.jpg')).toMatchObject({
        detectedMime: 'image/png',
        notes: ['the name says .jpg but the content is PNG'],
      });
    } finally {
      closeCase(session);
    }
  });
});
