import { describe, expect, it } from 'vitest';
import { SCHEMA_VERSION } from '../../../db/migrations';
import { verifyAudit } from '../../../main/audit/log';
import { closeCase, openCase } from '../../../main/cases/service';
import { FileNameRedactionNotFoundError, FileNameTargetNotFoundError } from '../../../main/redact/errors';
import { listFileNameRedactions, redactFileName, removeFileNameRedaction } from '../../../main/redact/file-names';
import { applySweep, runSweep } from '../../../main/redact/sweep';
import { redo, undo } from '../../../main/review/undo';
import { RedactFileNameArgsSchema, SweepRequestSchema } from '../../../common/contract/channels/redaction';
import { useTempDir } from '../../helpers/temp';
import { dodgesCase } from './dodges-case';
import { auditOf, count } from './seed';

const args = (raw: unknown) => RedactFileNameArgsSchema.parse(raw);
const kestrel = SweepRequestSchema.parse({ kind: 'occurrences', scope: { kind: 'case' }, target: { kind: 'text', text: 'Kestrel' } });

describe('file name redactions', () => {
  const tempDir = useTempDir('dd-file-names-');

  const setup = async () => {
    const session = await dodgesCase(tempDir());
    const db = session.writable!;
    const sourceId = db.prepare('SELECT id FROM sources').pluck().get() as number;
    const attachmentId = db.prepare("SELECT id FROM attachments WHERE file_name = 'kestrel-map.jpg'").pluck().get() as number;
    return { session, db, sourceId, attachmentId };
  };

  it("redacts a source's file name and an attachment's name, audits them without the name, replaces and removes by marking", async () => {
    const { db, sourceId, attachmentId } = await setup();
    const source = redactFileName(db, args({ sourceId, reasonCode: 'personal-third-party', note: 'chat name' }), 'alice', 1000);
    expect(source.redaction).toMatchObject({
      sourceId,
      attachmentId: null,
      text: 'WhatsApp Chat with KESTREL.txt',
      label: 'Personal data (third party)',
    });
    const attachment = redactFileName(db, args({ attachmentId, reasonCode: 'personal-third-party' }), 'alice', 1000);
    expect(listFileNameRedactions(db).map((r) => r.id)).toEqual([source.redaction.id, attachment.redaction.id]);

    const replaced = redactFileName(db, args({ sourceId, reasonCode: 'article-8' }), 'alice', 2000);
    expect(replaced.replaced).toBe(source.redaction.id);
    expect(
      db
        .prepare('SELECT removed_at AS removedAt, superseded_by AS supersededBy FROM file_name_redactions WHERE id = ?')
        .get(source.redaction.id),
    ).toEqual({
      removedAt: 2000,
      supersededBy: replaced.redaction.id,
    });
    expect(removeFileNameRedaction(db, attachment.redaction.id, 'alice')).toEqual({ removed: attachment.redaction.id });
    expect(() => removeFileNameRedaction(db, attachment.redaction.id, 'alice')).toThrow(FileNameRedactionNotFoundError);
    expect(() => db.prepare('DELETE FROM file_name_redactions').run()).toThrow(/never deleted/);
    expect(() => redactFileName(db, args({ attachmentId: 9999, reasonCode: 'article-8' }), 'alice')).toThrow(FileNameTargetNotFoundError);

    const audit = auditOf(db).filter((a) => a.action.startsWith('file-name-redaction.'));
    expect(audit.map((a) => a.action)).toEqual([
      'file-name-redaction.added',
      'file-name-redaction.added',
      'file-name-redaction.added',
      'file-name-redaction.removed',
    ]);
    expect(JSON.stringify(audit).toLowerCase()).not.toContain('kestrel');
    expect(verifyAudit(db).ok).toBe(true);
  });

  it('every occurrence finds the text in bodies, sender labels, the title, the source file name and attachment names, and applies them as one undoable batch', async () => {
    const { session, db, sourceId, attachmentId } = await setup();
    const sweep = await runSweep(db, kestrel);
    const byField = (field: string) => sweep.hits.filter((h) => h.field === field);
    expect(byField('body').map((h) => h.text)).toEqual(['Kestrel', 'Kes\u200btrel', 'Kes\u0336trel', 'Ｋｅｓｔｒｅｌ', 'kestrel']);
    expect(byField('title').map((h) => h.text)).toEqual(['KESTREL']);
    expect(byField('sender').map((h) => h.text)).toEqual(['kestrel']);
    expect(byField('source-file')).toMatchObject([{ targetId: sourceId, text: 'KESTREL', context: { match: 'KESTREL' } }]);
    expect(byField('attachment')).toMatchObject([{ targetId: attachmentId, text: 'kestrel' }]);

    const result = applySweep(db, { state: 'complete', result: sweep }, { kind: 'all', except: [] }, 'personal-third-party', '', 'alice');
    expect(result).toMatchObject({ added: 5, names: 4, alreadyRedacted: 0 });
    expect(count(db, 'SELECT count(*) FROM label_redactions WHERE removed_at IS NULL')).toBe(2);
    expect(count(db, 'SELECT count(*) FROM file_name_redactions WHERE removed_at IS NULL')).toBe(2);
    const applied = auditOf(db).filter((a) => a.action === 'redaction.occurrences_applied');
    expect(applied).toHaveLength(1);
    expect(JSON.stringify(applied).toLowerCase()).not.toContain('kestrel');

    const again = await runSweep(db, kestrel);
    expect(again.hits.every((h) => h.alreadyRedacted)).toBe(true);

    undo(db, 'alice');
    expect(count(db, 'SELECT count(*) FROM redactions WHERE removed_at IS NULL')).toBe(0);
    expect(count(db, 'SELECT count(*) FROM label_redactions WHERE removed_at IS NULL')).toBe(0);
    expect(count(db, 'SELECT count(*) FROM file_name_redactions WHERE removed_at IS NULL')).toBe(0);
    redo(db, 'alice');
    expect(count(db, 'SELECT count(*) FROM file_name_redactions WHERE removed_at IS NULL')).toBe(2);
    expect(count(db, 'SELECT count(*) FROM label_redactions WHERE removed_at IS NULL')).toBe(2);
    closeCase(session);
  });

  it('migrates a case made before file name redactions, keeping what it holds', async () => {
    const { session, db } = await setup();
    const messages = count(db, 'SELECT count(*) FROM messages');
    // The case as the previous build left it: schema 12, no file name tables (and not yet 0014's index
    // or 0015's attachment bytes, 0016's attachment decision tables, 0017's thumbnails and 0018's image
    // redactions, which the upgrade to the current schema adds again).
    db.exec('DROP TABLE image_redaction_changes; DROP TABLE image_redactions; DROP TABLE thumbnails;');
    db.exec('DROP TABLE attachment_reviews; DROP TABLE attachment_review_events;');
    db.exec(
      'DROP TRIGGER attachments_kept_have_bytes; DROP TRIGGER attachments_kept_have_bytes_on_update; DROP INDEX attachments_by_sha256; ' +
        'ALTER TABLE attachments DROP COLUMN kept; ALTER TABLE attachments DROP COLUMN notes; ALTER TABLE attachments DROP COLUMN detected_mime; ' +
        'DROP TABLE blob_chunks; DROP TABLE blobs; ' +
        'DROP TABLE file_name_redaction_changes; DROP TABLE file_name_redactions; DROP INDEX conversations_by_id_source; DELETE FROM schema_migrations WHERE version >= 13; PRAGMA user_version = 12;',
    );
    closeCase(session);
    const reopened = openCase(session.path);
    const upgraded = reopened.writable!;
    expect(upgraded.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(count(upgraded, 'SELECT count(*) FROM messages')).toBe(messages);
    const sourceId = upgraded.prepare('SELECT id FROM sources').pluck().get() as number;
    expect(redactFileName(upgraded, args({ sourceId, reasonCode: 'article-8' }), 'alice').redaction.sourceId).toBe(sourceId);
    expect(() =>
      upgraded
        .prepare("INSERT INTO file_name_redactions (reason_code, note, created_at, created_by) VALUES ('article-8', '', 1, 'a')")
        .run(),
    ).toThrow(/CHECK/);
    closeCase(reopened);
  });
});
