import { describe, expect, it } from 'vitest';
import type { WritableDB } from '../../../db/connection';
import { verifyAudit } from '../../../main/audit/log';
import { RedactionUndoConflictError } from '../../../main/redact/errors';
import { listFileNameRedactions, redactFileName, removeFileNameRedaction } from '../../../main/redact/file-names';
import { redactLabel, removeLabelRedaction } from '../../../main/redact/labels';
import { applyOccurrences } from '../../../main/redact/occurrences';
import { addRedaction, removeRedactions } from '../../../main/redact/redactions';
import { decide } from '../../../main/review/decisions';
import { UndoConflictError } from '../../../main/review/errors';
import { redo, undo, undoState } from '../../../main/review/undo';
import {
  AddRedactionArgsSchema,
  ApplyOccurrencesArgsSchema,
  RedactFileNameArgsSchema,
  RedactLabelArgsSchema,
} from '../../../common/contract/channels/redaction';
import { DecideArgsSchema } from '../../../common/contract/channels/review';
import { useTempDir } from '../../helpers/temp';
import { reviewOf } from '../review/seed';
import { auditOf, caseWithBodies, count } from './seed';

const PHONE = 'Ring me on 07700 900461 tonight';
const NUMBER = { start: 11, end: 23 };

const decideOutcome = (db: WritableDB, ids: readonly number[], outcome: string, actor = 'alice') =>
  decide(db, DecideArgsSchema.parse({ selector: { kind: 'ids', ids }, change: { outcome } }), actor);
const addSpan = (db: WritableDB, messageId: number, reasonCode = 'personal-contact', actor = 'alice', span = NUMBER) =>
  addRedaction(db, AddRedactionArgsSchema.parse({ kind: 'span', messageId, ...span, reasonCode }), actor);
const addWhole = (db: WritableDB, messageId: number, reasonCode = 'article-8', actor = 'alice') =>
  addRedaction(db, AddRedactionArgsSchema.parse({ kind: 'whole', messageId, reasonCode }), actor);
const live = (db: WritableDB, messageId: number) =>
  db
    .prepare(
      'SELECT id, kind, start_utf16 AS start, end_utf16 AS "end", reason_code AS reasonCode FROM redactions WHERE message_id = ? AND removed_at IS NULL ORDER BY id',
    )
    .all(messageId) as {
    id: number;
    kind: string;
    start: number | null;
    end: number | null;
    reasonCode: string;
  }[];
const outcomeOf = (db: WritableDB, messageId: number) => reviewOf(db, messageId)?.outcome ?? 'pending';
const redactionActions = (db: WritableDB) =>
  auditOf(db)
    .map((a) => a.action)
    .filter((a) => a.startsWith('redaction.') || a.startsWith('label-redaction.'));

