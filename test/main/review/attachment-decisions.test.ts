import { describe, expect, it } from 'vitest';
import type { WritableDB } from '../../../db/connection';
import { verifyAudit } from '../../../main/audit/log';
import { timeline } from '../../../main/browse/timeline';
import { attachmentDecisions, decideAttachments } from '../../../main/review/attachment-decisions';
import { decide } from '../../../main/review/decisions';
import { AttachmentsNotFoundError, NothingToOverwriteError, UndoConflictError } from '../../../main/review/errors';
import { redo, undo, undoState } from '../../../main/review/undo';
import { AttachmentDecideArgsSchema } from '../../../common/contract/channels/attachment-review';
import { DecideArgsSchema } from '../../../common/contract/channels/review';
import { useTempDir } from '../../helpers/temp';
import { auditOf, caseWithBodies, count } from '../redact/seed';

const ARTICLE8 = {
  engaged: 'yes',
  whose: 'third_party',
  rationalConnection: 'None: a family photograph.',
  lessIntrusiveStep: 'withholding',
  lessIntrusiveReasoning: 'Only withholding removes the intrusion.',
  fairBalance: 'The intrusion outweighs any benefit.',
};

export function addAttachment(db: WritableDB, messageId: number, fileName: string): number {
  return Number(
    db
      .prepare("INSERT INTO attachments (message_id, file_name, mime, size, sha256, present) VALUES (?, ?, 'image/jpeg', 1000, ?, 1)")
      .run(messageId, fileName, 'a'.repeat(64)).lastInsertRowid,
  );
}

const onAttachments = (db: WritableDB, raw: Record<string, unknown>, actor = 'alice') =>
  decideAttachments(db, AttachmentDecideArgsSchema.parse(raw), actor);
const onMessages = (db: WritableDB, raw: Record<string, unknown>, actor = 'alice') => decide(db, DecideArgsSchema.parse(raw), actor);
const decisionOf = (db: WritableDB, id: number) => attachmentDecisions(db, [id])[0]!;

