/**
 * Migration 0016 adds attachments' own decisions beside the messages'. A case made at the previous
 * schema keeps its decisions, and each attachment then takes effect with its message's decision
 * until it is decided on its own.
 */
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { closeSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { APPLICATION_ID, type WritableDB } from '../../db/connection';
import { MIGRATIONS, migrate, SCHEMA_VERSION } from '../../db/migrations';
import { insertCaseMeta } from '../../db/queries/case-meta';
import { openCase } from '../../main/cases/service';
import { importSource } from '../../main/import/run';
import { attachmentDecisions, decideAttachments } from '../../main/review/attachment-decisions';
import { TEST_DETAILS } from '../helpers/case';
import { fixture } from '../helpers/fixtures';
import { useTempDir } from '../helpers/temp';

const tempDir = useTempDir();
const PREVIOUS = MIGRATIONS.findIndex((m) => m.name === 'attachment decisions');

function caseAtPreviousSchema(dir: string): { path: string; db: WritableDB } {
  const path = join(dir, 'old.ddcase');
  closeSync(openSync(path, 'wx', 0o600));
  const db = new Database(path);
  db.pragma('foreign_keys = ON');
  db.pragma('journal_mode = WAL');
  db.pragma(`application_id = ${APPLICATION_ID}`);
  migrate(db, path, { migrations: MIGRATIONS.slice(0, PREVIOUS) });
  const writable = db as WritableDB;
  insertCaseMeta(writable, {
    ...TEST_DETAILS,
    caseId: randomUUID(),
    referenceWidth: 9,
    mode: 'full',
    createdAt: 1,
    createdBy: 'test',
    appVersion: '0.0.0-test',
  });
  return { path, db: writable };
}

describe('migration 0016, attachment decisions', () => {
  it('migrates a case with decided messages and attachments: each attachment inherits its message’s decision', async () => {
    expect(PREVIOUS).toBeGreaterThan(13);
    const { path, db } = caseAtPreviousSchema(tempDir());
    await importSource(db, { path: fixture('whatsapp/ios-en-GB.zip'), custodian: 'Tom Reid', timeZone: 'Europe/London' }, { actor: 't' });
    const attachment = db.prepare('SELECT id, message_id AS messageId FROM attachments ORDER BY id LIMIT 1').get() as {
      id: number;
      messageId: number;
    };
    expect(attachment).toBeDefined();
    db.exec(`INSERT INTO review_batches (batch_id, actor, kind, summary, events, at) VALUES ('b1', 'alice', 'decision', 'outcome', 1, 1)`);
    const event = db
      .prepare(
        `INSERT INTO review_events (message_id, batch_id, origin, classification, relevance, outcome, rationale, at, actor, outcome_individual)
         VALUES (?, 'b1', 'decision', 'business', 'relevant', 'disclose', 'why', 1, 'alice', 1)`,
      )
      .run(attachment.messageId).lastInsertRowid;
    db.prepare(
      `INSERT INTO reviews (message_id, classification, relevance, outcome, rationale, last_event_id, updated_at, updated_by)
       VALUES (?, 'business', 'relevant', 'disclose', 'why', ?, 1, 'alice')`,
    ).run(attachment.messageId, event);
    const reviews = db.prepare('SELECT * FROM reviews').all();
    db.close();

    const session = openCase(path);
    const migrated = session.writable!;
    expect(migrated.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(migrated.prepare('SELECT * FROM reviews').all()).toEqual(reviews);
    expect(attachmentDecisions(migrated, [attachment.id])[0]).toMatchObject({
      classification: 'business',
      relevance: 'relevant',
      outcome: 'disclose',
      own: { outcome: false },
    });
    decideAttachments(migrated, { attachmentIds: [attachment.id], change: { outcome: 'withhold' }, overwrite: false }, 'alice');
    expect(attachmentDecisions(migrated, [attachment.id])[0]).toMatchObject({ classification: 'business', outcome: 'withhold' });
    expect(() => migrated.exec('DELETE FROM attachment_review_events')).toThrow(/append-only/);
    expect(() => migrated.exec("UPDATE attachment_review_events SET actor = 'x'")).toThrow(/append-only/);
    expect(migrated.pragma('foreign_key_check')).toEqual([]);
    session.db.close();
  });
});