describe('undo and redo of redactions', () => {
  const tempDir = useTempDir();
  const setup = () => caseWithBodies(tempDir(), [PHONE, 'Second message about 07700 900461', 'Third']);

  it('puts a span redaction on the undo stack, named in words', () => {
    const { db, ids } = setup();
    addSpan(db, ids[0]!);
    expect(undoState(db, 'alice').undo).toMatchObject({ summary: "redaction 'Personal data (contact details)' on 1 message", messages: 1 });
    expect(undoState(db, 'bob').undo).toBeNull();
  });

  it('undoes a span: marks it removed (never deleted), moves the outcome back as removal does, and audits it; redo brings it back', () => {
    const { db, ids } = setup();
    decideOutcome(db, [ids[0]!], 'disclose');
    const added = addSpan(db, ids[0]!).redaction;
    expect(outcomeOf(db, ids[0]!)).toBe('disclose_redacted');

    const undone = undo(db, 'alice');
    expect(undone).toMatchObject({ targetBatchId: expect.any(String), changed: 1 });
    expect(live(db, ids[0]!)).toEqual([]);
    expect(db.prepare('SELECT removed_by FROM redactions WHERE id = ?').pluck().get(added.id)).toBe('alice');
    expect(outcomeOf(db, ids[0]!)).toBe('disclose');
    expect(undoState(db, 'alice').redo?.summary).toBe("redaction 'Personal data (contact details)' on 1 message");
    // The decision under it is next on the stack.
    expect(undoState(db, 'alice').undo?.summary).toMatch(/^outcome: Disclose/);

    const redone = redo(db, 'alice');
    expect(redone).toMatchObject({ changed: 1 });
    expect(live(db, ids[0]!)).toEqual([{ id: expect.any(Number), kind: 'span', ...NUMBER, reasonCode: 'personal-contact' }]);
    expect(live(db, ids[0]!)[0]!.id).not.toBe(added.id);
    expect(outcomeOf(db, ids[0]!)).toBe('disclose_redacted');
    expect(count(db, 'SELECT count(*) FROM redactions')).toBe(2);

    // The redo is itself undoable.
    undo(db, 'alice');
    expect(live(db, ids[0]!)).toEqual([]);
    expect(outcomeOf(db, ids[0]!)).toBe('disclose');

    expect(redactionActions(db)).toEqual(['redaction.added', 'redaction.undone', 'redaction.redone', 'redaction.undone']);
    const audit = auditOf(db);
    expect(audit.find((a) => a.action === 'redaction.undone')!.details).toMatchObject({
      undoneBatchId: undone!.targetBatchId,
      removed: [added.id],
      outcomeMoves: [{ messageId: ids[0], from: 'disclose_redacted', to: 'disclose' }],
    });
    expect(JSON.stringify(audit)).not.toContain('900461');
    expect(verifyAudit(db).ok).toBe(true);
  });

  it('undoes a removal by restoring the redaction as a new row, and redoes the removal', () => {
    const { db, ids } = setup();
    decideOutcome(db, [ids[0]!], 'disclose');
    const added = addSpan(db, ids[0]!).redaction;
    removeRedactions(db, [added.id], 'alice');
    expect(outcomeOf(db, ids[0]!)).toBe('disclose');
    expect(undoState(db, 'alice').undo?.summary).toBe("removal of redaction 'Personal data (contact details)' on 1 message");

    undo(db, 'alice');
    const restored = live(db, ids[0]!);
    expect(restored).toEqual([{ id: expect.any(Number), kind: 'span', ...NUMBER, reasonCode: 'personal-contact' }]);
    expect(restored[0]!.id).not.toBe(added.id);
    expect(db.prepare('SELECT removed_at IS NOT NULL FROM redactions WHERE id = ?').pluck().get(added.id)).toBe(1);
    expect(outcomeOf(db, ids[0]!)).toBe('disclose_redacted');
    expect(auditOf(db).find((a) => a.action === 'redaction.undone')!.details).toMatchObject({
      restored: [{ from: added.id, to: restored[0]!.id }],
    });

    redo(db, 'alice');
    expect(live(db, ids[0]!)).toEqual([]);
    expect(outcomeOf(db, ids[0]!)).toBe('disclose');
  });

  it('undoes an addition after undoing its removal: the restored copy goes, as the reviewer undid both', () => {
    const { db, ids } = setup();
    decideOutcome(db, [ids[0]!], 'disclose');
    const added = addSpan(db, ids[0]!).redaction;
    removeRedactions(db, [added.id], 'alice');
    undo(db, 'alice');
    expect(live(db, ids[0]!)).toHaveLength(1);

    undo(db, 'alice');
    expect(live(db, ids[0]!)).toEqual([]);
    expect(outcomeOf(db, ids[0]!)).toBe('disclose');
    redo(db, 'alice');
    expect(live(db, ids[0]!)).toEqual([{ id: expect.any(Number), kind: 'span', ...NUMBER, reasonCode: 'personal-contact' }]);
    expect(verifyAudit(db).ok).toBe(true);
  });

  it('undoes a whole-item redaction back to the outcome it had, and redo withholds again', () => {
    const { db, ids } = setup();
    decideOutcome(db, [ids[1]!], 'disclose');
    addWhole(db, ids[1]!);
    addWhole(db, ids[2]!);
    expect(undoState(db, 'alice').undo?.summary).toBe("whole-message redaction 'Article 8: private and family life' on 1 message");
    expect([outcomeOf(db, ids[1]!), outcomeOf(db, ids[2]!)]).toEqual(['withhold', 'withhold']);

    undo(db, 'alice');
    expect(outcomeOf(db, ids[2]!)).toBe('pending');
    undo(db, 'alice');
    expect(outcomeOf(db, ids[1]!)).toBe('disclose');
    expect(live(db, ids[1]!)).toEqual([]);

    redo(db, 'alice');
    expect(live(db, ids[1]!)).toMatchObject([{ kind: 'whole', reasonCode: 'article-8' }]);
    expect(outcomeOf(db, ids[1]!)).toBe('withhold');
  });

  it('never leaves a message with a live span as disclose: undoing one of two spans keeps disclose_redacted', () => {
    const { db, ids } = setup();
    decideOutcome(db, [ids[0]!], 'disclose');
    addSpan(db, ids[0]!);
    // Bob's span moves nothing (already disclose_redacted), so it is no conflict for Alice's undo.
    addSpan(db, ids[0]!, 'lpp', 'bob', { start: 0, end: 4 });
    undo(db, 'alice');
    expect(live(db, ids[0]!)).toMatchObject([{ reasonCode: 'lpp' }]);
    expect(outcomeOf(db, ids[0]!)).toBe('disclose_redacted');
  });

  it('keeps a message under a whole-item redaction withheld when a span of it is undone', () => {
    const { db, ids } = setup();
    addSpan(db, ids[0]!);
    addWhole(db, ids[0]!, 'article-8', 'bob');
    undo(db, 'alice');
    expect(live(db, ids[0]!)).toMatchObject([{ kind: 'whole' }]);
    expect(outcomeOf(db, ids[0]!)).toBe('withhold');
  });

  it('refuses to undo a span whose outcome a later whole-item redaction changed', () => {
    const { db, ids } = setup();
    decideOutcome(db, [ids[0]!], 'disclose');
    addSpan(db, ids[0]!);
    addWhole(db, ids[0]!, 'article-8', 'bob');
    // Bob's whole-item redaction changed the outcome Alice's span left: her undo would overwrite it.
    expect(() => undo(db, 'alice')).toThrow(UndoConflictError);
    expect(outcomeOf(db, ids[0]!)).toBe('withhold');
    expect(live(db, ids[0]!)).toHaveLength(2);
  });

  it('undoes and redoes an every-occurrence batch as one step', () => {
    const { db, ids } = setup();
    decideOutcome(db, [ids[0]!, ids[1]!], 'disclose');
    const hits = [
      { messageId: ids[0], ...NUMBER },
      { messageId: ids[1], start: 21, end: 33 },
    ];
    applyOccurrences(db, ApplyOccurrencesArgsSchema.parse({ hits, reasonCode: 'personal-contact' }), 'alice');
    expect(undoState(db, 'alice').undo).toMatchObject({
      summary: "redaction 'Personal data (contact details)' on 2 messages (every occurrence)",
      messages: 2,
    });

    expect(undo(db, 'alice')?.changed).toBe(2);
    expect([live(db, ids[0]!), live(db, ids[1]!)]).toEqual([[], []]);
    expect([outcomeOf(db, ids[0]!), outcomeOf(db, ids[1]!)]).toEqual(['disclose', 'disclose']);

    redo(db, 'alice');
    expect([live(db, ids[0]!).length, live(db, ids[1]!).length]).toEqual([1, 1]);
    expect([outcomeOf(db, ids[0]!), outcomeOf(db, ids[1]!)]).toEqual(['disclose_redacted', 'disclose_redacted']);
  });

  it('steps back through decisions and redactions in the order they were made', () => {
    const { db, ids } = setup();
    decideOutcome(db, [ids[0]!], 'disclose');
    addSpan(db, ids[0]!);
    decide(db, DecideArgsSchema.parse({ selector: { kind: 'ids', ids: [ids[0]] }, change: { classification: 'business' } }), 'alice');
    undo(db, 'alice');
    expect(reviewOf(db, ids[0]!)).toMatchObject({ classification: 'unclassified', outcome: 'disclose_redacted' });
    undo(db, 'alice');
    expect(live(db, ids[0]!)).toEqual([]);
    expect(outcomeOf(db, ids[0]!)).toBe('disclose');
    undo(db, 'alice');
    expect(outcomeOf(db, ids[0]!)).toBe('pending');
    expect(undo(db, 'alice')).toBeNull();
    // A new redaction clears the redo stack, as a decision does.
    addSpan(db, ids[0]!);
    expect(undoState(db, 'alice').redo).toBeNull();
  });

  it('refuses to undo a redaction someone has removed since, naming it, and changes nothing', () => {
    const { db, ids } = setup();
    const added = addSpan(db, ids[0]!).redaction;
    removeRedactions(db, [added.id], 'bob');
    const before = count(db, 'SELECT count(*) FROM audit_log');
    expect(() => undo(db, 'alice')).toThrow(RedactionUndoConflictError);
    expect(() => undo(db, 'alice')).toThrow(
      /Cannot undo "redaction 'Personal data \(contact details\)' on 1 message": .*removed since by bob/,
    );
    expect(count(db, 'SELECT count(*) FROM audit_log')).toBe(before);
    expect(count(db, 'SELECT count(*) FROM redactions')).toBe(1);
    expect(undoState(db, 'alice').undo).not.toBeNull();
  });

  it("refuses to undo a redaction when the outcome it set was changed since by someone's decision", () => {
    const { db, ids } = setup();
    decideOutcome(db, [ids[0]!], 'disclose');
    addSpan(db, ids[0]!);
    decideOutcome(db, [ids[0]!], 'withhold', 'bob');
    expect(() => undo(db, 'alice')).toThrow(/Cannot undo .*changed since \(#\d+ by bob\)/);
    expect(live(db, ids[0]!)).toHaveLength(1);
    expect(outcomeOf(db, ids[0]!)).toBe('withhold');
  });

  it('refuses to redo a redaction undone when the message has been redacted the same way since', () => {
    const { db, ids } = setup();
    addSpan(db, ids[0]!);
    undo(db, 'alice');
    addSpan(db, ids[0]!, 'personal-contact', 'bob');
    expect(() => redo(db, 'alice')).toThrow(/Cannot redo .*already redacted the same way/);
    expect(live(db, ids[0]!)).toHaveLength(1);
  });
});

describe('undo and redo of name and title redactions', () => {
  const tempDir = useTempDir();
  const setup = () => {
    const seeded = caseWithBodies(tempDir(), ['Call me', 'Later']);
    const participantId = Number(
      seeded.db.prepare("INSERT INTO participants (source_id, source_key, label) VALUES (?, 'p1', '+44 7700 900123')").run(seeded.sourceId)
        .lastInsertRowid,
    );
    return { ...seeded, participantId };
  };
  const label = (db: WritableDB, raw: unknown, actor = 'alice') => redactLabel(db, RedactLabelArgsSchema.parse(raw), actor);
  const liveLabels = (db: WritableDB) =>
    db
      .prepare(
        'SELECT id, participant_id AS participantId, conversation_id AS conversationId, reason_code AS reasonCode FROM label_redactions WHERE removed_at IS NULL ORDER BY id',
      )
      .all() as {
      id: number;
      participantId: number | null;
      conversationId: number | null;
      reasonCode: string;
    }[];

  it("undoes and redoes a sender's name redaction, and names it in words without the name", () => {
    const { db, participantId } = setup();
    const { redaction } = label(db, { participantId, reasonCode: 'personal-contact' });
    expect(undoState(db, 'alice').undo?.summary).toBe("redaction 'Personal data (contact details)' of a sender's name");
    undo(db, 'alice');
    expect(liveLabels(db)).toEqual([]);
    expect(db.prepare('SELECT removed_by FROM label_redactions WHERE id = ?').pluck().get(redaction.id)).toBe('alice');
    redo(db, 'alice');
    expect(liveLabels(db)).toMatchObject([{ participantId, reasonCode: 'personal-contact' }]);
    expect(redactionActions(db)).toEqual(['label-redaction.added', 'redaction.undone', 'redaction.redone']);
    expect(JSON.stringify(auditOf(db))).not.toContain('900123');
    expect(verifyAudit(db).ok).toBe(true);
  });

  it('undoes a replacement by bringing the replaced reason back, and a title removal by restoring it', () => {
    const { db, participantId, conversationId } = setup();
    label(db, { participantId, reasonCode: 'personal-contact' });
    label(db, { participantId, reasonCode: 'article-8' });
    expect(undoState(db, 'alice').undo?.summary).toBe(
      "redaction 'Article 8: private and family life' of a sender's name, replacing 'Personal data (contact details)'",
    );
    undo(db, 'alice');
    expect(liveLabels(db)).toMatchObject([{ participantId, reasonCode: 'personal-contact' }]);

    const title = label(db, { conversationId, reasonCode: 'lpp' }).redaction;
    removeLabelRedaction(db, title.id, 'alice');
    expect(undoState(db, 'alice').undo?.summary).toBe("removal of redaction 'Legal professional privilege' of a conversation title");
    undo(db, 'alice');
    expect(liveLabels(db)).toMatchObject([{ participantId }, { conversationId, reasonCode: 'lpp' }]);
  });

  it("undoes a name's redaction after undoing its removal: the restored copy goes", () => {
    const { db, participantId } = setup();
    const { redaction } = label(db, { participantId, reasonCode: 'personal-contact' });
    removeLabelRedaction(db, redaction.id, 'alice');
    undo(db, 'alice');
    expect(liveLabels(db)).toMatchObject([{ participantId, reasonCode: 'personal-contact' }]);
    undo(db, 'alice');
    expect(liveLabels(db)).toEqual([]);
    redo(db, 'alice');
    expect(liveLabels(db)).toMatchObject([{ participantId, reasonCode: 'personal-contact' }]);
    expect(verifyAudit(db).ok).toBe(true);
  });

  it("undoes a file name's redaction after undoing its removal", () => {
    const { db, sourceId } = setup();
    const { redaction } = redactFileName(db, RedactFileNameArgsSchema.parse({ sourceId, reasonCode: 'personal-contact' }), 'alice');
    removeFileNameRedaction(db, redaction.id, 'alice');
    undo(db, 'alice');
    expect(listFileNameRedactions(db)).toHaveLength(1);
    undo(db, 'alice');
    expect(listFileNameRedactions(db)).toEqual([]);
  });

  it('refuses to undo a removal when the name has been redacted again since', () => {
    const { db, participantId } = setup();
    const { redaction } = label(db, { participantId, reasonCode: 'personal-contact' });
    removeLabelRedaction(db, redaction.id, 'alice');
    label(db, { participantId, reasonCode: 'lpp' }, 'bob');
    expect(() => undo(db, 'alice')).toThrow(/Cannot undo .*redacted again since by bob/);
    expect(liveLabels(db)).toMatchObject([{ reasonCode: 'lpp' }]);
  });
});
