/**
 * Every fixture conversation exports to RSMF that passes the official schema and our rules, and our
 * own RSMF importer reads each file back to the same events: the same messages in the same order, with
 * their times, senders, texts, deletions, replies, edits, reactions, directions and attachment files.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ParsedMessage } from '../../../common/domain/parsed';
import { DecideArgsSchema } from '../../../common/contract/channels/review';
import { closeCase } from '../../../main/cases/service';
import { exportBundle } from '../../../main/export/run';
import { rsmfProblems } from '../../../main/export/rsmf/validate';
import { singleFile } from '../../../main/import/files';
import { rsmf } from '../../../main/import/rsmf';
import { importSource } from '../../../main/import/run';
import { decide } from '../../../main/review/decisions';
import { makeCase } from '../../helpers/case';
import { fixture } from '../../helpers/fixtures';
import { useTempDir } from '../../helpers/temp';
import { expected } from '../../helpers/expected';
import { eventsOf } from '../import/repair/streams';
import { exportSettings } from './settings';

/** Each fixture, and the name of its figures in EXPECTED.json. */
const FIXTURES = [
  ['whatsapp/android-en-GB-24h.txt', 'whatsapp/android-en-GB-24h.txt'],
  ['whatsapp/android-en-US-12h.txt', 'whatsapp/android-en-US-12h.txt'],
  ['whatsapp/android-de.txt', 'whatsapp/android-de.txt'],
  ['whatsapp/ios-en-GB.zip', 'whatsapp/ios-en-GB.zip'],
  ['sms/sms-backup-restore.xml', 'sms/sms-backup-restore.xml'],
  ['telegram/result.json', 'telegram/result.json'],
  ['imessage', 'imessage/chat.db'],
  ['cellebrite/ufdr-sample.ufdr', 'cellebrite/ufdr-sample/report.xml'],
  ['rsmf/core-group.rsmf', 'rsmf/core-group.rsmf'],
] as const;

interface CaseMessage {
  id: number;
  sentAt: number | null;
  sender: number | null;
  body: string;
  deleted: string;
  direction: string;
  replyTo: number | null;
  editHistory: string | null;
  reactions: number;
  attachments: number;
}

describe('RSMF round trip', () => {
  const tempDir = useTempDir('rsmf-round-trip');

  it.each(FIXTURES)('%s: every conversation re-imports to the same events', async (input, figures) => {
    const dir = tempDir();
    const session = makeCase(dir);
    const db = session.writable!;
    await importSource(db, { path: fixture(input), custodian: 'Tom Reid', timeZone: 'Europe/London' }, { actor: 'test-reviewer' });
    decide(db, DecideArgsSchema.parse({ selector: { kind: 'all' }, change: { outcome: 'disclose' } }), 'test-reviewer');
    const result = await exportBundle(db, session.meta, exportSettings(join(dir, 'rsmf'), { output: 'rsmf' }), {
      actor: 'test-reviewer',
      appVersion: '0.0.0-test',
      casePath: session.path,
      acknowledged: 'as-listed',
    });
    const conversations = db.prepare('SELECT count(*) FROM conversations').pluck().get() as number;
    const files = readdirSync(result.dir).filter((f) => f.endsWith('.rsmf'));
    expect(files).toHaveLength(conversations);

    const byId = db.prepare(
      `SELECT m.id, m.sent_at AS sentAt, m.sender_participant_id AS sender, m.body, m.deleted, m.direction,
         m.reply_to_message_id AS replyTo, m.edit_history AS editHistory,
         (SELECT count(*) FROM reactions r WHERE r.message_id = m.id) AS reactions,
         (SELECT count(*) FROM attachments a WHERE a.message_id = m.id AND a.present = 1) AS attachments
       FROM messages m WHERE m.id = ?`,
    );
    let compared = 0;
    let attachmentFiles = 0;
    for (const file of files) {
      const path = join(result.dir, file);
      expect((await rsmfProblems(readFileSync(path))).problems, file).toEqual([]);
      const reference = file.replace(/\.rsmf$/u, '');
      const ids = db
        .prepare('SELECT message_id FROM bundle_items WHERE bundle_id = ? AND reference = ? ORDER BY message_id')
        .pluck()
        .all(result.bundleId, reference) as number[];
      const messages: ParsedMessage[] = [];
      for await (const event of eventsOf(rsmf, singleFile(path), { timeZone: 'Europe/London' }))
        if (event.type === 'message') messages.push(event.message);
      const parsedIds = messages.map((m) => Number(m.externalId?.slice(1)));
      expect(new Set(parsedIds)).toEqual(new Set(ids));
      const inFile = new Set(parsedIds);
      for (const parsed of messages) {
        const m = byId.get(Number(parsed.externalId?.slice(1))) as CaseMessage;
        expect(parsed.time.utcMs, `${file} m${m.id} time`).toBe(m.sentAt);
        expect(parsed.senderKey, `${file} m${m.id} sender`).toBe(m.sender === null ? null : `participant:P${m.sender}`);
        expect(parsed.body, `${file} m${m.id} body`).toBe(m.deleted === 'placeholder' ? '' : m.body);
        expect(parsed.deleted === 'none', `${file} m${m.id} deleted`).toBe(m.deleted === 'none');
        if (m.direction === 'incoming' || m.direction === 'outgoing')
          expect(parsed.direction, `${file} m${m.id} direction`).toBe(m.direction);
        expect(parsed.replyToExternalId, `${file} m${m.id} reply`).toBe(
          m.replyTo !== null && inFile.has(m.replyTo) ? `m${m.replyTo}` : null,
        );
        const history = m.editHistory === null ? [] : (JSON.parse(m.editHistory) as { body: string }[]);
        expect(
          parsed.editHistory.map((e) => e.body),
          `${file} m${m.id} edits`,
        ).toEqual(m.sender === null ? [] : history.map((e) => e.body));
        expect(parsed.reactions, `${file} m${m.id} reactions`).toHaveLength(m.reactions);
        expect(
          parsed.attachments.filter((a) => a.present),
          `${file} m${m.id} attachments`,
        ).toHaveLength(m.attachments);
        attachmentFiles += parsed.attachments.filter((a) => a.present).length;
        compared++;
      }
    }
    expect(compared).toBe(result.produced);
    // The attachment files the fixture holds all travel in the zips (images as produced renditions).
    expect(attachmentFiles).toBe(expected(figures).attachment_files_present);
    closeCase(session);
  });
});
