import { describe, expect, it } from 'vitest';
import { verifyAudit } from '../../../main/audit/log';
import { timeline } from '../../../main/browse/timeline';
import { InvalidSpanError } from '../../../common/domain/redaction';
import { redactedTexts } from '../../../main/redact/apply';
import { RedactionAlreadyRemovedError, UnknownReasonCodeError } from '../../../main/redact/errors';
import { addRedaction, listRedactions, removeRedactions } from '../../../main/redact/redactions';
import { decide } from '../../../main/review/decisions';
import { MessagesNotFoundError } from '../../../main/review/errors';
import { AddRedactionArgsSchema, type AddRedactionArgs } from '../../../common/contract/channels/redaction';
import { DecideArgsSchema } from '../../../common/contract/channels/review';
import { useTempDir } from '../../helpers/temp';
import { reviewOf } from '../review/seed';
import { auditOf, caseWithBodies, count } from './seed';

const add = (raw: unknown): AddRedactionArgs => AddRedactionArgsSchema.parse(raw);
const SECRET = 'Call Jane on 07911 123456 about the 👍🏽 plan';

describe('redactions', () => {
  const tempDir = useTempDir();

  const setup = () => caseWithBodies(tempDir(), [SECRET, 'Second message', 'Third']);

  it('adds a span, stores it widened to whole characters, and lists it with its label', () => {
    const { db, ids } = setup();
    const emoji = SECRET.indexOf('👍');
    // Ends inside the emoji's surrogate pair: widened to the emoji and its skin tone.
    const { redaction } = addRedaction(
      db,
      add({ kind: 'span', messageId: ids[0], start: emoji, end: emoji + 1, reasonCode: 'article-8' }),
      'alice',
      1000,
    );
    expect(redaction).toMatchObject({
      kind: 'span',
      start: emoji,
      end: emoji + 4,
      reasonCode: 'article-8',
      label: 'Article 8: private and family life',
      createdBy: 'alice',
    });
    expect(listRedactions(db, { kind: 'message', messageId: ids[0]!, includeRemoved: false })).toEqual([redaction]);
  });

  it('moves a disclose item to disclose_redacted with a decision event, keeping its rationale, and audits once', () => {
    const { db, ids } = setup();
    decide(
      db,
      DecideArgsSchema.parse({
        selector: { kind: 'ids', ids: [ids[0]] },
        change: { classification: 'business', outcome: 'disclose', rationale: 'policy discussion' },
      }),
      'alice',
      1,
    );
    const result = addRedaction(
      db,
      add({ kind: 'span', messageId: ids[0], start: 13, end: 25, reasonCode: 'personal-contact', note: 'mobile' }),
      'alice',
      2,
    );
    expect(result.outcomeMoves).toEqual([{ messageId: ids[0], from: 'disclose', to: 'disclose_redacted' }]);
    expect(reviewOf(db, ids[0]!)).toMatchObject({
      classification: 'business',
      outcome: 'disclose_redacted',
      rationale: 'policy discussion',
    });
    expect(db.prepare('SELECT origin FROM review_events WHERE message_id = ? ORDER BY id DESC LIMIT 1').pluck().get(ids[0])).toBe(
      'decision',
    );
    const audit = auditOf(db);
    expect(audit.map((a) => a.action)).toEqual(['review.decided', 'redaction.added']);
    expect(audit[1]!.details).toMatchObject({
      start: 13,
      end: 25,
      reasonCode: 'personal-contact',
      note: 'mobile',
      outcomeMoves: result.outcomeMoves,
    });
    // The audit log records where, never what: the number itself is not in it.
    expect(JSON.stringify(audit)).not.toContain('07911');
    expect(verifyAudit(db).ok).toBe(true);
  });

  it('leaves pending and withheld items where they are when a span is added', () => {
    const { db, ids } = setup();
    expect(addRedaction(db, add({ kind: 'span', messageId: ids[0], start: 0, end: 4, reasonCode: 'lpp' }), 'alice').outcomeMoves).toEqual(
      [],
    );
    expect(reviewOf(db, ids[0]!)).toBeUndefined();
  });

  it('withholds the item on a whole-item redaction and applies as a withheld RedactedText', () => {
    const { db, ids } = setup();
    decide(db, DecideArgsSchema.parse({ selector: { kind: 'ids', ids: [ids[1]] }, change: { outcome: 'disclose' } }), 'alice', 1);
    const result = addRedaction(db, add({ kind: 'whole', messageId: ids[1], reasonCode: 'article-8' }), 'alice', 2);
    expect(result.outcomeMoves).toEqual([{ messageId: ids[1], from: 'disclose', to: 'withhold' }]);
    expect(redactedTexts(db, [ids[1]!]).get(ids[1]!)).toEqual({
      kind: 'whole',
      reasonCodes: ['article-8'],
      label: 'Article 8: private and family life',
    });
  });

  it('removal supersedes, never deletes: the row stays with who and when, and a delete is refused', () => {
    const { db, ids } = setup();
    const { redaction } = addRedaction(db, add({ kind: 'span', messageId: ids[0], start: 0, end: 4, reasonCode: 'lpp' }), 'alice', 1);
    expect(removeRedactions(db, [redaction.id], 'bob', 5)).toEqual({ removed: 1, outcomeMoves: [] });
    expect(listRedactions(db, { kind: 'message', messageId: ids[0]!, includeRemoved: false })).toEqual([]);
    expect(listRedactions(db, { kind: 'message', messageId: ids[0]!, includeRemoved: true })).toEqual([
      { ...redaction, removedAt: 5, removedBy: 'bob' },
    ]);
    expect(() => db.prepare('DELETE FROM redactions').run()).toThrow(/never deleted/);
    expect(() => removeRedactions(db, [redaction.id], 'bob')).toThrow(RedactionAlreadyRemovedError);
  });

  it('a replacement removes the old redaction pointing at the new one', () => {
    const { db, ids } = setup();
    const first = addRedaction(db, add({ kind: 'span', messageId: ids[0], start: 5, end: 9, reasonCode: 'lpp' }), 'alice', 1).redaction;
    const second = addRedaction(
      db,
      add({ kind: 'span', messageId: ids[0], start: 5, end: 9, reasonCode: 'personal-third-party', replaces: first.id }),
      'alice',
      2,
    );
    expect(second.replaced).toBe(first.id);
    const history = listRedactions(db, { kind: 'message', messageId: ids[0]!, includeRemoved: true });
    expect(history.map((r) => [r.id, r.removedAt, r.supersededBy])).toEqual([
      [first.id, 2, second.redaction.id],
      [second.redaction.id, null, null],
    ]);
  });

  it('removing the last span of a disclose_redacted item returns it to disclose: removal is the undo', () => {
    const { db, ids } = setup();
    decide(db, DecideArgsSchema.parse({ selector: { kind: 'ids', ids: [ids[0]] }, change: { outcome: 'disclose' } }), 'alice', 1);
    const a = addRedaction(db, add({ kind: 'span', messageId: ids[0], start: 0, end: 4, reasonCode: 'lpp' }), 'alice', 2).redaction;
    const b = addRedaction(db, add({ kind: 'span', messageId: ids[0], start: 13, end: 25, reasonCode: 'lpp' }), 'alice', 3).redaction;
    expect(removeRedactions(db, [a.id], 'alice', 4).outcomeMoves).toEqual([]);
    expect(removeRedactions(db, [b.id], 'alice', 5).outcomeMoves).toEqual([
      { messageId: ids[0], from: 'disclose_redacted', to: 'disclose' },
    ]);
    expect(auditOf(db).filter((e) => e.action === 'redaction.removed')).toHaveLength(2);
  });

  it('refuses an unknown reason code, a span outside the body and a missing message, changing nothing', () => {
    const { db, ids } = setup();
    expect(() => addRedaction(db, add({ kind: 'span', messageId: ids[2], start: 0, end: 2, reasonCode: 'made-up' }), 'alice')).toThrow(
      UnknownReasonCodeError,
    );
    expect(() => addRedaction(db, add({ kind: 'span', messageId: ids[2], start: 2, end: 99, reasonCode: 'lpp' }), 'alice')).toThrow(
      InvalidSpanError,
    );
    expect(() => addRedaction(db, add({ kind: 'whole', messageId: 999_999, reasonCode: 'lpp' }), 'alice')).toThrow(MessagesNotFoundError);
    expect(count(db, 'SELECT count(*) FROM redactions')).toBe(0);
    expect(auditOf(db)).toEqual([]);
  });

  it('overlapping spans merge into one box in the applied text, which never shows the hidden characters', () => {
    const { db, ids } = setup();
    addRedaction(db, add({ kind: 'span', messageId: ids[0], start: 5, end: 12, reasonCode: 'personal-third-party' }), 'alice');
    addRedaction(db, add({ kind: 'span', messageId: ids[0], start: 10, end: 25, reasonCode: 'personal-contact' }), 'alice');
    const text = redactedTexts(db, [ids[0]!]).get(ids[0]!)!;
    expect(text.kind === 'text' && text.segments.filter((s) => s.kind === 'redacted')).toEqual([
      {
        kind: 'redacted',
        start: 5,
        end: 25,
        length: 20,
        reasonCodes: ['personal-contact', 'personal-third-party'],
        label: 'Personal data (contact details); Personal data (third party)',
      },
    ]);
    expect(JSON.stringify(text)).not.toMatch(/Jane|07911/);
  });

  it('the timeline window carries each message’s live redactions', () => {
    const { db, ids, conversationId } = setup();
    const { redaction } = addRedaction(db, add({ kind: 'span', messageId: ids[0], start: 5, end: 9, reasonCode: 'lpp' }), 'alice');
    const { messages } = timeline(db, conversationId, 0, 3);
    expect(messages.map((m) => m.redactions)).toEqual([
      [{ id: redaction.id, kind: 'span', start: 5, end: 9, reasonCode: 'lpp', label: 'Legal professional privilege' }],
      [],
      [],
    ]);
  });
});
