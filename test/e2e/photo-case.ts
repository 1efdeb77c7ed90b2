/**
 * A case holding the photo chat (test/support/photo-chat.ts), made through the services before the
 * shell opens it: the viewer and image redaction specs start from the same one.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { closeCase, createCase } from '../../main/cases/service';
import { importSource } from '../../main/import/run';
import { photoChat } from '../support/photo-chat';
import { REVIEWER } from './fixtures';

/** Makes `caseFile` in `folder` (the dialog's answer) named `name`; returns each attachment's message position by file name. */
export async function photoCase(folder: string, caseFile: string, name: string): Promise<Record<string, number>> {
  const zip = join(folder, 'WhatsApp Chat - Euan Baird.zip');
  writeFileSync(zip, (await photoChat()).zip);
  const session = createCase(
    join(folder, caseFile),
    {
      name,
      inquiry: 'UK Covid-19 Inquiry',
      requestReference: 'M2/R9/051',
      referencePrefix: 'INQ',
      protectiveMarking: 'OFFICIAL-SENSITIVE',
      defaultTimeZone: 'Europe/London',
    },
    { actor: REVIEWER, appVersion: 'test' },
  );
  await importSource(
    session.writable!,
    { path: zip, custodian: 'Fiona Laird', timeZone: 'Europe/London' },
    { actor: REVIEWER, parseThread: false },
  );
  const rows = session.db
    .prepare('SELECT a.file_name AS name, m.position FROM attachments a JOIN messages m ON m.id = a.message_id')
    .all() as { name: string; position: number }[];
  closeCase(session);
  return Object.fromEntries(rows.map((row) => [row.name, row.position]));
}
