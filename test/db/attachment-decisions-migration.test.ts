/**
 * Migration 0016 adds attachments' own decisions beside the messages'. A case made at the previous
 * schema keeps its decisions, and each attachment then takes effect with its message's decision
 * until it is decided on its own.
 */
import { describe, expect, it } from 'vitest';
import { MIGRATIONS, SCHEMA_VERSION } from '../../db/migrations';
import { openCase } from '../../main/cases/service';
import { importSource } from '../../main/import/run';
import { attachmentDecisions, decideAttachments } from '../../main/review/attachment-decisions';
import { fixture } from '../helpers/fixtures';
import { caseAtVersion } from '../helpers/old-case';
import { useTempDir } from '../helpers/temp';

const tempDir = useTempDir();
const PREVIOUS = MIGRATIONS.findIndex((m) => m.name === 'attachment decisions');

const caseAtPreviousSchema = (dir: string) => caseAtVersion(dir, PREVIOUS);

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
