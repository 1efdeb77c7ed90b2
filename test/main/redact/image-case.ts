/** A case imported from a WhatsApp zip holding a photo, a PDF, a PDF named .jpg, and naming a photo it lacks. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { WritableDB } from '../../../db/connection';
import type { CaseSession } from '../../../main/cases/service';
import { importSource } from '../../../main/import/run';
import { makeCase } from '../../helpers/case';
import { fixture } from '../../helpers/fixtures';
import { storedZip } from '../../helpers/zip';

const PHOTO = '00000012-PHOTO-2021-03-28-09-14-03.jpg';
const PDF_BYTES = '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n';

const CHAT = [
  '[28/03/2021, 09:12:50] Fiona Laird: Photo of my notes coming',
  `\u200e[28/03/2021, 09:14:03] Fiona Laird: \u200e<attached: ${PHOTO}>`,
  '\u200e[28/03/2021, 09:15:03] Euan Baird: \u200e<attached: 00000013-notes.pdf>',
  '\u200e[28/03/2021, 09:16:03] Euan Baird: \u200e<attached: 00000014-PHOTO-scan.jpg>',
  '\u200e[28/03/2021, 09:17:03] Euan Baird: \u200e<attached: 00000015-PHOTO-lost.jpg>',
  '[28/03/2021, 09:18:40] Fiona Laird: Thanks',
  '',
].join('\n');

export interface ImageCase {
  readonly session: CaseSession;
  readonly db: WritableDB;
  /** A JPEG, kept. */
  readonly photo: number;
  /** A PDF, kept. */
  readonly pdf: number;
  /** A PDF whose name says .jpg, kept. */
  readonly disguised: number;
  /** Named by the chat, absent from the zip. */
  readonly lost: number;
}

export async function imageCase(dir: string): Promise<ImageCase> {
  const zip = join(dir, 'WhatsApp Chat - Fiona.zip');
  writeFileSync(
    zip,
    storedZip([
      ['_chat.txt', CHAT],
      [PHOTO, readFileSync(fixture(`whatsapp/ios-en-GB/${PHOTO}`))],
      ['00000013-notes.pdf', PDF_BYTES],
      ['00000014-PHOTO-scan.jpg', PDF_BYTES],
    ]),
  );
  const session = makeCase(dir);
  const db = session.writable!;
  await importSource(db, { path: zip, custodian: 'Fiona Laird', timeZone: 'Europe/London' }, { actor: 'alice' });
  const id = (name: string) => db.prepare('SELECT id FROM attachments WHERE file_name LIKE ?').pluck().get(`%${name}`) as number;
  return { session, db, photo: id(PHOTO), pdf: id('notes.pdf'), disguised: id('PHOTO-scan.jpg'), lost: id('PHOTO-lost.jpg') };
}