describe('an attachment has its own decision, defaulting to its message’s', () => {
  const tempDir = useTempDir();
  const setup = () => {
    const seeded = caseWithBodies(tempDir(), ['Photo of the dashboard', 'Family photo', 'Thanks']);
    const { db, ids } = seeded;
    const dashboard = addAttachment(db, ids[0]!, 'IMG-0001.jpg');
    const family = addAttachment(db, ids[1]!, 'IMG-0002.jpg');
    const second = addAttachment(db, ids[1]!, 'IMG-0003.jpg');
    return { ...seeded, dashboard, family, second };
  };

  it('inherits every field of its message until it has its own, and a change to the message reaches it', () => {
    const { db, ids, dashboard } = setup();
    expect(decisionOf(db, dashboard)).toMatchObject({ classification: 'unclassified', outcome: 'pending', updatedAt: null });
    onMessages(db, { selector: { kind: 'ids', ids: [ids[0]] }, change: { classification: 'business', outcome: 'disclose' } });
    expect(decisionOf(db, dashboard)).toMatchObject({
      classification: 'business',
      outcome: 'disclose',
      own: { classification: false, relevance: false, outcome: false, article8: false, rationale: false },
    });
    expect(count(db, 'SELECT count(*) FROM attachment_review_events')).toBe(0);
  });

  it('records its own outcome and Article 8 record as an individual decision, leaving the other fields inherited', () => {
    const { db, ids, family } = setup();
    onMessages(db, { selector: { kind: 'ids', ids: [ids[1]] }, change: { classification: 'business', outcome: 'disclose' } });
    const result = onAttachments(db, { attachmentIds: [family], change: { outcome: 'withhold', article8: ARTICLE8 } });
    expect(result).toMatchObject({ matched: 1, changed: 1, kept: 0, batchId: expect.any(String) });
    const decision = decisionOf(db, family);
    expect(decision).toMatchObject({ classification: 'business', outcome: 'withhold', updatedBy: 'alice' });
    expect(decision.own).toEqual({ classification: false, relevance: false, outcome: true, article8: true, rationale: false });
    expect(decision.article8).toMatchObject({ engaged: 'yes', whose: 'third_party' });
    // The message itself is untouched.
    expect(db.prepare('SELECT outcome FROM reviews WHERE message_id = ?').pluck().get(ids[1])).toBe('disclose');
    expect(auditOf(db).at(-1)).toMatchObject({ action: 'review.attachmentsDecided', details: { attachmentIds: [family], changed: 1 } });
    expect(verifyAudit(db).ok).toBe(true);
  });

  it('a bulk decision on messages never overrides an attachment’s own field, and reaches the fields it inherits', () => {
    const { db, conversationId, family, second } = setup();
    onAttachments(db, { attachmentIds: [family], change: { outcome: 'withhold' } });
    onMessages(db, { selector: { kind: 'conversation', conversationId }, change: { classification: 'personal', outcome: 'disclose' } });
    expect(decisionOf(db, family)).toMatchObject({ classification: 'personal', outcome: 'withhold' });
    expect(decisionOf(db, second)).toMatchObject({ classification: 'personal', outcome: 'disclose' });
  });

  it('a bulk decision on several attachments keeps an individually decided field unless overwritten', () => {
    const { db, dashboard, family, second } = setup();
    onAttachments(db, { attachmentIds: [family], change: { outcome: 'withhold' } });
    const bulk = onAttachments(db, {
      attachmentIds: [dashboard, family, second],
      change: { outcome: 'disclose', classification: 'business' },
    });
    expect(bulk).toMatchObject({ matched: 3, changed: 2, kept: 1, overwritten: 0 });
    expect(decisionOf(db, family)).toMatchObject({ outcome: 'withhold', own: { classification: false } });
    expect(decisionOf(db, second)).toMatchObject({ outcome: 'disclose', classification: 'business' });
    // Bulk-set fields are the attachment's own but not individual: a later bulk may change them.
    expect(onAttachments(db, { attachmentIds: [dashboard, second], change: { outcome: 'pending' } })).toMatchObject({
      changed: 2,
      kept: 0,
    });
    expect(() => onAttachments(db, { attachmentIds: [dashboard, second], change: { outcome: 'withhold' }, overwrite: true })).toThrow(
      NothingToOverwriteError,
    );
    const over = onAttachments(db, { attachmentIds: [dashboard, family], change: { outcome: 'disclose' }, overwrite: true });
    expect(over).toMatchObject({ changed: 2, kept: 0, overwritten: 1 });
    expect(decisionOf(db, family).outcome).toBe('disclose');
  });

  it('undo restores the attachment to inheriting, redo re-applies it, on the one undo stack the messages use', () => {
    const { db, ids, family, dashboard } = setup();
    onMessages(db, { selector: { kind: 'ids', ids: [ids[1]] }, change: { outcome: 'disclose' } });
    const set = onAttachments(db, { attachmentIds: [family], change: { outcome: 'withhold', classification: 'personal' } });
    expect(undoState(db, 'alice').undo).toMatchObject({
      batchId: set.batchId,
      summary: 'classification: Personal, outcome: Withhold on attachment #' + family,
    });
    const undone = undo(db, 'alice');
    expect(undone).toMatchObject({ targetBatchId: set.batchId, changed: 1 });
    expect(decisionOf(db, family)).toMatchObject({ outcome: 'disclose', classification: 'unclassified', own: { outcome: false } });
    expect(count(db, "SELECT count(*) FROM attachment_review_events WHERE origin = 'undo'")).toBe(1);
    redo(db, 'alice');
    expect(decisionOf(db, family)).toMatchObject({ outcome: 'withhold', classification: 'personal', own: { outcome: true } });
    // The individual flag came back with it: a bulk action keeps it again.
    expect(onAttachments(db, { attachmentIds: [family, dashboard], change: { outcome: 'disclose' } }).kept).toBe(1);
  });

  it('undo is refused when the attachment was changed since by someone else', () => {
    const { db, family } = setup();
    onAttachments(db, { attachmentIds: [family], change: { outcome: 'withhold' } }, 'alice');
    onAttachments(db, { attachmentIds: [family], change: { outcome: 'disclose' } }, 'bob');
    expect(() => undo(db, 'alice')).toThrow(UndoConflictError);
    expect(decisionOf(db, family).outcome).toBe('disclose');
  });

  it('refuses an attachment that is not in the case and changes nothing', () => {
    const { db, family } = setup();
    expect(() => onAttachments(db, { attachmentIds: [family, 999], change: { outcome: 'withhold' } })).toThrow(AttachmentsNotFoundError);
    expect(count(db, 'SELECT count(*) FROM attachment_review_events')).toBe(0);
    expect(() => attachmentDecisions(db, [999])).toThrow(/Attachment #999 is not in this case/);
  });

  it('the timeline shows each attachment’s effective decision and whether it is its own', () => {
    const { db, ids, conversationId, family, second } = setup();
    onMessages(db, { selector: { kind: 'ids', ids: [ids[1]] }, change: { outcome: 'disclose' } });
    onAttachments(db, { attachmentIds: [family], change: { outcome: 'withhold' } });
    const row = timeline(db, conversationId, 0, 3).messages[1]!;
    expect(row.attachments.map((a) => ({ id: a.id, ...a.decision }))).toEqual([
      { id: family, classification: 'unclassified', relevance: 'unassessed', outcome: 'withhold', own: true },
      { id: second, classification: 'unclassified', relevance: 'unassessed', outcome: 'disclose', own: false },
    ]);
  });
});
