import { describe, expect, it } from 'vitest';
import { verifyAudit } from '../../../main/audit/log';
import { timeline } from '../../../main/browse/timeline';
import { LabelRedactionNotFoundError, LabelTargetNotFoundError, UnknownReasonCodeError } from '../../../main/redact/errors';
import { listLabelRedactions, redactLabel, removeLabelRedaction } from '../../../main/redact/labels';
import { printedLabels, printedLabelText } from '../../../main/redact/printed-labels';
import { reasonLabels } from '../../../db/queries/export';
import { RedactLabelArgsSchema } from '../../../common/contract/channels/redaction';
import { useTempDir } from '../../helpers/temp';
import { auditOf, caseWithBodies, count } from './seed';

const PHONE = '+44 7700 900123';

describe('label and title redactions', () => {
  const tempDir = useTempDir();

  /** A conversation of three messages, the first two sent by a participant saved as a phone number. */
  const setup = () => {
    const seeded = caseWithBodies(tempDir(), ['Call me', 'Later', 'OK'], 'Fiona Laird');
    const { db, sourceId, conversationId, ids } = seeded;
    const participantId = Number(
      db.prepare("INSERT INTO participants (source_id, source_key, label) VALUES (?, 'p1', ?)").run(sourceId, PHONE).lastInsertRowid,
    );
    const owner = Number(
      db.prepare("INSERT INTO participants (source_id, source_key, label, is_owner) VALUES (?, 'me', 'Fiona Laird', 1)").run(sourceId)
        .lastInsertRowid,
    );
    db.prepare('INSERT INTO conversation_participants (conversation_id, participant_id) VALUES (?, ?), (?, ?)').run(
      conversationId,
      participantId,
      conversationId,
      owner,
    );
    db.prepare('UPDATE messages SET sender_participant_id = ? WHERE id IN (?, ?)').run(participantId, ids[0], ids[1]);
    return { ...seeded, participantId, owner };
  };
  const args = (raw: unknown) => RedactLabelArgsSchema.parse(raw);

  it("redacts a participant's label with a reason, lists it, and audits it without the label", () => {
    const { db, participantId } = setup();
    const { redaction, replaced } = redactLabel(
      db,
      args({ participantId, reasonCode: 'personal-contact', note: 'mobile number' }),
      'alice',
      1000,
    );
    expect(replaced).toBeNull();
    expect(redaction).toMatchObject({
      participantId,
      conversationId: null,
      text: PHONE,
      reasonCode: 'personal-contact',
      label: 'Personal data (contact details)',
      createdBy: 'alice',
    });
    expect(listLabelRedactions(db)).toEqual([redaction]);
    const audit = auditOf(db).filter((a) => a.action === 'label-redaction.added');
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit)).not.toContain('7700');
    expect(verifyAudit(db).ok).toBe(true);
  });

  it("redacts a conversation's title", () => {
    const { db, conversationId } = setup();
    const { redaction } = redactLabel(db, args({ conversationId, reasonCode: 'article-8' }), 'alice');
    expect(redaction).toMatchObject({
      participantId: null,
      conversationId,
      text: 'Fiona Laird chat',
      label: 'Article 8: private and family life',
    });
  });

  it('replaces a live redaction of the same label when given another reason, keeping the old one as superseded', () => {
    const { db, participantId } = setup();
    const first = redactLabel(db, args({ participantId, reasonCode: 'personal-contact' }), 'alice', 1000).redaction;
    const second = redactLabel(db, args({ participantId, reasonCode: 'article-8' }), 'alice', 2000);
    expect(second.replaced).toBe(first.id);
    expect(listLabelRedactions(db).map((r) => r.id)).toEqual([second.redaction.id]);
    expect(
      db.prepare('SELECT removed_at AS removedAt, superseded_by AS supersededBy FROM label_redactions WHERE id = ?').get(first.id),
    ).toEqual({
      removedAt: 2000,
      supersededBy: second.redaction.id,
    });
  });

  it('removes a redaction by marking it, and says so when it is already removed', () => {
    const { db, participantId } = setup();
    const { redaction } = redactLabel(db, args({ participantId, reasonCode: 'personal-contact' }), 'alice');
    expect(removeLabelRedaction(db, redaction.id, 'bob')).toEqual({ removed: redaction.id });
    expect(listLabelRedactions(db)).toEqual([]);
    expect(count(db, 'SELECT count(*) FROM label_redactions')).toBe(1);
    expect(() => removeLabelRedaction(db, redaction.id, 'bob')).toThrow(LabelRedactionNotFoundError);
    expect(auditOf(db).map((a) => a.action)).toEqual(['label-redaction.added', 'label-redaction.removed']);
  });

  it('refuses a participant or conversation not in the case, and an unknown reason', () => {
    const { db, participantId } = setup();
    expect(() => redactLabel(db, args({ participantId: 999, reasonCode: 'article-8' }), 'alice')).toThrow(LabelTargetNotFoundError);
    expect(() => redactLabel(db, args({ conversationId: 999, reasonCode: 'article-8' }), 'alice')).toThrow(
      /Conversation #999 is not in this case/,
    );
    expect(() => redactLabel(db, args({ participantId, reasonCode: 'no-such-reason' }), 'alice')).toThrow(UnknownReasonCodeError);
    expect(count(db, 'SELECT count(*) FROM label_redactions')).toBe(0);
  });

  it('marks the redacted sender on timeline rows', () => {
    const { db, participantId, conversationId } = setup();
    const { redaction } = redactLabel(db, args({ participantId, reasonCode: 'personal-contact' }), 'alice');
    const rows = timeline(db, conversationId, 0, 3).messages;
    expect(rows.map((m) => m.senderRedaction?.id ?? null)).toEqual([redaction.id, redaction.id, null]);
    expect(rows[0]).toMatchObject({
      sender: PHONE,
      senderParticipantId: participantId,
      senderRedaction: { reasonCode: 'personal-contact', label: 'Personal data (contact details)' },
    });
  });

  it('prints a redacted label as a box with the reason, alone or in a list of participants', () => {
    const { db, participantId, owner, conversationId } = setup();
    redactLabel(db, args({ participantId, reasonCode: 'personal-contact' }), 'alice');
    const labels = reasonLabels(db);
    const printed = printedLabels(db, (code) => labels.get(code) ?? code);
    expect(printed.participant(participantId, PHONE)).toMatchObject({ kind: 'whole', label: 'Personal data (contact details)' });
    expect(printedLabelText(printed.participant(owner, 'Fiona Laird'))).toBe('Fiona Laird');
    expect(
      printedLabelText(
        printed.list(
          [
            { id: owner, label: 'Fiona Laird' },
            { id: participantId, label: PHONE },
          ],
          ', ',
        ),
      ),
    ).toBe('Fiona Laird, [REDACTED: Personal data (contact details)]');
    expect(printedLabelText(printed.title(conversationId, 'Fiona Laird chat'))).toBe('Fiona Laird chat');
  });
});
