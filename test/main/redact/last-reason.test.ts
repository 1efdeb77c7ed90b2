import { describe, expect, it } from 'vitest';
import { redactLabel } from '../../../main/redact/labels';
import { lastUsedReason } from '../../../main/redact/reasons';
import { addRedaction, removeRedactions } from '../../../main/redact/redactions';
import { AddRedactionArgsSchema, RedactLabelArgsSchema } from '../../../common/contract/channels/redaction';
import { useTempDir } from '../../helpers/temp';
import { caseWithBodies } from './seed';

describe('the reason last used in the case', () => {
  const tempDir = useTempDir();

  it('is none in a case without redactions: no reason is preselected', () => {
    const { db } = caseWithBodies(tempDir(), ['Ring 07700 900461']);
    expect(lastUsedReason(db)).toBeNull();
  });

  it("is the newest redaction's reason, message or label, whoever made it and even once removed", () => {
    const { db, ids, conversationId } = caseWithBodies(tempDir(), ['Ring 07700 900461', 'Second']);
    const span = (reasonCode: string, at: number, actor = 'alice') =>
      addRedaction(db, AddRedactionArgsSchema.parse({ kind: 'span', messageId: ids[0], start: 0, end: 4, reasonCode }), actor, at)
        .redaction;
    span('personal-contact', 1000);
    expect(lastUsedReason(db)).toBe('personal-contact');
    const lpp = span('lpp', 2000, 'bob');
    expect(lastUsedReason(db)).toBe('lpp');
    redactLabel(db, RedactLabelArgsSchema.parse({ conversationId, reasonCode: 'article-8' }), 'alice', 3000);
    expect(lastUsedReason(db)).toBe('article-8');
    span('commercial', 2500);
    // Newest by time, not by which table holds it.
    expect(lastUsedReason(db)).toBe('article-8');
    removeRedactions(db, [lpp.id], 'alice', 4000);
    expect(lastUsedReason(db)).toBe('article-8');
  });
});
